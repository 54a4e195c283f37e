package io.github.geminicomet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.geminicomet.tool.GeminiTool;
import io.github.geminicomet.tool.GeminiToolParam;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/**
 * Shared tools and WireMock helpers of the function-calling loop tests: a scenario that answers each
 * request of a loop with the next turn, and the bodies of the requests the loop sent.
 */
final class ToolCallingTestSupport {

	static final String MODEL = "gemini-3-pro-preview";

	static final String GENERATE_URL = "/v1beta/models/" + MODEL + ":generateContent";

	static final String STREAM_URL = "/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private ToolCallingTestSupport() {
	}

	/** Answer the n-th request to {@code url} with the n-th body (the last one from then on). */
	static void stubTurns(WireMockExtension wireMock, String url, boolean sse, String... bodies) {
		for (int i = 0; i < bodies.length; i++) {
			ScenarioMappingBuilder mapping = post(urlEqualTo(url)).inScenario("loop " + url)
				.whenScenarioStateIs((i == 0) ? STARTED : "turn " + (i + 1));
			if (i < bodies.length - 1) {
				mapping = mapping.willSetStateTo("turn " + (i + 2));
			}
			ResponseDefinitionBuilder response = sse
					? aResponse().withHeader("Content-Type", "text/event-stream").withBody(bodies[i])
					: okJson(bodies[i]);
			wireMock.stubFor(mapping.willReturn(response));
		}
	}

	/** The bodies of the requests sent to {@code url}, oldest first. */
	static List<String> bodies(WireMockExtension wireMock, String url) {
		return wireMock.findAll(postRequestedFor(urlEqualTo(url))).stream().map(LoggedRequest::getBodyAsString).toList();
	}

	/** The {@code contents} of a request body, as JSON text. */
	static String contents(String body) {
		return JSON.readTree(body).get("contents").toString();
	}

	/** The {@code thoughtSignature} of a part of a turn of a request body, or {@code null}. */
	static @Nullable String signature(String body, int turn, int part) {
		JsonNode signature = JSON.readTree(body).path("contents").path(turn).path("parts").path(part)
			.get("thoughtSignature");
		return (signature != null) ? signature.asString() : null;
	}

	/** Candidate JSON: one model turn with the given parts, optionally finished. */
	static String candidate(String parts, @Nullable String finishReason) {
		return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" + parts + "]}"
				+ ((finishReason != null) ? ",\"finishReason\":\"" + finishReason + "\"" : "") + ",\"index\":0}],"
				+ "\"modelVersion\":\"" + MODEL + "\"}";
	}

	record Place(String city, @Nullable String country) {
	}

	enum Unit {

		CELSIUS, FAHRENHEIT

	}

	record Weather(String city, int temperature, Unit unit) {
	}

	/**
	 * A blocking tool (weather) and a reactive one (convert), recording the threads they ran on.
	 */
	static class TravelTools {

		final List<String> weatherThreads = new CopyOnWriteArrayList<>();

		final List<String> convertThreads = new CopyOnWriteArrayList<>();

		@GeminiTool(description = "Current weather at a place")
		Weather weather(@GeminiToolParam(description = "Where") Place place, Unit unit, List<String> fields)
				throws InterruptedException {
			this.weatherThreads.add(Thread.currentThread().getName());
			// blocking on purpose: BlockHound fails the test if this runs on an event loop; Paris answers last
			Thread.sleep(place.city().equals("Paris") ? 300 : 10);
			return new Weather(place.city(), place.city().equals("Paris") ? 21 : -3, unit);
		}

		@GeminiTool(description = "Convert an amount of money")
		Mono<Double> convert(double amount, String from, String to) {
			this.convertThreads.add(Thread.currentThread().getName());
			return Mono.delay(Duration.ofMillis(20)).map((tick) -> amount * 1.1);
		}

	}

}
