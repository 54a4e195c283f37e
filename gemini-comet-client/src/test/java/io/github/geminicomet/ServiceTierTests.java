package io.github.geminicomet;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.ServiceTier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the service tier and labels of {@link GeminiTemplate} requests, on the wire.
 */
class ServiceTierTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String PATH = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	@Test
	void defaultsAreSentUnderTheRequestsOwnAndTheServedTierIsReadable() {
		wireMock.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("""
				{"candidates": [{"content": {"role": "model", "parts": [{"text": "hi"}]}, "finishReason": "STOP"}],
				 "usageMetadata": {"promptTokenCount": 1, "totalTokenCount": 2, "serviceTier": "flex"}}
				""")));
		try (GeminiTemplate gemini = TemplateFixtures.templateBuilder(TemplateFixtures.baseUrl(wireMock))
			.defaultServiceTier(ServiceTier.FLEX)
			.defaultLabels(Map.of("team", "search", "env", "prod"))
			.build()) {
			GenerateContentResponse response = gemini
				.generateContent("gemini-3.5-flash-lite", GenerateContentRequest.builder()
					.addContent(io.github.geminicomet.model.Content.user("hello"))
					.labels(Map.of("env", "dev"))
					.build())
				.block(TemplateFixtures.TIMEOUT);
			assertThat(response.usageMetadata().serviceTier()).isEqualTo("flex");
			assertThat(ServiceTier.of(response.usageMetadata().serviceTier())).isEqualTo(ServiceTier.FLEX);
			wireMock.verify(postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(equalToJson(
					"{\"serviceTier\": \"flex\", \"labels\": {\"team\": \"search\", \"env\": \"dev\"}}", true, true)));

			gemini.generateContent("gemini-3.5-flash-lite", GenerateContentRequest.builder()
				.addContent(io.github.geminicomet.model.Content.user("fast"))
				.serviceTier(ServiceTier.PRIORITY)
				.build()).block(TemplateFixtures.TIMEOUT);
			wireMock.verify(postRequestedFor(urlPathEqualTo(PATH))
				.withRequestBody(equalToJson("{\"serviceTier\": \"priority\"}", true, true)));
		}
	}

	@Test
	void nothingIsSentWithoutDefaultsOrRequestValues() {
		wireMock.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("""
				{"candidates": [{"content": {"role": "model", "parts": [{"text": "hi"}]}}]}
				""")));
		try (GeminiTemplate gemini = TemplateFixtures.template(wireMock)) {
			gemini.generateContent("gemini-3.5-flash-lite", GenerateContentRequest.of("plain")).block(TemplateFixtures.TIMEOUT);
		}
		assertThat(wireMock.getAllServeEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getRequest().getBodyAsString()).doesNotContain("serviceTier")
				.doesNotContain("labels"));
	}

	@Test
	void tierWireValuesAreReadTolerantly() {
		assertThat(ServiceTier.of("SERVICE_TIER_PRIORITY")).isEqualTo(ServiceTier.PRIORITY);
		assertThat(ServiceTier.of("standard")).isEqualTo(ServiceTier.STANDARD);
		assertThat(ServiceTier.of("turbo")).isEqualTo(ServiceTier.UNKNOWN);
	}

}
