package io.github.geminicomet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;
import io.github.geminicomet.model.GenerateContentResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.ResilienceTestSupport.HELLO;
import static io.github.geminicomet.ResilienceTestSupport.STREAM_PATH;
import static io.github.geminicomet.ResilienceTestSupport.TIMEOUT;
import static io.github.geminicomet.ResilienceTestSupport.UNARY_PATH;
import static io.github.geminicomet.ResilienceTestSupport.answer;
import static io.github.geminicomet.ResilienceTestSupport.baseUrl;
import static io.github.geminicomet.ResilienceTestSupport.drain;
import static io.github.geminicomet.ResilienceTestSupport.errorBody;
import static io.github.geminicomet.ResilienceTestSupport.errorOf;
import static io.github.geminicomet.ResilienceTestSupport.event;
import static io.github.geminicomet.ResilienceTestSupport.lastEvent;
import static io.github.geminicomet.ResilienceTestSupport.sequence;
import static io.github.geminicomet.ResilienceTestSupport.stream;
import static io.github.geminicomet.ResilienceTestSupport.streamText;
import static io.github.geminicomet.ResilienceTestSupport.template;
import static io.github.geminicomet.ResilienceTestSupport.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate} under injected faults: malformed chunks, random data, garbage events,
 * 503 bursts, empty replies and oversized answers. Every call ends in a correct answer or a typed
 * {@link GeminiException}.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateFaultInjectionTests {

	@RegisterExtension
	static final WireMockExtension wireMock = ResilienceTestSupport.wireMock();

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@ParameterizedTest
	@EnumSource(value = Fault.class)
	void generateContentWhenServerAlwaysFaultsEndsInTypedErrorCountingAttempts(Fault fault) {
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH)).willReturn(aResponse().withFault(fault)));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertThat(error).isInstanceOf(GeminiRequestException.class);
		int attempts = ((GeminiException) error).getAttempts();
		assertThat(attempts).isBetween(1, 3);
		if (attempts > 1) {
			assertThat(error).hasMessageContaining("after " + attempts + " attempts");
		}
		wireMock.verify(attempts, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class)
	void streamGenerateContentWhenServerAlwaysFaultsEndsInTypedErrorCountingAttempts(Fault fault) {
		wireMock.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(aResponse().withFault(fault)));
		Throwable error = errorOf(this.template.streamGenerateContent(HELLO));
		assertThat(error).isInstanceOf(GeminiRequestException.class);
		int attempts = ((GeminiException) error).getAttempts();
		assertThat(attempts).isBetween(1, 3);
		wireMock.verify(attempts, postRequestedFor(urlEqualTo(STREAM_PATH)));
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class)
	void generateContentWhenServerFaultsOnceEndsInAnswerOrTypedError(Fault fault) {
		sequence(wireMock, UNARY_PATH, aResponse().withFault(fault),
				aResponse().withHeader("Content-Type", "application/json").withBody(answer("Hi")));
		Object outcome = this.template.generateText("Hello")
			.cast(Object.class)
			.onErrorResume(GeminiException.class, Mono::just)
			.block(TIMEOUT);
		assertThat(outcome).satisfiesAnyOf((answer) -> assertThat(answer).isEqualTo("Hi"),
				(error) -> assertThat(error).isInstanceOf(GeminiRequestException.class));
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class)
	void streamWhenServerFaultsOnceEndsInWholeAnswerOrTypedError(Fault fault) {
		sequence(wireMock, STREAM_PATH, aResponse().withFault(fault),
				aResponse().withHeader("Content-Type", "text/event-stream").withBody(stream(3)));
		Object outcome = this.template.streamText("Hello")
			.reduce("", String::concat)
			.cast(Object.class)
			.onErrorResume(GeminiException.class, Mono::just)
			.block(TIMEOUT);
		assertThat(outcome).satisfiesAnyOf((answer) -> assertThat(answer).isEqualTo(streamText(3)),
				(error) -> assertThat(error).isInstanceOf(GeminiRequestException.class));
	}

	@Test
	void generateContentWhenMalformedChunkIsNotRetried() {
		// the status line and headers arrived: the answer was under way, a retry could run the prompt twice
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH)).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertThat(error).isInstanceOf(GeminiRequestException.class);
		assertThat(((GeminiRequestException) error).isConnectionFailure()).isFalse();
		wireMock.verify(1, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@Test
	void streamWhenEventDataIsNotJsonSignalsMalformedResponse() {
		stubStream(event("t0") + "data: {\"candidates\": [nonsense\r\n\r\n" + lastEvent("t2"));
		List<String> texts = new CopyOnWriteArrayList<>();
		Throwable error = errorOf(this.template.streamGenerateContent(HELLO).doOnNext((e) -> texts.add(e.text())));
		assertThat(error).isInstanceOf(GeminiMalformedResponseException.class).hasMessageContaining("not valid JSON");
		assertThat(texts).containsExactly("t0");
	}

	@Test
	void streamIgnoresGarbageLinesThatAreNotDataFields() {
		stubStream(": comment\r\n" + "garbage without a colon\r\n" + "event: message\r\nid: 7\r\nretry: 10\r\n"
				+ event("t0") + "\r\n\r\n" + "dataset: not the data field\r\n\r\n" + lastEvent("t1"));
		StepVerifier.create(this.template.streamGenerateContent(HELLO).map(GenerateContentResponse::text))
			.expectNext("t0", "t1")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamWhenBodyIsBinaryGarbageSignalsTypedError() {
		byte[] garbage = new byte[4096];
		new Random(42).nextBytes(garbage);
		wireMock.stubFor(post(urlEqualTo(STREAM_PATH))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(garbage)));
		Throwable error = errorOf(this.template.streamGenerateContent(HELLO));
		assertThat(error).isInstanceOf(GeminiRequestException.class);
	}

	@Test
	void generateContentWhenBodyIsNotJsonSignalsMalformedResponse() {
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("<html>oops</html>")));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertThat(error).isInstanceOf(GeminiMalformedResponseException.class);
		wireMock.verify(1, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@Test
	void generateContentWhenReplyIsEmptySignalsMalformedResponse() {
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertThat(error).isInstanceOf(GeminiMalformedResponseException.class).hasMessageContaining("empty body");
	}

	@Test
	void streamWhenReplyIsEmptySignalsIncompleteStream() {
		stubStream("");
		Throwable error = errorOf(this.template.streamGenerateContent(HELLO));
		assertThat(error).isInstanceOfSatisfying(GeminiIncompleteStreamException.class,
				(ex) -> assertThat(ex.getEventCount()).isZero());
	}

	@Test
	void generateContentWhenBodyExceedsMaxInMemorySizeNamesLimit() {
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody(answer("x".repeat(8192)))));
		try (GeminiTemplate small = templateBuilder(baseUrl(wireMock)).maxInMemorySize(4096).build()) {
			Throwable error = errorOf(small.generateContent(HELLO));
			assertThat(error).isInstanceOf(GeminiMalformedResponseException.class)
				.hasMessageContaining("4096 bytes")
				.hasMessageContaining("max-in-memory-size");
			assertThat(((GeminiException) error).getAttempts()).isEqualTo(1);
		}
		wireMock.verify(1, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@Test
	void generateContentWhenErrorBodyExceedsMaxInMemorySizeStillSignalsStatus() {
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH))
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/html").withBody("x".repeat(8192))));
		try (GeminiTemplate small = templateBuilder(baseUrl(wireMock)).maxInMemorySize(4096).build()) {
			Throwable error = errorOf(small.generateContent(HELLO));
			assertThat(error).isInstanceOfSatisfying(GeminiResponseException.class,
					(ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(400));
		}
	}

	@Test
	void streamWhenEventExceedsMaxEventSizeNamesLimit() {
		stubStream(event("t0") + event("y".repeat(8192)) + lastEvent("t2"));
		try (GeminiTemplate small = templateBuilder(baseUrl(wireMock)).maxEventSize(4096).build()) {
			Throwable error = errorOf(small.streamGenerateContent(HELLO));
			assertThat(error).isInstanceOf(GeminiMalformedResponseException.class)
				.hasMessageContaining("4096 bytes")
				.hasMessageContaining("max-event-size");
		}
		wireMock.verify(1, postRequestedFor(urlEqualTo(STREAM_PATH)));
	}

	@Test
	void streamWhenLineNeverEndsAndExceedsMaxEventSizeNamesLimit() {
		stubStream(event("t0") + ": " + "z".repeat(10_000));
		try (GeminiTemplate small = templateBuilder(baseUrl(wireMock)).maxEventSize(4096).build()) {
			Throwable error = errorOf(small.streamGenerateContent(HELLO));
			assertThat(error).isInstanceOf(GeminiMalformedResponseException.class).hasMessageContaining("4096 bytes");
		}
	}

	@Test
	void streamWithinMaxEventSizeSucceeds() {
		stubStream(event("a".repeat(3000)) + lastEvent("b"));
		try (GeminiTemplate small = templateBuilder(baseUrl(wireMock)).maxEventSize(4096).build()) {
			StepVerifier.create(small.streamText("Hello")).expectNext("a".repeat(3000), "b").expectComplete()
				.verify(TIMEOUT);
		}
	}

	@Test
	void burstOf503EndsInAnswersOrTypedErrorsWithAttemptsCounted() {
		// the first 40 requests are refused with 503, then the service recovers
		AtomicInteger served = new AtomicInteger();
		try (FakeServer server = FakeServer.start((request, response) -> (served.incrementAndGet() <= 40)
				? response.status(503).header("Content-Type", "application/json")
					.sendString(drain(request).thenReturn(errorBody(503, "UNAVAILABLE")))
				: response.header("Content-Type", "application/json")
					.sendString(drain(request).thenReturn(answer("Hi"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).build()) {
			Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
			AtomicInteger attempts = new AtomicInteger();
			Flux.range(0, 30)
				.flatMap((i) -> template.generateText("Hello")
					.doOnNext((text) -> attempts.incrementAndGet())
					.doOnNext((text) -> outcomes.computeIfAbsent(text, (k) -> new AtomicInteger()).incrementAndGet())
					.onErrorResume(GeminiUnavailableException.class, (ex) -> {
						attempts.addAndGet(ex.getAttempts());
						assertThat(ex.getAttempts()).isEqualTo(3);
						outcomes.computeIfAbsent("503", (k) -> new AtomicInteger()).incrementAndGet();
						return Mono.empty();
					}), 30)
				.then()
				.block(TIMEOUT);
			int answered = outcomes.getOrDefault("Hi", new AtomicInteger()).get();
			int failed = outcomes.getOrDefault("503", new AtomicInteger()).get();
			assertThat(answered + failed).isEqualTo(30);
			assertThat(outcomes.keySet()).isSubsetOf("Hi", "503");
			assertThat(served.get()).isGreaterThanOrEqualTo(40);
		}
	}

	@Test
	void streamsAnsweredWith503ThenStreamYieldEachTextOnce() {
		// every other request is refused: each stream, one after the other, is retried once
		AtomicInteger served = new AtomicInteger();
		try (FakeServer server = FakeServer.start((request, response) -> (served.incrementAndGet() % 2 == 1)
				? response.status(503).header("Content-Type", "application/json")
					.sendString(drain(request).thenReturn(errorBody(503, "UNAVAILABLE")))
				: response.header("Content-Type", "text/event-stream").sendString(drain(request).thenReturn(stream(4))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).build()) {
			List<String> texts = Flux.range(0, 20)
				.concatMap((i) -> template.streamText("Hello").reduce("", String::concat))
				.collectList()
				.block(TIMEOUT);
			assertThat(texts).hasSize(20).allSatisfy((text) -> assertThat(text).isEqualTo(streamText(4)));
			assertThat(served).hasValue(40);
		}
	}

	@Test
	void randomFaultsEndInCorrectAnswersOrTypedErrors() {
		int events = 6;
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			expected.add("t" + i);
		}
		try (FakeServer server = FakeServer.start(ResilienceTestSupport.faulty(7, events, Duration.ofMillis(2)));
				GeminiTemplate template = templateBuilder(server.baseUrl()).readTimeout(Duration.ofMillis(500)).build()) {
			AtomicInteger answers = new AtomicInteger();
			AtomicInteger errors = new AtomicInteger();
			List<Throwable> untyped = new CopyOnWriteArrayList<>();
			Flux.range(0, 200).flatMap((i) -> {
				if (i % 2 == 0) {
					return template.generateText("Hello").doOnNext((text) -> {
						assertThat(text).isEqualTo(streamText(events));
						answers.incrementAndGet();
					}).then().onErrorResume((ex) -> record(ex, errors, untyped));
				}
				List<String> received = new CopyOnWriteArrayList<>();
				return template.streamText("Hello")
					.doOnNext(received::add)
					.then(Mono.fromRunnable(() -> {
						assertThat(received).isEqualTo(expected);
						answers.incrementAndGet();
					}))
					.onErrorResume((ex) -> {
						// whatever arrived before the failure is a prefix of the answer: nothing repeated
						assertThat(expected.subList(0, Math.min(received.size(), expected.size()))).isEqualTo(received);
						return record(ex, errors, untyped);
					})
					.then();
			}, 40).then().block(Duration.ofSeconds(30));
			assertThat(untyped).isEmpty();
			assertThat(answers.get() + errors.get()).isEqualTo(200);
			assertThat(answers.get()).isPositive();
			assertThat(errors.get()).isPositive();
		}
	}

	private static Mono<Void> record(Throwable ex, AtomicInteger errors, List<Throwable> untyped) {
		if (ex instanceof GeminiException) {
			errors.incrementAndGet();
		}
		else {
			untyped.add(ex);
		}
		return Mono.empty();
	}

	private static void stubStream(String body) {
		wireMock.stubFor(post(urlEqualTo(STREAM_PATH))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
	}

}
