package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;
import io.github.geminicomet.model.GenerateContentResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.ResilienceTestSupport.HELLO;
import static io.github.geminicomet.ResilienceTestSupport.SERVER_TIMER;
import static io.github.geminicomet.ResilienceTestSupport.STREAM_PATH;
import static io.github.geminicomet.ResilienceTestSupport.TIMEOUT;
import static io.github.geminicomet.ResilienceTestSupport.UNARY_PATH;
import static io.github.geminicomet.ResilienceTestSupport.answer;
import static io.github.geminicomet.ResilienceTestSupport.baseUrl;
import static io.github.geminicomet.ResilienceTestSupport.errorBody;
import static io.github.geminicomet.ResilienceTestSupport.errorOf;
import static io.github.geminicomet.ResilienceTestSupport.event;
import static io.github.geminicomet.ResilienceTestSupport.freePort;
import static io.github.geminicomet.ResilienceTestSupport.sequence;
import static io.github.geminicomet.ResilienceTestSupport.stream;
import static io.github.geminicomet.ResilienceTestSupport.streamText;
import static io.github.geminicomet.ResilienceTestSupport.template;
import static io.github.geminicomet.ResilienceTestSupport.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate}'s retries: which failures are retried, how long it waits, and what
 * the final error says.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateResilienceTests {

	@RegisterExtension
	static final WireMockExtension wireMock = ResilienceTestSupport.wireMock();

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@ParameterizedTest
	@ValueSource(ints = { 429, 500, 502, 503, 504 })
	void generateContentRetriesRetryableStatusThenSucceeds(int status) {
		sequence(wireMock, UNARY_PATH, error(status), error(status), ok(answer("Hi")));
		StepVerifier.create(this.template.generateContent(HELLO))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("Hi"))
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(3, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 429, 500, 502, 503, 504 })
	void streamGenerateContentRetriesRetryableStatusBeforeFirstEventThenSucceeds(int status) {
		sequence(wireMock, STREAM_PATH, error(status), sse(stream(3)));
		assertThat(texts(this.template.streamGenerateContent(HELLO))).containsExactly("t0", "t1", "t2");
		wireMock.verify(2, postRequestedFor(urlEqualTo(STREAM_PATH)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404 })
	void generateContentNeverRetriesClientError(int status) {
		sequence(wireMock, UNARY_PATH, error(status), ok(answer("never")));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertThat(error).isInstanceOfSatisfying(GeminiResponseException.class, (ex) -> {
			assertThat(ex.getStatusCode().value()).isEqualTo(status);
			assertThat(ex.getAttempts()).isEqualTo(1);
			assertThat(ex).message().doesNotContain("attempts");
		});
		wireMock.verify(1, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404 })
	void streamGenerateContentNeverRetriesClientError(int status) {
		sequence(wireMock, STREAM_PATH, error(status), sse(stream(1)));
		Throwable error = errorOf(this.template.streamGenerateContent(HELLO));
		assertThat(error).isInstanceOf(GeminiResponseException.class);
		assertThat(((GeminiException) error).getAttempts()).isEqualTo(1);
		wireMock.verify(1, postRequestedFor(urlEqualTo(STREAM_PATH)));
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE" })
	void generateContentRetriesConnectionFailureBeforeResponseThenSucceeds(Fault fault) {
		sequence(wireMock, UNARY_PATH, aResponse().withFault(fault), ok(answer("Hi")));
		StepVerifier.create(this.template.generateContent(HELLO))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("Hi"))
			.expectComplete()
			.verify(TIMEOUT);
		wireMock.verify(2, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE" })
	void streamGenerateContentRetriesConnectionFailureBeforeResponseThenSucceeds(Fault fault) {
		sequence(wireMock, STREAM_PATH, aResponse().withFault(fault), aResponse().withFault(fault), sse(stream(2)));
		assertThat(texts(this.template.streamGenerateContent(HELLO))).containsExactly("t0", "t1");
		wireMock.verify(3, postRequestedFor(urlEqualTo(STREAM_PATH)));
	}

	@Test
	void generateContentWhenConnectionRefusedSaysHowManyAttemptsRan() {
		try (GeminiTemplate unreachable = templateBuilder("http://127.0.0.1:" + freePort()).build()) {
			Throwable error = errorOf(unreachable.generateContent(HELLO));
			assertThat(error).isExactlyInstanceOf(GeminiRequestException.class)
				.hasMessageContaining("Connection refused")
				.hasMessageContaining("after 3 attempts");
			assertThat(((GeminiRequestException) error).isConnectionFailure()).isTrue();
			assertThat(((GeminiRequestException) error).getAttempts()).isEqualTo(3);
		}
	}

	@Test
	void streamGenerateContentWhenConnectionRefusedSaysHowManyAttemptsRan() {
		try (GeminiTemplate unreachable = templateBuilder("http://127.0.0.1:" + freePort()).build()) {
			Throwable error = errorOf(unreachable.streamGenerateContent(HELLO));
			assertThat(error).isExactlyInstanceOf(GeminiRequestException.class).hasMessageContaining("after 3 attempts");
			assertThat(((GeminiRequestException) error).isConnectionFailure()).isTrue();
			assertThat(((GeminiRequestException) error).getAttempts()).isEqualTo(3);
		}
	}

	@Test
	void generateContentWhenConnectionRefusedThenServerStartsSucceeds() {
		int port = freePort();
		RetrySettings patient = new RetrySettings(5, Duration.ofMillis(400), Duration.ofMillis(400), 0,
				Duration.ofSeconds(5));
		try (GeminiTemplate template = templateBuilder("http://127.0.0.1:" + port).retry(patient).build()) {
			AtomicInteger serverStarted = new AtomicInteger();
			FakeServer[] server = new FakeServer[1];
			Mono<String> startLater = Mono.delay(Duration.ofMillis(100), SERVER_TIMER).map((tick) -> {
					server[0] = FakeServer.start(port, (request, response) -> response
						.header("Content-Type", "application/json")
						.sendString(request.receive().aggregate().asString().map((body) -> answer("late"))));
					serverStarted.incrementAndGet();
					return "started";
				});
			try {
				long start = System.nanoTime();
				StepVerifier.create(template.generateContent(HELLO).doOnSubscribe((s) -> startLater.subscribe()))
					.assertNext((response) -> assertThat(response.text()).isEqualTo("late"))
					.expectComplete()
					.verify(TIMEOUT);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
				assertThat(serverStarted).hasValue(1);
				assertThat(server[0].requests).hasValue(1);
			}
			finally {
				if (server[0] != null) {
					server[0].close();
				}
			}
		}
	}

	@Test
	void generateContentWhenRetriesRunOutSaysHowManyAttemptsRan() {
		wireMock.stubFor(post(urlEqualTo(UNARY_PATH)).willReturn(error(503)));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertThat(error).isInstanceOfSatisfying(GeminiUnavailableException.class, (ex) -> {
			assertThat(ex.getAttempts()).isEqualTo(3);
			assertThat(ex).hasMessageContaining("after 3 attempts").hasMessageContaining("503");
		});
		wireMock.verify(3, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@Test
	void streamGenerateContentWhenRetriesRunOutSaysHowManyAttemptsRan() {
		wireMock.stubFor(post(urlEqualTo(STREAM_PATH)).willReturn(error(429)));
		Throwable error = errorOf(this.template.streamText("Hello"));
		assertThat(error).isInstanceOfSatisfying(GeminiRateLimitException.class, (ex) -> {
			assertThat(ex.getAttempts()).isEqualTo(3);
			assertThat(ex).hasMessageContaining("after 3 attempts");
		});
		wireMock.verify(3, postRequestedFor(urlEqualTo(STREAM_PATH)));
	}

	@Test
	void generateContentWhenRetryableThenClientErrorStopsAndCountsAttempts() {
		sequence(wireMock, UNARY_PATH, error(503), error(400), ok(answer("never")));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertThat(error).isInstanceOfSatisfying(GeminiResponseException.class, (ex) -> {
			assertThat(ex.getStatusCode().value()).isEqualTo(400);
			assertThat(ex.getAttempts()).isEqualTo(2);
			assertThat(ex).hasMessageContaining("after 2 attempts");
		});
		wireMock.verify(2, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@Test
	void generateContentHonoursRetryAfterHeader() {
		sequence(wireMock, UNARY_PATH, error(503).withHeader("Retry-After", "1"), ok(answer("Hi")));
		long start = System.nanoTime();
		StepVerifier.create(this.template.generateContent(HELLO))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("Hi"))
			.expectComplete()
			.verify(TIMEOUT);
		// the fast retry settings would retry after 10 ms without the header
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		wireMock.verify(2, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@Test
	void generateContentHonoursRetryInfoInBody() {
		sequence(wireMock, UNARY_PATH, aResponse().withStatus(429).withHeader("Content-Type", "application/json")
			.withBody(errorBody(429, "RESOURCE_EXHAUSTED", "0.2s")), ok(answer("Hi")));
		long start = System.nanoTime();
		StepVerifier.create(this.template.generateContent(HELLO))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("Hi"))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
		wireMock.verify(2, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@Test
	void streamGenerateContentHonoursRetryInfoInBody() {
		sequence(wireMock, STREAM_PATH, aResponse().withStatus(429).withHeader("Content-Type", "application/json")
			.withBody(errorBody(429, "RESOURCE_EXHAUSTED", "0.2s")), sse(stream(2)));
		long start = System.nanoTime();
		assertThat(texts(this.template.streamGenerateContent(HELLO))).containsExactly("t0", "t1");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
	}

	@Test
	void generateContentWhenServerDelayAboveMaxServerDelayFailsAtOnce() {
		sequence(wireMock, UNARY_PATH, aResponse().withStatus(429).withHeader("Content-Type", "application/json")
			.withBody(errorBody(429, "RESOURCE_EXHAUSTED", "34.4s")), ok(answer("never")));
		long start = System.nanoTime();
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(error).isInstanceOfSatisfying(GeminiRateLimitException.class, (ex) -> {
			assertThat(ex.getRetryDelay()).contains(Duration.ofMillis(34_400));
			assertThat(ex.getAttempts()).isEqualTo(1);
		});
		wireMock.verify(1, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@Test
	void generateContentWhenRetryAfterAboveMaxServerDelayFailsAtOnce() {
		sequence(wireMock, UNARY_PATH, error(503).withHeader("Retry-After", "60"), ok(answer("never")));
		Throwable error = errorOf(this.template.generateContent(HELLO));
		assertThat(error).isInstanceOfSatisfying(GeminiUnavailableException.class,
				(ex) -> assertThat(ex.getRetryDelay()).contains(Duration.ofSeconds(60)));
		wireMock.verify(1, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@Test
	void generateContentWithRetrySettingsNoneMakesOneAttempt() {
		sequence(wireMock, UNARY_PATH, error(503), ok(answer("never")));
		try (GeminiTemplate once = templateBuilder(baseUrl(wireMock)).retry(RetrySettings.NONE).build()) {
			Throwable error = errorOf(once.generateContent(HELLO));
			assertThat(error).isInstanceOf(GeminiUnavailableException.class).message().doesNotContain("attempts");
			assertThat(((GeminiException) error).getAttempts()).isEqualTo(1);
		}
		wireMock.verify(1, postRequestedFor(urlEqualTo(UNARY_PATH)));
	}

	@Test
	void streamGenerateContentWithRetrySettingsNoneMakesOneAttempt() {
		sequence(wireMock, STREAM_PATH, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), sse(stream(1)));
		try (GeminiTemplate once = templateBuilder(baseUrl(wireMock)).retry(RetrySettings.NONE).build()) {
			Throwable error = errorOf(once.streamGenerateContent(HELLO));
			assertThat(error).isInstanceOf(GeminiRequestException.class);
			assertThat(((GeminiException) error).getAttempts()).isEqualTo(1);
		}
		wireMock.verify(1, postRequestedFor(urlEqualTo(STREAM_PATH)));
	}

	@Test
	void streamGenerateContentWhenErrorEventAfterFirstEventIsNotRetried() {
		Flux<String> body = Flux.concat(Mono.just(event("t0")),
				Mono.delay(Duration.ofMillis(100), SERVER_TIMER).thenReturn("data: " + errorBody(503, "UNAVAILABLE") + "\r\n\r\n"));
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(request.receive().aggregate().then().thenMany(body)));
				GeminiTemplate template = templateBuilder(server.baseUrl()).build()) {
			List<String> texts = new CopyOnWriteArrayList<>();
			Throwable error = errorOf(template.streamGenerateContent(HELLO).doOnNext((event) -> texts.add(event.text())));
			assertThat(error).isInstanceOf(GeminiUnavailableException.class);
			assertThat(((GeminiException) error).getAttempts()).isEqualTo(1);
			assertThat(texts).containsExactly("t0");
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void streamGenerateContentWhenErrorEventArrivesWithFirstEventEmitsItThenFailsWithoutRetry() {
		// the first event and the error event come in one read: the event still reaches the subscriber
		// first, as it would from separate reads, so the stream is not retried and nothing is duplicated
		sequence(wireMock, STREAM_PATH, sse(event("t0") + "data: " + errorBody(503, "UNAVAILABLE") + "\r\n\r\n"),
				sse(stream(2)));
		List<String> texts = new CopyOnWriteArrayList<>();
		Throwable error = errorOf(this.template.streamGenerateContent(HELLO).doOnNext((event) -> texts.add(event.text())));
		assertThat(error).isInstanceOf(GeminiUnavailableException.class);
		assertThat(texts).containsExactly("t0");
		wireMock.verify(1, postRequestedFor(urlEqualTo(STREAM_PATH)));
	}

	@Test
	void streamGenerateContentWhenErrorEventBeforeFirstEventIsRetried() {
		sequence(wireMock, STREAM_PATH, sse("data: " + errorBody(503, "UNAVAILABLE") + "\r\n\r\n"), sse(stream(2)));
		assertThat(texts(this.template.streamGenerateContent(HELLO))).containsExactly("t0", "t1");
		wireMock.verify(2, postRequestedFor(urlEqualTo(STREAM_PATH)));
	}

	@Test
	void streamGenerateContentWhenCutAfterTwoEventsFailsWithoutRetryOrDuplicatedText() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(request.receive().aggregate().then().thenMany(Flux.just(event("t0"), event("t1"))))
			.then()
			.then(Mono.defer(() -> response.withConnection((connection) -> connection.channel().close()).then())))) {
			try (GeminiTemplate template = templateBuilder(server.baseUrl()).build()) {
				List<String> texts = new CopyOnWriteArrayList<>();
				Throwable error = errorOf(template.streamGenerateContent(HELLO).doOnNext((event) -> texts.add(event.text())));
				assertThat(error).isInstanceOfSatisfying(GeminiIncompleteStreamException.class, (ex) -> {
					assertThat(ex.getEventCount()).isEqualTo(2);
					assertThat(ex.getAttempts()).isEqualTo(1);
					assertThat(ex.isConnectionFailure()).isFalse();
				});
				assertThat(texts).containsExactly("t0", "t1");
				assertThat(server.requests).hasValue(1);
			}
		}
	}

	@Test
	void streamTextAfterRetryEmitsEachTextOnce() {
		sequence(wireMock, STREAM_PATH, error(503), aResponse().withFault(Fault.EMPTY_RESPONSE), sse(stream(5)));
		String text = this.template.streamText("Hello").collect(Collectors.joining()).block(TIMEOUT);
		assertThat(text).isEqualTo(streamText(5));
	}

	@Test
	void retryWaitsForServerDelayInVirtualTime() {
		GeminiResponseException unavailable = new GeminiUnavailableException(HttpStatusCode.valueOf(503), null, "",
				HttpMethod.POST, URI.create("http://127.0.0.1/x"), Duration.ofSeconds(2));
		RetrySettings settings = new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(10), 0,
				Duration.ofSeconds(30));
		AtomicInteger attempts = new AtomicInteger();
		StepVerifier.withVirtualTime(() -> Mono.defer(() -> (attempts.incrementAndGet() < 3) ? Mono.error(unavailable)
				: Mono.just("ok")).transform(new GeminiRetry(settings, (ex) -> true)::apply))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(3999))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(attempts).hasValue(3);
	}

	@Test
	void retryBacksOffExponentiallyUpToMaxBackoffInVirtualTime() {
		RetrySettings settings = new RetrySettings(5, Duration.ofMillis(100), Duration.ofMillis(300), 0,
				Duration.ofSeconds(30));
		AtomicInteger attempts = new AtomicInteger();
		// waits of 100, 200, 300 (capped) and 300 ms
		StepVerifier.withVirtualTime(() -> Mono.defer(() -> (attempts.incrementAndGet() < 5)
				? Mono.error(new IllegalStateException("boom")) : Mono.just("ok"))
			.transform(new GeminiRetry(settings, (ex) -> true)::apply))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(899))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(attempts).hasValue(5);
	}

	@Test
	void retryJitterStaysWithinBounds() {
		RetrySettings settings = new RetrySettings(2, Duration.ofMillis(1000), Duration.ofMillis(1000), 0.5,
				Duration.ofSeconds(30));
		AtomicInteger attempts = new AtomicInteger();
		StepVerifier.withVirtualTime(() -> Mono.defer(() -> (attempts.incrementAndGet() < 2)
				? Mono.error(new IllegalStateException("boom")) : Mono.just("ok"))
			.transform(new GeminiRetry(settings, (ex) -> true)::apply))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(499))
			.thenAwait(Duration.ofMillis(501))
			.expectNext("ok")
			.expectComplete()
			.verify(TIMEOUT);
	}

	private static List<String> texts(Flux<GenerateContentResponse> events) {
		return events.map(GenerateContentResponse::text).collectList().block(TIMEOUT);
	}

	private static ResponseDefinitionBuilder error(int status) {
		String name = switch (status) {
			case 400 -> "INVALID_ARGUMENT";
			case 401 -> "UNAUTHENTICATED";
			case 403 -> "PERMISSION_DENIED";
			case 404 -> "NOT_FOUND";
			case 429 -> "RESOURCE_EXHAUSTED";
			case 503 -> "UNAVAILABLE";
			default -> "INTERNAL";
		};
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody(errorBody(status, name));
	}

	private static ResponseDefinitionBuilder ok(String json) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json);
	}

	private static ResponseDefinitionBuilder sse(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
	}

}
