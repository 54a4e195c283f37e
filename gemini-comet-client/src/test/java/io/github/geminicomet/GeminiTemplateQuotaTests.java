package io.github.geminicomet;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;
import io.github.geminicomet.quota.InMemoryQuotaStore;
import io.github.geminicomet.quota.QuotaLimit;
import io.github.geminicomet.quota.QuotaLimits;
import io.github.geminicomet.quota.QuotaSettings;
import io.github.geminicomet.quota.QuotaStatistics;

import static io.github.geminicomet.ResilienceTestSupport.API_KEY;
import static io.github.geminicomet.ResilienceTestSupport.TIMEOUT;
import static io.github.geminicomet.ResilienceTestSupport.await;
import static io.github.geminicomet.ResilienceTestSupport.drain;
import static io.github.geminicomet.ResilienceTestSupport.errorOf;
import static io.github.geminicomet.ResilienceTestSupport.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link GeminiTemplate}'s client-side quota ({@code quota(...)}) with its default in-memory
 * store, on the wire against a fake Gemini.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateQuotaTests {

	private final Queue<Long> arrivals = new ConcurrentLinkedQueue<>();

	@Test
	void callWithoutRoomWithinMaxWaitFailsClientSideWithoutSendingOrRetrying() {
		try (FakeServer server = FakeServer.start(this::answer);
				GeminiTemplate template = templateBuilder(server.baseUrl())
					.quota(QuotaSettings.of(2, 0).withMaxWait(Duration.ofMillis(100)))
					.build()) {
			assertThat(template.generateText("one").block(TIMEOUT)).isEqualTo("Hi");
			assertThat(template.generateText("two").block(TIMEOUT)).isEqualTo("Hi");
			Throwable error = errorOf(template.generateText("three"));
			assertThat(error).isInstanceOf(GeminiRateLimitException.class)
				.hasMessageContaining("'requests-per-minute' (2, cometapi.gemini.quota.requests-per-minute)")
				.hasMessageContaining("max wait of 0.100s (cometapi.gemini.quota.max-wait)")
				.hasMessageContaining("No request was sent to Gemini")
				.hasMessageNotContaining(API_KEY);
			GeminiRateLimitException rejection = (GeminiRateLimitException) error;
			assertThat(rejection.isClientSide()).isTrue();
			assertThat(rejection.getQuotaLimit()).isEqualTo(QuotaLimit.REQUESTS_PER_MINUTE);
			assertThat(rejection.getStatusCode().value()).isEqualTo(429);
			assertThat(rejection.getRetryDelay()).hasValueSatisfying(
					(delay) -> assertThat(delay).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30)));
			assertThat(rejection.getAttempts()).isOne();
			assertThat(server.requests).hasValue(2);
			QuotaStatistics statistics = template.getQuotaStatistics();
			assertThat(statistics.enabled()).isTrue();
			assertThat(statistics.store()).isEqualTo("memory");
			assertThat(statistics.rejections(QuotaLimit.REQUESTS_PER_MINUTE)).isOne();
		}
	}

	@Test
	void callsWaitForRoomOnATimerAndAreSentOneRefillStepApart() {
		try (FakeServer server = FakeServer.start(this::answer);
				GeminiTemplate template = templateBuilder(server.baseUrl())
					.quota(QuotaSettings.of(30, 0).withMaxWait(Duration.ofSeconds(6)))
					.build()) {
			long start = System.nanoTime();
			List<String> answers = Flux.range(0, 32).flatMap((i) -> template.generateText("Hello"), 32).collectList()
				.block(TIMEOUT);
			assertThat(answers).hasSize(32).containsOnly("Hi");
			// a minute's worth at once, then one every 2 s
			List<Long> sorted = this.arrivals.stream().sorted().toList();
			assertThat(sorted.get(30) - start).isGreaterThan(Duration.ofMillis(1950).toNanos());
			assertThat(sorted.get(31) - start).isGreaterThan(Duration.ofMillis(3950).toNanos());
			assertThat(template.getQuotaStatistics().waits()).isBetween(1L, 2L);
			assertThat(template.getQuotaStatistics().waitTime()).isGreaterThan(Duration.ofMillis(1000));
			assertThat(template.getQuotaStatistics().waiting()).isZero();
		}
	}

	@Test
	void unaryCallSettlesTheTokensOnTheAnswersUsage() {
		InMemoryQuotaStore store = new InMemoryQuotaStore();
		QuotaLimits limits = new QuotaLimits(0, 6_000);
		try (FakeServer server = FakeServer.start(this::answer);
				GeminiTemplate template = templateBuilder(server.baseUrl())
					.quota(QuotaSettings.of(0, 6_000))
					.quotaStore(store)
					.build()) {
			assertThat(template.generateText("Hello").block(TIMEOUT)).isEqualTo("Hi");
			String key = QuotaGate.keyOf(API_KEY);
			assertThat(await(() -> store.available(key, limits, QuotaLimit.TOKENS_PER_MINUTE) < 3_000, TIMEOUT)).isTrue();
			// 5,000 reported, refilled at 100 a second since
			assertThat(store.available(key, limits, QuotaLimit.TOKENS_PER_MINUTE)).isCloseTo(1_000, within(1_500.0));
			assertThat(template.getQuotaStatistics().reservedTokens()).isZero();
		}
	}

	@Test
	void rateLimitAnswerWithRetryDelayPausesTheOtherCallersOfTheQuota() {
		Queue<Long> rateLimitedAt = new ConcurrentLinkedQueue<>();
		try (FakeServer server = FakeServer.start((request, response) -> {
			if (server429(rateLimitedAt)) {
				return response.status(429).header("Content-Type", "application/json")
					.sendString(drain(request).thenReturn(ResilienceTestSupport.errorBody(429, "RESOURCE_EXHAUSTED", "1s")));
			}
			return answer(request, response);
		}); GeminiTemplate template = templateBuilder(server.baseUrl()).retry(RetrySettings.NONE)
			.quota(QuotaSettings.of(1_000, 0))
			.build()) {
			GeminiTemplate variant = template.mutate().defaultModel("gemini-2.5-pro").build();
			assertThat(errorOf(template.generateText("first"))).isInstanceOf(GeminiRateLimitException.class);
			assertThat(variant.generateText("second").block(TIMEOUT)).isEqualTo("Hi");
			assertThat(this.arrivals.peek() - rateLimitedAt.peek()).isGreaterThan(Duration.ofMillis(950).toNanos());
			assertThat(variant.getQuotaStatistics().pauses()).isOne();
		}
	}

	@Test
	void withoutQuotaNothingChanges() {
		try (FakeServer server = FakeServer.start(this::answer);
				GeminiTemplate template = templateBuilder(server.baseUrl()).build()) {
			assertThat(template.generateText("Hello").block(TIMEOUT)).isEqualTo("Hi");
			assertThat(template.getQuotaStatistics().enabled()).isFalse();
			assertThat(template.mutate().build().getQuotaStatistics().enabled()).isFalse();
		}
	}

	private final java.util.concurrent.atomic.AtomicBoolean limited = new java.util.concurrent.atomic.AtomicBoolean();

	private boolean server429(Queue<Long> rateLimitedAt) {
		if (this.limited.compareAndSet(false, true)) {
			rateLimitedAt.add(System.nanoTime());
			return true;
		}
		return false;
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
		return answer(request, response, this.arrivals, 5_000);
	}

	/** Answer "Hi" reporting {@code totalTokens} in all, recording when the request arrived. */
	static Mono<Void> answer(HttpServerRequest request, HttpServerResponse response, Queue<Long> arrivals,
			int totalTokens) {
		arrivals.add(System.nanoTime());
		return response.header("Content-Type", "application/json").sendString(drain(request).thenReturn(
				"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}],"
						+ "\"usageMetadata\":{\"totalTokenCount\":" + totalTokens + "}}"))
			.then();
	}

}
