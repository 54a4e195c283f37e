package io.github.geminicomet.autoconfigure;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.geminicomet.GeminiRequestException;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.TinyProxy;
import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the {@code cometapi.gemini.proxy.*} properties of {@link GeminiAutoConfiguration}, through a
 * real {@code tinyproxy}: binding, authentication, the error for a wrong password, the startup checks and
 * the actuator's masking of the password.
 *
 * @author gemini-comet
 */
class GeminiProxyAutoConfigurationTests {

	private static final String PATH = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	private static final String ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Rex"}]},"finishReason":"STOP","index":0}]}""";

	private static final String PASSWORD = "pr0xy-secret-from-properties";

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@AutoClose
	private TinyProxy proxy;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class))
		.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.retry.enabled=false");

	private ApplicationContextRunner proxied(String password) {
		this.proxy = TinyProxy.start("bob", PASSWORD);
		wireMock.stubFor(post(urlEqualTo(PATH))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ANSWER)));
		return this.contextRunner.withPropertyValues("cometapi.gemini.base-url=http://127.0.0.1:" + wireMock.getPort(),
				"cometapi.gemini.proxy.host=127.0.0.1", "cometapi.gemini.proxy.port=" + this.proxy.port(),
				"cometapi.gemini.proxy.username=bob", "cometapi.gemini.proxy.password=" + password);
	}

	@Test
	void callsGoThroughTheConfiguredProxy() {
		proxied(PASSWORD).run((context) -> {
			assertThat(context.getBean(GeminiTemplate.class).generateText("Hi").block()).isEqualTo("Rex");
			assertThat(this.proxy.requestsTo(wireMock.getPort())).as(this.proxy.log()).isEqualTo(1);
			assertThat(context.getBean(GeminiProperties.class).getProxy().toString()).doesNotContain(PASSWORD);
		});
	}

	@Test
	void wrongProxyPasswordFailsNamingTheProxyProperties() {
		proxied("not-the-password").run((context) -> {
			assertThatExceptionOfType(GeminiRequestException.class)
				.isThrownBy(() -> context.getBean(GeminiTemplate.class)
					.generateContent(GenerateContentRequest.of("Hi"))
					.block())
				.withMessageContaining("through the proxy")
				.withMessageContaining("cometapi.gemini.proxy.password")
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("not-the-password"));
			wireMock.verify(0, anyRequestedFor(anyUrl()));
		});
	}

	@Test
	void proxyHostWithoutPortFailsStartup() {
		this.contextRunner.withPropertyValues("cometapi.gemini.proxy.host=proxy.corp.example").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidGeminiPropertyException.class)
				.hasMessageContaining("cometapi.gemini.proxy.port");
		});
	}

	@Test
	void proxyPropertiesBind() {
		this.contextRunner.withPropertyValues("cometapi.gemini.proxy.type=socks5",
				"cometapi.gemini.proxy.host=proxy.corp.example", "cometapi.gemini.proxy.port=1080",
				"cometapi.gemini.proxy.non-proxy-hosts=localhost,*.internal")
			.run((context) -> {
				assertThat(context).hasSingleBean(GeminiTemplate.class);
				GeminiProperties.Proxy proxy = context.getBean(GeminiProperties.class).getProxy();
				assertThat(proxy.getType()).hasToString("SOCKS5");
				assertThat(proxy.getNonProxyHosts()).containsExactly("localhost", "*.internal");
			});
	}

	@Test
	void sanitizingFunctionMasksTheProxyPasswordByNameAndByValue() {
		this.contextRunner.withPropertyValues("cometapi.gemini.proxy.host=127.0.0.1", "cometapi.gemini.proxy.port=3128",
				"cometapi.gemini.proxy.username=bob", "cometapi.gemini.proxy.password=" + PASSWORD)
			.run((context) -> {
				SanitizingFunction function = context.getBean("geminiApiKeySanitizingFunction",
						SanitizingFunction.class);
				for (String name : List.of("cometapi.gemini.proxy.password", "COMETAPI_GEMINI_PROXY_PASSWORD",
						"proxy.password")) {
					assertThat(sanitized(function, name, "other")).as(name).isEqualTo(SanitizableData.SANITIZED_VALUE);
				}
				assertThat(sanitized(function, "spring.application.json", "{\"p\":\"" + PASSWORD + "\"}"))
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
				assertThat(sanitized(function, "cometapi.gemini.proxy.username", "bob")).isEqualTo("bob");
			});
	}

	private static Object sanitized(SanitizingFunction function, String key, Object value) {
		return function.applyUnlessFiltered(new SanitizableData(null, key, value)).getValue();
	}

}
