package io.github.geminicomet.autoconfigure.web;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.geminicomet.GeminiTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiProblemDetailsAutoConfiguration} and {@link GeminiExceptionHandler}: an
 * application's own endpoint, served on 127.0.0.1, answers Gemini's errors (from a WireMock Gemini) with
 * problem details and meaningful statuses.
 */
@SpringBootTest(classes = GeminiProblemDetailsAutoConfigurationTests.AskApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cometapi.gemini.api-key=test-key", "cometapi.gemini.problemdetails.enabled=true",
				"cometapi.gemini.retry.enabled=false", "server.address=127.0.0.1" })
class GeminiProblemDetailsAutoConfigurationTests {

	private static final WireMockServer gemini = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void geminiBaseUrl(DynamicPropertyRegistry registry) {
		if (!gemini.isRunning()) {
			gemini.start();
		}
		registry.add("cometapi.gemini.base-url", () -> "http://127.0.0.1:" + gemini.port());
	}

	@AfterAll
	static void stopGemini() {
		gemini.stop();
	}

	@BeforeEach
	void resetGemini() {
		gemini.resetAll();
	}

	@Test
	void rateLimitIsA429WithRetryAfterAndGeminiStatus() {
		geminiAnswers(429, """
				{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[
				{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}}""");
		ask("gemini-3.5-flash-lite").expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("Retry-After", "7")
			.expectBody()
			.jsonPath("$.status").isEqualTo(429)
			.jsonPath("$.title").isEqualTo("Gemini's rate limit was reached")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("Quota exceeded")
				.doesNotContain("127.0.0.1"))
			.jsonPath("$.geminiStatus").isEqualTo("RESOURCE_EXHAUSTED")
			.jsonPath("$.instance").isEqualTo("/ask");
	}

	@Test
	void unknownModelIsA502ThatSaysTheModelDoesNotExist() {
		geminiAnswers(404, """
				{"error":{"code":404,"message":"models/gemini-2.5-flash-image is not found for API version v1beta.",
				 "status":"NOT_FOUND"}}""");
		ask("gemini-2.5-flash-image").expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail)
				.contains("The model 'gemini-2.5-flash-image' does not exist")
				.contains("listModels()"));
	}

	@Test
	void invalidArgumentIsA400AndUnavailableA503AndBadKeyA502() {
		geminiAnswers(400, "{\"error\":{\"code\":400,\"message\":\"Bad prompt\",\"status\":\"INVALID_ARGUMENT\"}}");
		ask("gemini-3.5-flash-lite").expectStatus().isEqualTo(400).expectBody().jsonPath("$.title")
			.isEqualTo("Gemini refused the request");
		geminiAnswers(503, "{\"error\":{\"code\":503,\"message\":\"Overloaded\",\"status\":\"UNAVAILABLE\"}}");
		ask("gemini-3.5-flash-lite").expectStatus().isEqualTo(503);
		geminiAnswers(401, "{\"error\":{\"code\":401,\"message\":\"API key not valid\",\"status\":\"UNAUTHENTICATED\"}}");
		ask("gemini-3.5-flash-lite").expectStatus().isEqualTo(502).expectBody()
			.jsonPath("$.title").isEqualTo("Gemini refused the application's API key")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).doesNotContain("test-key"));
	}

	@Test
	void blockedPromptIsA422() {
		gemini.stubFor(post(urlPathMatching(".*:generateContent")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}")));
		ask("gemini-3.5-flash-lite").expectStatus().isEqualTo(422).expectBody().jsonPath("$.title")
			.isEqualTo("Blocked by Gemini's safety filters");
	}

	@Test
	void offByDefaultAndBacksOffForTheApplicationsHandler() {
		ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GeminiProblemDetailsAutoConfiguration.class));
		runner.run((context) -> assertThat(context).doesNotHaveBean(GeminiExceptionHandler.class));
		runner.withPropertyValues("cometapi.gemini.problemdetails.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(GeminiExceptionHandler.class));
		runner.withPropertyValues("cometapi.gemini.problemdetails.enabled=true")
			.withBean("custom", GeminiExceptionHandler.class, CustomHandler::new)
			.run((context) -> assertThat(context).hasSingleBean(GeminiExceptionHandler.class)
				.getBean(GeminiExceptionHandler.class)
				.isInstanceOf(CustomHandler.class));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GeminiProblemDetailsAutoConfiguration.class))
			.withPropertyValues("cometapi.gemini.problemdetails.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(GeminiExceptionHandler.class));
	}

	private WebTestClient.ResponseSpec ask(String model) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.get()
			.uri((uri) -> uri.path("/ask").queryParam("model", model).build())
			.exchange();
	}

	private static void geminiAnswers(int status, String body) {
		gemini.stubFor(post(urlPathMatching(".*:generateContent"))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	static class CustomHandler extends GeminiExceptionHandler {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AskApplication {

		@Bean
		AskController askController(GeminiTemplate gemini) {
			return new AskController(gemini);
		}

	}

	@RestController
	static class AskController {

		private final GeminiTemplate gemini;

		AskController(GeminiTemplate gemini) {
			this.gemini = gemini;
		}

		@GetMapping("/ask")
		Mono<String> ask(@RequestParam String model) {
			return this.gemini.generateText(model, "Hi");
		}

	}

}
