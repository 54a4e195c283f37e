package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.http.HttpMethod;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;
import io.github.geminicomet.quota.QuotaDecision;
import io.github.geminicomet.quota.QuotaLimit;
import io.github.geminicomet.quota.QuotaLimits;
import io.github.geminicomet.quota.QuotaSettings;
import io.github.geminicomet.quota.QuotaStore;

import static io.github.geminicomet.ResilienceTestSupport.API_KEY;
import static io.github.geminicomet.ResilienceTestSupport.SERVER_TIMER;
import static io.github.geminicomet.ResilienceTestSupport.TIMEOUT;
import static io.github.geminicomet.ResilienceTestSupport.answer;
import static io.github.geminicomet.ResilienceTestSupport.await;
import static io.github.geminicomet.ResilienceTestSupport.drain;
import static io.github.geminicomet.ResilienceTestSupport.errorBody;
import static io.github.geminicomet.ResilienceTestSupport.errorOf;
import static io.github.geminicomet.ResilienceTestSupport.event;
import static io.github.geminicomet.ResilienceTestSupport.lastEvent;
import static io.github.geminicomet.ResilienceTestSupport.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate}'s optional client-side concurrency limit
 * ({@code maxConcurrentRequests}, {@code maxQueuedRequests}, {@code maxQueueWait}) and its
 * {@link ConcurrencyLimiter}.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateResilienceConcurrencyLimitTests {

	private static final URI CALL_URI = URI.create("http://127.0.0.1/v1beta/models/m:generateContent");

	@Test
	void requestsInFlightNeverExceedTheLimit() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.fromRunnable(() -> peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max)))
				.then(Mono.delay(Duration.ofMillis(100), SERVER_TIMER))
				.then(Mono.fromCallable(() -> {
					inFlight.decrementAndGet();
					return answer("Hi");
				}))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(3).build()) {
			List<String> texts = Flux.range(0, 20)
				.flatMap((i) -> template.generateText("Hello"), 20)
				.collectList()
				.block(TIMEOUT);
			assertThat(texts).hasSize(20).containsOnly("Hi");
			assertThat(peak.get()).isEqualTo(3);
			assertThat(server.requests).hasValue(20);
		}
	}

	@Test
	void requestsBeyondTheQueueAreRejectedWithClearError() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.delay(Duration.ofMillis(500), SERVER_TIMER)).thenReturn(answer("Hi"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(2).maxQueuedRequests(3)
					.build()) {
			List<Throwable> rejections = new CopyOnWriteArrayList<>();
			AtomicInteger answers = new AtomicInteger();
			Flux.range(0, 10)
				.flatMap((i) -> template.generateText("Hello").doOnNext((text) -> answers.incrementAndGet())
					.onErrorResume((ex) -> {
						rejections.add(ex);
						return Mono.empty();
					}), 10)
				.then()
				.block(TIMEOUT);
			assertThat(answers).hasValue(5);
			assertThat(rejections).hasSize(5).allSatisfy((error) -> {
				assertThat(error).isInstanceOfSatisfying(GeminiConcurrencyLimitException.class, (ex) -> {
					assertThat(ex.getMaxConcurrentRequests()).isEqualTo(2);
					assertThat(ex.getMaxQueuedRequests()).isEqualTo(3);
					assertThat(ex.getAttempts()).isEqualTo(1);
					assertThat(ex.isConnectionFailure()).isFalse();
				});
				assertThat(error).hasMessageContaining("cometapi.gemini.max-concurrent-requests")
					.hasMessageContaining("cometapi.gemini.max-queued-requests");
			});
			assertThat(server.requests).hasValue(5);
		}
	}

	@Test
	void streamsHoldTheirPlaceUntilTheyEndAndCancellationGivesItBack() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(drain(request).thenMany(Flux.interval(Duration.ofMillis(5), SERVER_TIMER)
				.map((i) -> event("t" + i)))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(1).build()) {
			for (int i = 0; i < 10; i++) {
				StepVerifier.create(template.streamText("Hello").take(2)).expectNextCount(2).expectComplete()
					.verify(TIMEOUT);
			}
			List<Long> counts = Flux.range(0, 20)
				.flatMap((i) -> template.streamText("Hello").take(2).count(), 20)
				.collectList()
				.block(TIMEOUT);
			assertThat(counts).hasSize(20).containsOnly(2L);
			assertThat(server.requests).hasValue(30);
		}
	}

	@Test
	void cancelledWaitingRequestLeavesTheQueue() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.delay(Duration.ofMillis(300), SERVER_TIMER)).thenReturn(answer("Hi"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(1).maxQueuedRequests(1)
					.build()) {
			Mono<String> first = template.generateText("first").cache();
			first.subscribe();
			assertThat(await(() -> server.requests.get() == 1, TIMEOUT)).isTrue();
			Disposable cancelled = template.generateText("cancelled").subscribe();
			cancelled.dispose();
			// the queue has room again: this one waits instead of being rejected
			StepVerifier.create(template.generateText("third")).expectNext("Hi").expectComplete().verify(TIMEOUT);
			assertThat(first.block(TIMEOUT)).isEqualTo("Hi");
			assertThat(server.requests).hasValue(2);
		}
	}

	@Test
	void failedRequestsGiveTheirPlaceBack() {
		try (FakeServer server = FakeServer.start((request, response) -> response.status(400)
			.header("Content-Type", "application/json")
			.sendString(drain(request).thenReturn(errorBody(400, "INVALID_ARGUMENT"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(1).maxQueuedRequests(0)
					.build()) {
			for (int i = 0; i < 10; i++) {
				StepVerifier.create(template.generateText("Hello")).expectError(GeminiResponseException.class)
					.verify(TIMEOUT);
			}
			assertThat(server.requests).hasValue(10);
		}
	}

	@Test
	void variantsShareTheLimit() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.delay(Duration.ofMillis(300), SERVER_TIMER)).thenReturn(answer("Hi"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(1).maxQueuedRequests(0)
					.build();
				GeminiTemplate variant = template.mutate().defaultModel("gemini-2.5-pro").build()) {
			Mono<String> first = template.generateText("first").cache();
			first.subscribe();
			assertThat(await(() -> server.requests.get() == 1, TIMEOUT)).isTrue();
			StepVerifier.create(variant.generateText("second")).expectError(GeminiConcurrencyLimitException.class)
				.verify(TIMEOUT);
			assertThat(first.block(TIMEOUT)).isEqualTo("Hi");
		}
	}

	@Test
	void limitIsOffByDefault() {
		assertThat(ConcurrencyLimiter.of(0, 1000, null)).isSameAs(ConcurrencyLimiter.UNLIMITED);
		Mono<String> call = Mono.just("x");
		assertThat(ConcurrencyLimiter.UNLIMITED.limit(call, HttpMethod.POST, CALL_URI)).isSameAs(call);
	}

	@Test
	void limiterReturnsToIdleAfterRacingCompletionsErrorsAndCancellations() {
		ConcurrencyLimiter limiter = ConcurrencyLimiter.of(4, 10_000, null);
		AtomicInteger active = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		Flux.range(0, 3_000)
			.flatMap((i) -> {
				Mono<Integer> work = Mono.defer(() -> {
					peak.accumulateAndGet(active.incrementAndGet(), Math::max);
					Mono<Integer> outcome = switch (i % 3) {
						case 0 -> Mono.just(i);
						case 1 -> Mono.error(new IllegalStateException("boom"));
						default -> Mono.never();
					};
					// counted down before the limiter sees the end, so the next holder never overlaps
					return outcome.delaySubscription(Duration.ofMillis(i % 2))
						.doOnTerminate(active::decrementAndGet)
						.doOnCancel(active::decrementAndGet);
				});
				return limiter.limit(work, HttpMethod.POST, CALL_URI)
					.subscribeOn(Schedulers.parallel())
					.timeout(Duration.ofMillis(1 + i % 4))
					.onErrorResume((ex) -> Mono.empty());
			}, 256)
			.then()
			.block(Duration.ofSeconds(30));
		assertThat(await(() -> limiter.inFlight() == 0 && limiter.queued() == 0, TIMEOUT)).isTrue();
		assertThat(peak.get()).isLessThanOrEqualTo(4);
		// and it still grants places afterwards
		StepVerifier.create(Flux.range(0, 8).flatMap((i) -> limiter.limit(Mono.just(i), HttpMethod.POST, CALL_URI)))
			.expectNextCount(8)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void limiterRejectsAtOnceWhenQueueIsFull() {
		ConcurrencyLimiter limiter = ConcurrencyLimiter.of(1, 1, null);
		Disposable holding = limiter.limit(Mono.never(), HttpMethod.POST, CALL_URI).subscribe();
		Disposable waiting = limiter.limit(Mono.never(), HttpMethod.POST, CALL_URI).subscribe();
		StepVerifier.create(limiter.limit(Mono.just("x"), HttpMethod.POST, CALL_URI))
			.expectError(GeminiConcurrencyLimitException.class)
			.verify(TIMEOUT);
		assertThat(limiter.inFlight()).isEqualTo(1);
		assertThat(limiter.queued()).isEqualTo(1);
		holding.dispose();
		assertThat(limiter.inFlight()).isEqualTo(1);
		assertThat(limiter.queued()).isZero();
		waiting.dispose();
		assertThat(limiter.inFlight()).isZero();
	}

	@Test
	void waitForAPlaceEndsAfterTheMaxWaitWithAClearErrorAndNothingSent() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.delay(Duration.ofSeconds(3), SERVER_TIMER)).thenReturn(answer("Hi"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(1)
					.maxQueueWait(Duration.ofMillis(200))
					.build()) {
			CompletableFuture<String> first = template.generateText("first").toFuture();
			assertThat(await(() -> server.requests.get() == 1, TIMEOUT)).isTrue();
			long start = System.nanoTime();
			Throwable error = errorOf(template.generateText("second"));
			long waited = System.nanoTime() - start;
			// it waited its max wait, and gave up while the first call still held the place
			assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
			assertThat(first).isNotDone();
			assertThat(error).isInstanceOfSatisfying(GeminiRateLimitException.class, (rejection) -> {
				assertThat(rejection.isClientSide()).isTrue();
				assertThat(rejection.getQuotaLimit()).isEqualTo(QuotaLimit.MAX_CONCURRENT_REQUESTS);
				assertThat(rejection.getAttempts()).isOne();
			});
			assertThat(error)
				.hasMessageContaining("'max-concurrent-requests' (1, cometapi.gemini.quota.max-concurrent-requests)")
				.hasMessageContaining("max wait of 0.200s (cometapi.gemini.quota.max-wait)")
				.hasMessageContaining("No request was sent to Gemini")
				.hasMessageNotContaining(API_KEY);
			assertThat(first.join()).isEqualTo("Hi");
			assertThat(server.requests).hasValue(1);
			assertThat(template.getQuotaStatistics().rejections(QuotaLimit.MAX_CONCURRENT_REQUESTS)).isOne();
		}
	}

	@Test
	void theWaitForAPlaceCountsAgainstTheMaxWaitForRoomInTheQuota() {
		List<Duration> asked = new CopyOnWriteArrayList<>();
		QuotaStore store = roomAfterTheFirstCallIn(Duration.ofSeconds(1), asked);
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.delay(Duration.ofMillis(1200), SERVER_TIMER)).thenReturn(answer("Hi"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(1)
					.maxQueueWait(Duration.ofSeconds(2))
					.quota(QuotaSettings.of(1_000, 0).withMaxWait(Duration.ofSeconds(2)))
					.quotaStore(store)
					.build()) {
			CompletableFuture<String> first = template.generateText("first").toFuture();
			assertThat(await(() -> server.requests.get() == 1, TIMEOUT)).isTrue();
			// about 1.2 s for the place, so less than the 1 s of room is left of the 2 s max wait
			Throwable error = errorOf(template.generateText("second"));
			assertThat(first.join()).isEqualTo("Hi");
			assertThat(asked).hasSize(2);
			assertThat(asked.get(0)).isEqualTo(Duration.ofSeconds(2));
			assertThat(asked.get(1)).isLessThan(Duration.ofSeconds(1)).isGreaterThan(Duration.ZERO);
			assertThat(error).isInstanceOfSatisfying(GeminiRateLimitException.class, (rejection) -> {
				assertThat(rejection.isClientSide()).isTrue();
				assertThat(rejection.getQuotaLimit()).isEqualTo(QuotaLimit.REQUESTS_PER_MINUTE);
			});
			assertThat(error).hasMessageContaining("max wait of 2.000s (cometapi.gemini.quota.max-wait), 1.")
				.hasMessageContaining("of which went on waiting for a place under max-concurrent-requests")
				.hasMessageContaining("No request was sent to Gemini");
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void aWaitForAPlaceWithoutAMaxWaitLeavesTheQuotaItsWholeMaxWait() {
		List<Duration> asked = new CopyOnWriteArrayList<>();
		QuotaStore store = roomAfterTheFirstCallIn(Duration.ofSeconds(1), asked);
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.delay(Duration.ofMillis(1200), SERVER_TIMER)).thenReturn(answer("Hi"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(1)
					.quota(QuotaSettings.of(1_000, 0).withMaxWait(Duration.ofSeconds(2)))
					.quotaStore(store)
					.build()) {
			CompletableFuture<String> first = template.generateText("first").toFuture();
			assertThat(await(() -> server.requests.get() == 1, TIMEOUT)).isTrue();
			// no max wait for the place (maxQueueWait unset): its 1.2 s are not taken off the quota's 2 s
			assertThat(template.generateText("second").block(TIMEOUT)).isEqualTo("Hi");
			assertThat(first.join()).isEqualTo("Hi");
			assertThat(asked).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
		}
	}

	@Test
	void aStreamsWaitForAPlaceCountsAgainstTheMaxWaitForRoomInTheQuotaToo() {
		List<Duration> asked = new CopyOnWriteArrayList<>();
		QuotaStore store = roomAfterTheFirstCallIn(Duration.ofSeconds(1), asked);
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(drain(request).then(Mono.delay(Duration.ofMillis(1200), SERVER_TIMER))
				.thenMany(Flux.just(event("Hi"), lastEvent("!")))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(1)
					.maxQueueWait(Duration.ofSeconds(2))
					.quota(QuotaSettings.of(1_000, 0).withMaxWait(Duration.ofSeconds(2)))
					.quotaStore(store)
					.build()) {
			CompletableFuture<List<String>> first = template.streamText("first").collectList().toFuture();
			assertThat(await(() -> server.requests.get() == 1, TIMEOUT)).isTrue();
			Throwable error = errorOf(template.streamText("second").then());
			assertThat(first.join()).containsExactly("Hi", "!");
			assertThat(asked).hasSize(2);
			assertThat(asked.get(1)).isLessThan(Duration.ofSeconds(1)).isGreaterThan(Duration.ZERO);
			assertThat(error).isInstanceOfSatisfying(GeminiRateLimitException.class,
					(rejection) -> assertThat(rejection.getQuotaLimit()).isEqualTo(QuotaLimit.REQUESTS_PER_MINUTE));
			assertThat(server.requests).hasValue(1);
		}
	}

	/**
	 * A quota store with no wait for the first call and room after {@code room} for later ones, granted
	 * only within the max wait it is asked with, which it records.
	 */
	private static QuotaStore roomAfterTheFirstCallIn(Duration room, List<Duration> asked) {
		return new QuotaStore() {

			@Override
			public Mono<QuotaDecision> reserve(String key, QuotaLimits limits, long tokens, Duration maxWait) {
				Duration wait = asked.isEmpty() ? Duration.ZERO : room;
				asked.add(maxWait);
				return Mono.just((wait.compareTo(maxWait) <= 0) ? new QuotaDecision(true, wait, null)
						: new QuotaDecision(false, wait, QuotaLimit.REQUESTS_PER_MINUTE));
			}

			@Override
			public Mono<Void> adjust(String key, QuotaLimits limits, long requests, long tokens) {
				return Mono.empty();
			}

			@Override
			public Mono<Void> pause(String key, Duration duration) {
				return Mono.empty();
			}

			@Override
			public String name() {
				return "test";
			}

		};
	}

	@Test
	void withALongerMaxWaitTheWaitingCallGetsThePlaceWhenTheFirstEnds() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.delay(Duration.ofMillis(300), SERVER_TIMER)).thenReturn(answer("Hi"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(1)
					.maxQueueWait(Duration.ofSeconds(5))
					.build()) {
			CompletableFuture<String> first = template.generateText("first").toFuture();
			assertThat(await(() -> server.requests.get() == 1, TIMEOUT)).isTrue();
			StepVerifier.create(template.generateText("second"))
				.assertNext((text) -> {
					assertThat(text).isEqualTo("Hi");
					assertThat(first).isCompletedWithValue("Hi");
				})
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(server.requests).hasValue(2);
			assertThat(template.getQuotaStatistics().rejections(QuotaLimit.MAX_CONCURRENT_REQUESTS)).isZero();
		}
	}

	@Test
	void streamWaitingForAPlaceIsBoundedByTheMaxWaitToo() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(drain(request).thenMany(Flux.interval(Duration.ofMillis(5), SERVER_TIMER)
				.map((i) -> event("t" + i)))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).maxConcurrentRequests(1)
					.maxQueueWait(Duration.ofMillis(200))
					.build()) {
			Disposable open = template.streamText("first").subscribe();
			try {
				assertThat(await(() -> server.requests.get() == 1, TIMEOUT)).isTrue();
				assertThat(errorOf(template.streamText("second"))).isInstanceOfSatisfying(GeminiRateLimitException.class,
						(rejection) -> assertThat(rejection.getQuotaLimit()).isEqualTo(QuotaLimit.MAX_CONCURRENT_REQUESTS));
				assertThat(server.requests).hasValue(1);
			}
			finally {
				open.dispose();
			}
			// the place came back with the cancelled stream
			StepVerifier.create(template.streamText("third").take(2)).expectNextCount(2).expectComplete()
				.verify(TIMEOUT);
		}
	}

	@Test
	void maxWaitTimerDueAsThePlaceFreesNeverLosesThePlace() {
		VirtualTimeScheduler clock = VirtualTimeScheduler.getOrSet();
		try {
			ConcurrencyLimiter limiter = ConcurrencyLimiter.of(1, 10, null);
			Duration maxWait = Duration.ofMillis(200);

			// the place frees first, at the instant the timer is due: the waiting request has it
			Sinks.Empty<Void> first = Sinks.empty();
			limiter.limit(first.asMono(), HttpMethod.POST, CALL_URI).subscribe();
			clock.schedule(first::tryEmitEmpty, 200, TimeUnit.MILLISECONDS); // before the timer: runs first
			AtomicReference<Object> second = new AtomicReference<>();
			limiter.limit(Mono.just("sent"), maxWait, HttpMethod.POST, CALL_URI).subscribe(second::set, second::set);
			clock.advanceTimeBy(Duration.ofMillis(199));
			assertThat(second.get()).isNull();
			assertThat(limiter.queued()).isOne();
			clock.advanceTimeBy(Duration.ofMillis(1));
			assertThat(second).hasValue("sent");
			assertThat(limiter.inFlight()).isZero();
			assertThat(limiter.queued()).isZero();
			assertThat(limiter.expired()).isZero();

			// the timer fires first, at the instant the place frees: the request fails, the place stays
			Sinks.Empty<Void> third = Sinks.empty();
			limiter.limit(third.asMono(), HttpMethod.POST, CALL_URI).subscribe();
			AtomicReference<Object> fourth = new AtomicReference<>();
			limiter.limit(Mono.just("sent"), maxWait, HttpMethod.POST, CALL_URI).subscribe(fourth::set, fourth::set);
			clock.schedule(third::tryEmitEmpty, 200, TimeUnit.MILLISECONDS); // after the timer: runs second
			clock.advanceTimeBy(maxWait);
			assertThat(fourth.get()).isInstanceOf(GeminiRateLimitException.class);
			assertThat(limiter.inFlight()).isZero();
			assertThat(limiter.queued()).isZero();
			assertThat(limiter.expired()).isOne();
			StepVerifier.create(limiter.limit(Mono.just("x"), maxWait, HttpMethod.POST, CALL_URI))
				.expectNext("x")
				.expectComplete()
				.verify(TIMEOUT);
		}
		finally {
			VirtualTimeScheduler.reset();
		}
	}

	@Test
	void maxWaitTimerRacingAFreedPlaceOnOtherThreadsNeverLeaksIt() {
		ConcurrencyLimiter limiter = ConcurrencyLimiter.of(1, 10, null);
		Map<Object, Integer> outcomes = new ConcurrentHashMap<>();
		for (int i = 0; i < 500; i++) {
			Sinks.Empty<Void> holder = Sinks.empty();
			limiter.limit(holder.asMono(), HttpMethod.POST, CALL_URI).subscribe();
			Mono<Object> waiting = limiter.limit(Mono.<Object>just("sent"), Duration.ofMillis(1), HttpMethod.POST,
					CALL_URI);
			// the holder lets go on another thread as the max-wait timer fires
			Schedulers.parallel().schedule(holder::tryEmitEmpty, 1, TimeUnit.MILLISECONDS);
			Object outcome = waiting.onErrorResume(GeminiRateLimitException.class, (ex) -> Mono.just("expired"))
				.block(TIMEOUT);
			assertThat(outcome).isIn("sent", "expired");
			outcomes.merge(outcome, 1, Integer::sum);
			assertThat(await(() -> limiter.inFlight() == 0 && limiter.queued() == 0, TIMEOUT)).isTrue();
		}
		assertThat(limiter.expired()).isEqualTo(outcomes.getOrDefault("expired", 0).longValue());
		StepVerifier.create(limiter.limit(Mono.just("x"), HttpMethod.POST, CALL_URI)).expectNext("x")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void withoutMaxWaitARequestWaitsForAPlaceAsLongAsItTakes() {
		VirtualTimeScheduler clock = VirtualTimeScheduler.getOrSet();
		try {
			ConcurrencyLimiter limiter = ConcurrencyLimiter.of(1, 10, null);
			Sinks.Empty<Void> first = Sinks.empty();
			limiter.limit(first.asMono(), HttpMethod.POST, CALL_URI).subscribe();
			AtomicReference<Object> second = new AtomicReference<>();
			limiter.limit(Mono.just("sent"), null, HttpMethod.POST, CALL_URI).subscribe(second::set, second::set);
			clock.advanceTimeBy(Duration.ofHours(1));
			assertThat(second.get()).isNull();
			first.tryEmitEmpty();
			assertThat(second).hasValue("sent");
		}
		finally {
			VirtualTimeScheduler.reset();
		}
	}

}
