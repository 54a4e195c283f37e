package io.github.geminicomet.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the API key never leaves its header: a whole application with the actuator (health,
 * configprops and env endpoints exposed, values shown), every HTTP and Gemini logger at TRACE, request
 * details logged, the wiretap on, and unary, streaming and failing calls. Every log line, every
 * exception and every actuator response is searched for the key. Also the actuator's sanitizing of the
 * key, and the warning about a base URL that would send it unencrypted.
 */
@ExtendWith(OutputCaptureExtension.class)
class GeminiApiKeySecrecyTests {

	private static final String API_KEY = "AIzaSECRET-k3y-that-must-never-leak-4242";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Rex"}]},"finishReason":"STOP","index":0}],
			 "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1,"totalTokenCount":4}}""".replace("\n", "");

	private static final String STREAM = """
			data: {"candidates":[{"content":{"role":"model","parts":[{"text":"He"}]},"index":0}]}\r
			\r
			data: {"candidates":[{"content":{"parts":[{"text":"llo"}]},"finishReason":"STOP","index":0}]}\r
			\r
			""";

	private static final String ERROR_AFTER_EVENT = """
			data: {"candidates":[{"content":{"role":"model","parts":[{"text":"He"}]},"index":0}]}\r
			\r
			data: {"error":{"code":503,"message":"The model is overloaded","status":"UNAVAILABLE"}}\r
			\r
			""";

	private static final List<String> TRACED_CATEGORIES = List.of("org.springframework", "reactor", "io.netty",
			"io.github.geminicomet", "io.micrometer");

	@RegisterExtension
	static final WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@Test
	void apiKeyNeverAppearsInLogsExceptionsOrActuatorResponses(CapturedOutput output) {
		stubGateway();
		Map<String, String> evidence = new LinkedHashMap<>();
		try (ConfigurableApplicationContext context = startApplication()) {
			GeminiTemplate template = context.getBean(GeminiTemplate.class);
			evidence.put("template", template.toString());
			evidence.put("unary", template.generateText("Name a dog").block(TIMEOUT));
			evidence.put("stream", String.join("", template.streamText("Say hello").collectList().block(TIMEOUT)));
			evidence.put("model", String.valueOf(template.getModel("gemini-3.5-flash-lite").block(TIMEOUT)));
			evidence.put("401", failure(template, "gemini-unauthorized"));
			evidence.put("500 after retries", failure(template, "gemini-broken"));
			evidence.put("error event", streamFailure(template));
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			WebClient actuator = WebClient.create("http://127.0.0.1:" + port + "/actuator");
			for (String path : List.of("/health", "/health/gemini", "/configprops", "/configprops/cometapi.gemini",
					"/env", "/env/cometapi.gemini.api-key", "/metrics/gen_ai.client.operation.duration")) {
				evidence.put(path, actuator.get()
					.uri(path)
					.exchangeToMono((response) -> response.bodyToMono(String.class))
					.defaultIfEmpty("")
					.block(TIMEOUT));
			}
		}
		finally {
			resetLogLevels();
		}
		// the checks looked where the key would be: it was sent, and the endpoints list its property
		wireMock.verify(postRequestedFor(urlPathEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
			.withHeader("x-goog-api-key", equalTo(API_KEY)));
		assertThat(evidence.get("/health")).contains("\"gemini\"").contains("\"status\":\"UP\"");
		assertThat(evidence.get("/env")).contains("cometapi.gemini.api-key");
		assertThat(evidence.get("/configprops")).contains("cometapi.gemini").contains("apiKey");
		assertThat(evidence.get("/metrics/gen_ai.client.operation.duration")).contains("gen_ai.request.model");
		assertThat(output.getAll()).contains("GET /v1beta/models/gemini-3.5-flash-lite").contains("******");
		SoftAssertions leaks = new SoftAssertions();
		evidence.forEach((where, text) -> leaks.assertThat(text).as(where).isNotNull().doesNotContain(API_KEY));
		leaks.assertThat(output.getAll()).as("log output").doesNotContain(API_KEY);
		leaks.assertAll();
	}

	@Test
	void sanitizingFunctionMasksTheKeyByNameAndByValue() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class))
			.withPropertyValues("cometapi.gemini.api-key=" + API_KEY)
			.run((context) -> {
				SanitizingFunction function = context.getBean("geminiApiKeySanitizingFunction",
						SanitizingFunction.class);
				for (String name : List.of("cometapi.gemini.api-key", "COMETAPI_GEMINI_APIKEY",
						"cometapi.gemini.apiKey", "COMETAPI_KEY")) {
					assertThat(sanitized(function, name, "rotated-key")).as(name)
						.isEqualTo(SanitizableData.SANITIZED_VALUE);
				}
				assertThat(sanitized(function, "spring.application.json", "{\"k\":\"" + API_KEY + "\"}"))
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
				assertThat(sanitized(function, "cometapi.gemini.model", "gemini-3.5-flash-lite"))
					.isEqualTo("gemini-3.5-flash-lite");
			});
	}

	@Test
	void plainHttpBaseUrlToAnotherHostLogsWarning(CapturedOutput output) {
		baseUrlRunner("http://gemini-gateway.internal:8080")
			.run((context) -> assertThat(output).contains("The Gemini base URL http://gemini-gateway.internal is "
					+ "plain http: the API key and every prompt travel unencrypted"));
	}

	@Test
	void httpsOrLoopbackBaseUrlLogsNoWarning(CapturedOutput output) {
		for (String baseUrl : List.of("https://api.cometapi.com", "http://127.0.0.1:8080", "http://localhost:8080",
				"http://[::1]:8080")) {
			baseUrlRunner(baseUrl).run((context) -> assertThat(context).hasSingleBean(GeminiTemplate.class));
		}
		assertThat(output).doesNotContain("is plain http");
	}

	private static ApplicationContextRunner baseUrlRunner(String baseUrl) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class))
			.withPropertyValues("cometapi.gemini.api-key=" + API_KEY, "cometapi.gemini.base-url=" + baseUrl);
	}

	private static Object sanitized(SanitizingFunction function, String key, Object value) {
		return function.applyUnlessFiltered(new SanitizableData(null, key, value)).getValue();
	}

	private ConfigurableApplicationContext startApplication() {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--cometapi.gemini.api-key=" + API_KEY,
				"--cometapi.gemini.base-url=http://127.0.0.1:" + wireMock.getPort(),
				"--cometapi.gemini.wiretap=true", "--cometapi.gemini.retry.max-attempts=2",
				"--cometapi.gemini.retry.initial-backoff=10ms", "--cometapi.gemini.retry.max-backoff=10ms",
				"--management.endpoints.web.exposure.include=health,configprops,env,metrics",
				"--management.endpoint.health.show-details=always",
				"--management.endpoint.configprops.show-values=always", "--management.endpoint.env.show-values=always",
				"--spring.http.codecs.log-request-details=true", "--spring.codec.log-request-details=true",
				"--spring.main.banner-mode=off"));
		TRACED_CATEGORIES.forEach((category) -> args.add("--logging.level." + category + "=TRACE"));
		return application.run(args.toArray(String[]::new));
	}

	private static void resetLogLevels() {
		LoggingSystem loggingSystem = LoggingSystem.get(GeminiApiKeySecrecyTests.class.getClassLoader());
		TRACED_CATEGORIES.forEach((category) -> loggingSystem.setLogLevel(category, null));
	}

	private static void stubGateway() {
		wireMock.stubFor(
				post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent")).willReturn(okJson(ANSWER)));
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-error:streamGenerateContent?alt=sse"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(ERROR_AFTER_EVENT)));
		wireMock.stubFor(get(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite"))
			.willReturn(okJson("{\"name\":\"models/gemini-3.5-flash-lite\"}")));
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-unauthorized:generateContent"))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"code\":401,\"message\":\"API key not valid\","
						+ "\"status\":\"UNAUTHENTICATED\"}}")));
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-broken:generateContent"))
			.willReturn(aResponse().withStatus(500).withBody("upstream failure")));
	}

	private static String failure(GeminiTemplate template, String model) {
		try {
			template.generateContent(model, GenerateContentRequest.of("Name a cat")).block(TIMEOUT);
		}
		catch (RuntimeException ex) {
			return describe(ex);
		}
		throw new AssertionError("Expected the call to " + model + " to fail");
	}

	private static String streamFailure(GeminiTemplate template) {
		try {
			template.streamGenerateContent("gemini-error", GenerateContentRequest.of("Name a bird"))
				.collectList()
				.block(TIMEOUT);
		}
		catch (RuntimeException ex) {
			return describe(ex);
		}
		throw new AssertionError("Expected the stream to fail");
	}

	private static String describe(Throwable ex) {
		StringWriter trace = new StringWriter();
		ex.printStackTrace(new PrintWriter(trace));
		return ex + "\n" + trace;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
