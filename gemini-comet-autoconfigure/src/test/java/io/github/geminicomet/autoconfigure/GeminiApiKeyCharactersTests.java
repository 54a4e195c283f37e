package io.github.geminicomet.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.geminicomet.GeminiTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the checks {@link GeminiAutoConfiguration} makes on the characters of the API key: a trailing
 * newline is dropped, a control character inside the key fails startup naming the property.
 *
 * @author gemini-comet
 */
class GeminiApiKeyCharactersTests {

	private static final String PATH = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	private static final String ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Rex"}]},"finishReason":"STOP","index":0}]}""";

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class));

	@Test
	void keyEndingInANewlineIsSentWithoutIt() {
		wireMock.stubFor(post(urlEqualTo(PATH))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ANSWER)));
		this.contextRunner.withSystemProperties("COMETAPI_KEY=from-a-secret-mount\n")
			.withPropertyValues("cometapi.gemini.base-url=http://127.0.0.1:" + wireMock.getPort())
			.run((context) -> {
				assertThat(context.getBean(GeminiTemplate.class).generateText("Hi").block()).isEqualTo("Rex");
				wireMock.verify(postRequestedFor(urlEqualTo(PATH))
					.withHeader("x-goog-api-key", equalTo("from-a-secret-mount")));
			});
	}

	@Test
	void keyPropertyWithALineBreakInsideFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=secret-part\r\nX-Injected: yes")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidGeminiPropertyException.class)
					.hasMessageContaining("'cometapi.gemini.api-key'")
					.hasMessageContaining("U+000D")
					.satisfies((ex) -> assertThat(ex.getMessage() + ((InvalidGeminiPropertyException) ex).getAction())
						.doesNotContain("secret-part")
						.doesNotContain("X-Injected"));
			});
	}

	@Test
	void keyVariableWithATabInsideFailsStartupNamingTheVariable() {
		this.contextRunner.withSystemProperties("COMETAPI_KEY=secret\tpart").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidGeminiPropertyException.class)
				.hasMessageContaining("'COMETAPI_KEY'")
				.hasMessageNotContaining("secret");
		});
	}

}
