package io.github.geminicomet.observation;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.observation.ObservationRegistry;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.RetrySettings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Shared setup of the observation tests: a WireMock gateway with a unary answer, a stream whose every
 * event carries the cumulative usage so far, and an error.
 */
final class ObservationFixtures {

	static final String API_KEY = "AIzaOBSERVE-k3y-that-must-never-leak-0099";

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	static final String UNARY_PATH = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	static final String STREAM_PATH = "/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse";

	static final String FAILING_PATH = "/v1beta/models/gemini-2.5-pro:generateContent";

	static final String UNARY = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Rex"}]},"finishReason":"STOP","index":0}],
			 "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":1,"totalTokenCount":34,
			  "thoughtsTokenCount":24,"cachedContentTokenCount":2,"toolUsePromptTokenCount":4},
			 "modelVersion":"gemini-2.5-flash-001","responseId":"unary-1"}""".replace("\n", "");

	/** Three events, each with the usage so far: the final usage is 7 in, 3 out (summed: 21 and 6). */
	static final String STREAM = event("Hel", null, 1) + event("lo", null, 2) + event("!", "STOP", 3);

	static final String ERROR = """
			{"error":{"code":500,"message":"Internal error","status":"INTERNAL"}}""";

	private ObservationFixtures() {
	}

	static WireMockExtension wireMock() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
	}

	static void stubGateway(WireMockExtension wireMock) {
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH)).willReturn(okJson(UNARY)));
		wireMock.stubFor(post(urlEqualTo(STREAM_PATH))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		wireMock.stubFor(post(urlEqualTo(FAILING_PATH))
			.willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody(ERROR)));
	}

	static GeminiTemplate template(WireMockExtension wireMock, ObservationRegistry registry) {
		return GeminiTemplate.builder()
			.apiKey(API_KEY)
			.baseUrl("http://127.0.0.1:" + wireMock.getPort())
			.retry(RetrySettings.NONE)
			.observationRegistry(registry)
			.build();
	}

	private static String event(String text, String finishReason, int outputTokens) {
		String finish = (finishReason != null) ? ",\"finishReason\":\"" + finishReason + "\"" : "";
		String thoughts = (finishReason != null) ? ",\"thoughtsTokenCount\":4" : "";
		return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text + "\"}]}"
				+ finish + ",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":"
				+ outputTokens + ",\"totalTokenCount\":" + (7 + outputTokens) + thoughts
				+ "},\"modelVersion\":\"gemini-2.5-flash-002\",\"responseId\":\"stream-1\"}\r\n\r\n";
	}

}
