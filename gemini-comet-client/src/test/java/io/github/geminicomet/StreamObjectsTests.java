package io.github.geminicomet;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import io.github.geminicomet.StructuredOutputFixtures.Line;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.schema.BeanValidationStructuredOutputValidator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.StructuredOutputFixtures.STREAM_URL;
import static io.github.geminicomet.StructuredOutputFixtures.TIMEOUT;
import static io.github.geminicomet.StructuredOutputFixtures.baseUrl;
import static io.github.geminicomet.StructuredOutputFixtures.event;
import static io.github.geminicomet.StructuredOutputFixtures.template;
import static io.github.geminicomet.StructuredOutputFixtures.templateBuilder;
import static io.github.geminicomet.StructuredOutputFixtures.thoughtEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate#streamObjects(String, GenerateContentRequest, Class)}: a JSON array
 * streamed as text deltas, split inside strings, escapes and multi-byte characters, across events and
 * across HTTP chunks.
 */
@ExtendWith(BlockHoundExtension.class)
class StreamObjectsTests {

	@RegisterExtension
	static final WireMockExtension wireMock = StructuredOutputFixtures.wireMock();

	private static final String MODEL = "gemini-3.5-flash-lite";

	private static final GenerateContentRequest REQUEST = GenerateContentRequest.of("List the order lines");

	private static final Line CAFE = new Line("Caf\u00e9 \"Chez\\Nous\" \u2615", 1, new BigDecimal("2.5"));

	private static final Line OTTER = new Line("\ud83e\udda6 plush [big] {soft}, \u00fcber", 2, new BigDecimal("10"));

	/** The answer, cut inside a key, a \\u escape, a \\" escape, a \\\\ escape, a number and a multi-byte character. */
	private static final List<String> DELTAS = List.of("[{\"prod", "uct\": \"Caf\\u00", "e9 \\", "\"Chez\\",
			"\\Nous\\\" \u2615\", \"quantity\": 1, \"price\": 2", ".5}", ", {\"product\": \"\ud83e\udda6 plush [big] {soft}, \u00fc",
			"ber\", \"quantity\": 2, \"price\": 10}", "]");

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@Test
	void elementsSplitInsideStringsAndEscapesAcrossEventsAreRead() {
		stream(events(DELTAS, "STOP"), 1);
		StepVerifier.create(this.template.streamObjects(MODEL, REQUEST, Line.class))
			.expectNext(CAFE, OTTER)
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(postRequestedFor(urlEqualTo(STREAM_URL)).withRequestBody(equalToJson("""
				{"contents": [{"role": "user", "parts": [{"text": "List the order lines"}]}],
				 "generationConfig": {
				   "responseMimeType": "application/json",
				   "responseSchema": {
				     "type": "ARRAY",
				     "items": {
				       "type": "OBJECT",
				       "properties": {
				         "product": {"type": "STRING", "minLength": 1},
				         "quantity": {"type": "INTEGER", "format": "int32", "minimum": 1.0},
				         "price": {"type": "NUMBER"}},
				       "required": ["product", "quantity", "price"],
				       "propertyOrdering": ["product", "quantity", "price"]}}}}""")));
	}

	@ParameterizedTest(name = "{0} chunks")
	@ValueSource(ints = { 7, 61, 211 })
	void multiByteCharactersSplitAcrossHttpChunksAreRead(int chunks) {
		stream(events(DELTAS, "STOP"), chunks);
		StepVerifier.create(this.template.streamObjects(MODEL, REQUEST, Line.class))
			.expectNext(CAFE, OTTER)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void everyCharacterInItsOwnEventIncludingHalvesOfASurrogatePair() {
		String text = "[{\"product\": \"\ud83e\udda6 otter\", \"quantity\": 3, \"price\": 1.25}]";
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			body.append(asciiEvent(String.valueOf(text.charAt(i))));
		}
		body.append(asciiEvent("", "STOP"));
		stream(body.toString(), 1);
		StepVerifier.create(this.template.streamObjects(MODEL, REQUEST, Line.class))
			.expectNext(new Line("\ud83e\udda6 otter", 3, new BigDecimal("1.25")))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void thoughtsBeforeTheAnswerAreIgnored() {
		stream(thoughtEvent("**Listing** the lines [as {JSON}") + events(DELTAS, "STOP"), 1);
		StepVerifier.create(this.template.streamObjects(MODEL, REQUEST, Line.class))
			.expectNext(CAFE, OTTER)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void firstElementIsEmittedBeforeTheServerSendsTheRest() {
		Sinks.Empty<Void> release = Sinks.empty();
		AtomicInteger requests = new AtomicInteger();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> {
				requests.incrementAndGet();
				Flux<String> first = Flux.just(event("[{\"product\": \"Tea\", \"quantity\": 1, \"price\": 1}"),
						event(", {\"product\": \"Jam\", \"qua"));
				Flux<String> rest = release.asMono()
					.thenMany(Flux.just(event("ntity\": 2, \"price\": 3}]"), event("", "STOP")));
				return request.receive()
					.then()
					.then(response.status(200)
						.header("Content-Type", "text/event-stream")
						.sendString(Flux.concat(first, rest))
						.then());
			})
			.bindNow();
		try (GeminiTemplate held = templateBuilder("http://127.0.0.1:" + server.port()).build()) {
			StepVerifier.create(held.streamObjects(MODEL, REQUEST, Line.class))
				.expectNext(new Line("Tea", 1, BigDecimal.ONE))
				.then(release::tryEmitEmpty)
				.expectNext(new Line("Jam", 2, new BigDecimal("3")))
				.expectComplete()
				.verify(TIMEOUT);
		}
		finally {
			server.disposeNow();
		}
		assertThat(requests).hasValue(1);
	}

	@Test
	void answerCutAtMaxTokensEmitsTheCompleteElementsThenFails() {
		stream(events(List.of("[{\"product\": \"Tea\", \"quantity\": 1, \"price\": 1},", " {\"product\": \"Ja"),
				"MAX_TOKENS"), 1);
		StepVerifier.create(this.template.streamObjects(MODEL, REQUEST, Line.class))
			.expectNext(new Line("Tea", 1, BigDecimal.ONE))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(GeminiStructuredOutputException.class);
				GeminiStructuredOutputException error = (GeminiStructuredOutputException) ex;
				assertThat(error.getFinishReason()).isEqualTo(FinishReason.MAX_TOKENS);
				assertThat(error.getRawText()).isEqualTo(", {\"product\": \"Ja");
				assertThat(error.getErrors()).containsExactly("the JSON array is incomplete");
				assertThat(error.getTargetType()).isEqualTo(Line.class);
				assertThat(error.getMessage()).contains("finishReason MAX_TOKENS", "the JSON is truncated");
			})
			.verify(TIMEOUT);
	}

	@Test
	void invalidJsonFailsAfterTheElementsBeforeIt() {
		stream(events(List.of("[{\"product\": \"Tea\", \"quantity\": 1, \"price\": 1}, ", "{\"product\" \"Jam\"}]"),
				"STOP"), 1);
		StepVerifier.create(this.template.streamObjects(MODEL, REQUEST, Line.class))
			.expectNext(new Line("Tea", 1, BigDecimal.ONE))
			.expectErrorSatisfies((ex) -> {
				GeminiStructuredOutputException error = (GeminiStructuredOutputException) ex;
				assertThat(error.getErrors()).singleElement().asString().startsWith("not valid JSON: ");
				assertThat(error.getRawText()).isEqualTo(", {\"product\" \"Jam\"}]");
			})
			.verify(TIMEOUT);
	}

	@Test
	void objectInsteadOfArrayFails() {
		stream(events(List.of("{\"product\": \"Tea\"}"), "STOP"), 1);
		StepVerifier.create(this.template.streamObjects(MODEL, REQUEST, Line.class))
			.expectErrorSatisfies((ex) -> assertThat(((GeminiStructuredOutputException) ex).getErrors())
				.containsExactly("expected a JSON array but the answer starts with '{'"))
			.verify(TIMEOUT);
	}

	@Test
	void elementThatFailsValidationFailsTheStream() {
		GeminiTemplate validating = templateBuilder(baseUrl(wireMock))
			.structuredOutputValidator(new BeanValidationStructuredOutputValidator(StructuredOutputFixtures.validator()))
			.build();
		stream(events(List.of("[{\"product\": \"Tea\", \"quantity\": 1, \"price\": 1}, ",
				"{\"product\": \"Jam\", \"quantity\": 0, \"price\": 3}]"), "STOP"), 1);
		StepVerifier.create(validating.streamObjects(MODEL, REQUEST, Line.class))
			.expectNext(new Line("Tea", 1, BigDecimal.ONE))
			.expectErrorSatisfies((ex) -> assertThat(((GeminiStructuredOutputException) ex).getErrors())
				.containsExactly("quantity: must be greater than or equal to 1"))
			.verify(TIMEOUT);
		validating.close();
	}

	@Test
	void blockedPromptFailsWithBlockedContentException() {
		stream("data: {\"promptFeedback\": {\"blockReason\": \"PROHIBITED_CONTENT\"}}\r\n\r\n", 1);
		StepVerifier.create(this.template.streamObjects(MODEL, REQUEST, Line.class))
			.expectError(GeminiBlockedContentException.class)
			.verify(TIMEOUT);
	}

	@Test
	void safetyStopMidStreamFailsWithBlockedContentException() {
		stream(events(List.of("[{\"product\": \"Tea\", \"quantity\": 1, \"price\": 1}, ", "{\"product\": \"Knife"),
				"SAFETY"), 1);
		StepVerifier.create(this.template.streamObjects(MODEL, REQUEST, Line.class))
			.expectNext(new Line("Tea", 1, BigDecimal.ONE))
			.expectError(GeminiBlockedContentException.class)
			.verify(TIMEOUT);
	}

	@Test
	void emptyArrayCompletesWithoutElements() {
		stream(events(List.of("[", " ]"), "STOP"), 1);
		StepVerifier.create(this.template.streamObjects(MODEL, REQUEST, Line.class)).expectComplete().verify(TIMEOUT);
	}

	private static void stream(String body, int chunks) {
		var response = aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
		if (chunks > 1) {
			response = response.withChunkedDribbleDelay(chunks, 100);
		}
		wireMock.stubFor(post(urlEqualTo(STREAM_URL)).willReturn(response));
	}

	/** One event per delta, the last one carrying the finish reason. */
	private static String events(List<String> deltas, String finishReason) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < deltas.size(); i++) {
			body.append(event(deltas.get(i), (i == deltas.size() - 1) ? finishReason : null));
		}
		return body.toString();
	}

	private static String asciiEvent(String delta) {
		return asciiEvent(delta, null);
	}

	/** An event whose JSON escapes every non-ASCII character, so that it may hold half a surrogate pair. */
	private static String asciiEvent(String delta, String finishReason) {
		StringBuilder escaped = new StringBuilder("\"");
		for (char c : delta.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20 || c > 0x7e) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		escaped.append('"');
		return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + escaped + "}]}"
				+ ((finishReason != null) ? ",\"finishReason\":\"" + finishReason + "\"" : "") + ",\"index\":0}]}\r\n\r\n";
	}

}
