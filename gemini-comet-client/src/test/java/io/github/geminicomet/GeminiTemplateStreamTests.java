package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import reactor.netty.http.HttpResources;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.CR;
import static io.github.geminicomet.TemplateFixtures.CRLF;
import static io.github.geminicomet.TemplateFixtures.LF;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.assertKeyNotLeaked;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.sse;
import static io.github.geminicomet.TemplateFixtures.template;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static io.github.geminicomet.TemplateFixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate}: server-sent event streams, also when the body arrives in small
 * chunks split at awkward byte boundaries.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateStreamTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String STREAM_URL = "/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse";

	private static final GenerateContentRequest HELLO = GenerateContentRequest.of("Hello");

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@ParameterizedTest(name = "{0} chunks")
	@ValueSource(ints = { 1, 7, 31, 97 })
	void streamEmitsEventsInOrderWhenBodyArrivesInChunks(int chunks) {
		respondWith(sse("text.sse"), chunks);
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.assertNext((event) -> {
				assertThat(event.text()).isEqualTo("Otters");
				assertThat(event.finishReason()).isNull();
				assertThat(event.usageMetadata().candidatesTokenCount()).isEqualTo(1);
			})
			.assertNext((event) -> assertThat(event.text()).isEqualTo(" hold hands – café ☕ 🦦"))
			.assertNext((event) -> {
				assertThat(event.text()).isEqualTo(" while they sleep.");
				assertThat(event.finishReason()).isEqualTo(FinishReason.STOP);
				assertThat(event.usageMetadata().totalTokenCount()).isEqualTo(20);
			})
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamEmitsOnlyAsManyEventsAsRequestedWhenOneChunkHoldsThemAll() {
		respondWith(sse("text.sse"), 1);
		StepVerifier.create(this.template.streamGenerateContent(HELLO).map(GenerateContentResponse::text), 0)
			.expectSubscription()
			.thenRequest(1)
			.expectNext("Otters")
			.expectNoEvent(Duration.ofMillis(200))
			.thenRequest(1)
			.expectNext(" hold hands – café ☕ 🦦")
			.thenRequest(1)
			.expectNext(" while they sleep.")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@ParameterizedTest(name = "line ending {index}")
	@ValueSource(strings = { CRLF, LF, CR })
	void streamHandlesEveryLineEndingCommentsFieldsMultiLineDataAndDone(String lineEnding) {
		respondWith(sse("framing.sse", lineEnding), 23);
		StepVerifier.create(this.template.streamGenerateContent(HELLO).map(GenerateContentResponse::text))
			.expectNext("Café", " com leite 🥛", "!")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamEmitsLastEventWithoutTrailingBlankLine() {
		respondWith(sse("text.sse").stripTrailing(), 5);
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.expectNextCount(2)
			.assertNext((event) -> assertThat(event.finishReason()).isEqualTo(FinishReason.STOP))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamIgnoresEventsWithOnlyWhitespaceData() {
		respondWith("data:  \n\n" + sse("text.sse", LF), 1);
		StepVerifier.create(this.template.streamGenerateContent(HELLO)).expectNextCount(3).expectComplete().verify(TIMEOUT);
	}

	@Test
	void streamWhenErrorEventArrivesSignalsResponseExceptionWithItsCode() {
		respondWith(sse("error-after-event.sse"), 9);
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.assertNext((event) -> assertThat(event.text()).isEqualTo("Starting"))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOfSatisfying(GeminiResponseException.class, (response) -> {
					assertThat(response.getStatusCode().value()).isEqualTo(503);
					assertThat(response.getError().code()).isEqualTo(503);
					assertThat(response.getError().status()).isEqualTo("UNAVAILABLE");
					assertThat(response.getError().message()).isEqualTo("The model is overloaded mid-stream.");
					assertThat(response.getUri()).isEqualTo(streamUri());
				});
				assertThat(ex).isInstanceOf(GeminiUnavailableException.class);
				assertKeyNotLeaked(ex);
			})
			.verify(TIMEOUT);
	}

	@Test
	void streamWhenErrorEventIsTheFirstEventSignalsResponseException() {
		respondWith("data: {\"error\": {\"code\": 400, \"message\": \"Bad turn order.\", \"status\": \"INVALID_ARGUMENT\"}}\r\n\r\n", 3);
		assertThat(errorOf(this.template.streamGenerateContent(HELLO)))
			.isExactlyInstanceOf(GeminiResponseException.class)
			.hasMessageContaining("400")
			.hasMessageContaining("Bad turn order.");
	}

	@Test
	void streamWhenErrorEventHasNoHttpCodeSignalsServerError() {
		respondWith("data: {\"error\": {\"message\": \"Something broke.\", \"status\": \"INTERNAL\"}}\n\n", 1);
		assertThat(errorOf(this.template.streamGenerateContent(HELLO)))
			.isInstanceOfSatisfying(GeminiResponseException.class, (ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(500);
				assertThat(ex.getError().code()).isNull();
				assertThat(ex.getError().message()).isEqualTo("Something broke.");
			});
	}

	@Test
	void streamWhenEndingWithoutFinishReasonSignalsIncompleteStreamAfterItsEvents() {
		respondWith(sse("incomplete.sse"), 4);
		StepVerifier.create(this.template.streamGenerateContent(HELLO).map(GenerateContentResponse::text))
			.expectNext("The first half", " and then nothing")
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(GeminiIncompleteStreamException.class,
					(incomplete) -> {
						assertThat(incomplete.getEventCount()).isEqualTo(2);
						assertThat(incomplete.getMethod().name()).isEqualTo("POST");
						assertThat(incomplete.getUri()).isEqualTo(streamUri());
					}))
			.verify(TIMEOUT);
	}

	@Test
	void streamWithEmptyBodySignalsIncompleteStreamWithNoEvents() {
		respondWith("", 1);
		assertThat(errorOf(this.template.streamGenerateContent(HELLO)))
			.isInstanceOfSatisfying(GeminiIncompleteStreamException.class,
					(ex) -> assertThat(ex.getEventCount()).isZero());
	}

	@Test
	void streamWhenPromptBlockedCompletesNormally() {
		respondWith(sse("prompt-blocked.sse"), 3);
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.assertNext((event) -> {
				assertThat(event.isBlocked()).isTrue();
				assertThat(event.promptFeedback().blockReason()).isEqualTo(BlockReason.SAFETY);
				assertThat(event.candidates()).isNull();
			})
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamTextWhenPromptBlockedSignalsBlockedContentException() {
		respondWith(sse("prompt-blocked.sse"), 3);
		assertThat(errorOf(this.template.streamText("Something rude")))
			.isInstanceOfSatisfying(GeminiBlockedContentException.class, (ex) -> {
				assertThat(ex.getBlockReason()).isEqualTo(BlockReason.SAFETY);
				assertThat(ex.getResponse().responseId()).isEqualTo("tpl-stream-blocked");
			});
	}

	@Test
	void streamTextWhenAnswerStoppedForSafetyEmitsTextThenSignalsBlockedContentException() {
		respondWith(sse("safety-mid-stream.sse"), 3);
		StepVerifier.create(this.template.streamText("Something dangerous"))
			.expectNext("Here is how")
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(GeminiBlockedContentException.class,
					(blocked) -> assertThat(blocked.getFinishReason()).isEqualTo(FinishReason.SAFETY)))
			.verify(TIMEOUT);
	}

	@Test
	void streamTextEmitsOnlyNonEmptyVisibleTextDeltas() {
		respondWith(sse("thoughts-and-text.sse"), 11);
		StepVerifier.create(this.template.streamText("How many legs?"))
			.expectNext("Two spiders", " have 16 legs.")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamGenerateContentKeepsThoughtEventsAndSignature() {
		respondWith(sse("thoughts-and-text.sse"), 11);
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.assertNext((event) -> assertThat(event.thoughtText()).isEqualTo("**Counting legs**\nEight per spider."))
			.expectNextCount(2)
			.assertNext((event) -> assertThat(event.firstCandidate().content().parts().get(0).thoughtSignature())
				.isEqualTo("c2lnbmF0dXJlLXR3bw+/="))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamWhenEventIsNotJsonSignalsMalformedResponse() {
		respondWith(sse("invalid-json.sse"), 12);
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.assertNext((event) -> assertThat(event.text()).isEqualTo("Fine so far"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(GeminiMalformedResponseException.class,
					(malformed) -> {
						assertThat(malformed).hasMessageContaining("not valid JSON");
						assertThat(malformed.getUri()).isEqualTo(streamUri());
					}))
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "error-after-event.sse", "invalid-json.sse" })
	void streamWhenFailingEventArrivesInTheSameChunkAsAnEarlierEventEmitsTheEarlierEventFirst(String fixture) {
		respondWith(sse(fixture), 1);
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.assertNext((event) -> assertThat(event.text()).isIn("Starting", "Fine so far"))
			.expectError(GeminiException.class)
			.verify(TIMEOUT);
	}

	@ParameterizedTest(name = "{0} with maxEventSize {1}")
	@CsvSource({ "error-after-event.sse, 1048576", "invalid-json.sse, 1048576", "text.sse, 200" })
	void streamFailingWhileParsingReleasesEachBufferExactlyOnce(String fixture, int maxEventSize) {
		Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		root.addAppender(logged);
		respondWith(sse(fixture), 1);
		try (GeminiTemplate failing = templateBuilder(baseUrl(wireMock)).maxEventSize(maxEventSize).build()) {
			assertThat(errorOf(failing.streamGenerateContent(HELLO))).isInstanceOf(GeminiException.class);
			awaitClientEventLoops();
		}
		finally {
			root.detachAppender(logged);
		}
		assertThat(logged.list).extracting(GeminiTemplateStreamTests::describe)
			.as("log events after the stream failed")
			.noneMatch((event) -> event.contains("IllegalReferenceCount"));
	}

	@Test
	void streamWhenEventExceedsMaxEventSizeSignalsMalformedResponseNamingTheLimit() {
		respondWith(sse("text.sse"), 13);
		try (GeminiTemplate small = templateBuilder(baseUrl(wireMock)).maxEventSize(200).build()) {
			assertThat(errorOf(small.streamGenerateContent(HELLO)))
				.isInstanceOf(GeminiMalformedResponseException.class)
				.hasMessageContaining("200 bytes")
				.hasMessageContaining("maxEventSize");
		}
	}

	@Test
	void streamIsNotLimitedByMaxInMemorySize() {
		respondWith(sse("text.sse"), 3);
		try (GeminiTemplate small = templateBuilder(baseUrl(wireMock)).maxInMemorySize(300).build()) {
			StepVerifier.create(small.streamGenerateContent(HELLO)).expectNextCount(3).expectComplete().verify(TIMEOUT);
		}
	}

	@Test
	void streamWithManyEventsEmitsThemAll() {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 500; i++) {
			body.append("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"").append(i % 10).append("\"}]}}]}\r\n\r\n");
		}
		body.append("data: {\"candidates\":[{\"content\":{\"parts\":[]},\"finishReason\":\"STOP\"}]}\r\n\r\n");
		respondWith(body.toString(), 41);
		StepVerifier.create(this.template.streamText("Count"))
			.expectNextCount(500)
			.expectComplete()
			.verify(TIMEOUT);
	}

	/** Wait until every client event loop finished the task it was running (which may still be cleaning up). */
	private static void awaitClientEventLoops() {
		for (EventExecutor loop : HttpResources.get().onClient(true)) {
			try {
				loop.submit(() -> {
				}).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	private static String describe(ILoggingEvent event) {
		IThrowableProxy thrown = event.getThrowableProxy();
		return event.getFormattedMessage() + ((thrown != null) ? " " + thrown.getClassName() + ": " + thrown.getMessage() : "");
	}

	private static URI streamUri() {
		return uri(baseUrl(wireMock), "gemini-3.5-flash-lite", "streamGenerateContent?alt=sse");
	}

	private static void respondWith(String body, int chunks) {
		ResponseDefinitionBuilder response = aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withBody(body);
		if (!body.isEmpty()) {
			response.withChunkedDribbleDelay(chunks, Math.min(100, chunks * 5));
		}
		wireMock.stubFor(post(urlEqualTo(STREAM_URL)).willReturn(response));
	}

}
