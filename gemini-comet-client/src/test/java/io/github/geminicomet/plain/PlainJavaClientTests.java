package io.github.geminicomet.plain;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.geminicomet.GeminiTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that a plain Java program, with {@code gemini-comet-client} and what it pulls in but no Spring
 * Boot on its classpath, builds a {@link GeminiTemplate} through its public API and calls Gemini.
 *
 * @author gemini-comet
 */
class PlainJavaClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final WireMockExtension gemini = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@Test
	void classpathHasNoSpringBoot() {
		ClassLoader loader = PlainJavaClientTests.class.getClassLoader();
		for (String type : List.of("org.springframework.boot.SpringApplication",
				"org.springframework.boot.autoconfigure.AutoConfiguration",
				"org.springframework.boot.health.contributor.Health")) {
			assertThatExceptionOfType(ClassNotFoundException.class).as(type)
				.isThrownBy(() -> Class.forName(type, false, loader));
		}
	}

	@Test
	void builderBuildsATemplateThatCallsGeminiAndStreams() {
		gemini.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"candidates":[{"content":{"role":"model","parts":[{"text":"Rex"}]},"finishReason":"STOP"}]}""")));
		gemini.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
					data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Re"}]}}]}

					data: {"candidates":[{"content":{"role":"model","parts":[{"text":"x"}]},"finishReason":"STOP"}]}

					""")));
		try (GeminiTemplate template = GeminiTemplate.builder()
			.apiKey("plain-java-key")
			.baseUrl("http://127.0.0.1:" + gemini.getPort())
			.build()) {
			assertThat(template.generateText("Name a dog").block(TIMEOUT)).isEqualTo("Rex");
			assertThat(template.streamText("Name a dog").collectList().block(TIMEOUT)).containsExactly("Re", "x");
		}
		gemini.verify(1, postRequestedFor(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
			.withHeader("x-goog-api-key", equalTo("plain-java-key")));
		gemini.verify(1, postRequestedFor(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse"))
			.withHeader("x-goog-api-key", equalTo("plain-java-key")));
	}

}
