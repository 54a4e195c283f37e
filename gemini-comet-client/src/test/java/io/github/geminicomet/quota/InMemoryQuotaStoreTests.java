package io.github.geminicomet.quota;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link InMemoryQuotaStore}, on a clock the test moves.
 */
class InMemoryQuotaStoreTests {

	private static final QuotaLimits LIMITS = new QuotaLimits(60, 6_000);

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final InMemoryQuotaStore store = new InMemoryQuotaStore(this.now::get);

	@Test
	void aFullMinuteIsAvailableAtOnceThenOneRefillStepPerRequest() {
		for (int i = 0; i < 60; i++) {
			assertThat(reserve(0, Duration.ZERO)).isEqualTo(QuotaDecision.NOW);
		}
		QuotaDecision refused = reserve(0, Duration.ZERO);
		assertThat(refused.granted()).isFalse();
		assertThat(refused.limit()).isEqualTo(QuotaLimit.REQUESTS_PER_MINUTE);
		assertThat(refused.delay()).isEqualTo(Duration.ofSeconds(1));
		// waiting callers take their turn ahead of time, one refill step apart, without asking again
		assertThat(reserve(0, Duration.ofSeconds(5)).delay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(reserve(0, Duration.ofSeconds(5)).delay()).isEqualTo(Duration.ofSeconds(2));
		this.now.addAndGet(Duration.ofSeconds(2).toNanos());
		assertThat(reserve(0, Duration.ofSeconds(5)).delay()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void tokensAreReservedThenSettledAndNeverAboveOneMinute() {
		assertThat(reserve(1_000, Duration.ZERO)).isEqualTo(QuotaDecision.NOW);
		assertThat(available(QuotaLimit.TOKENS_PER_MINUTE)).isEqualTo(5_000);
		this.store.adjust("k", LIMITS, 0, 2_000).block();
		assertThat(available(QuotaLimit.TOKENS_PER_MINUTE)).isEqualTo(3_000);
		this.store.adjust("k", LIMITS, 0, -9_000).block();
		assertThat(available(QuotaLimit.TOKENS_PER_MINUTE)).isEqualTo(6_000);
		// an estimate above the whole minute waits for a full bucket rather than for ever
		this.store.adjust("k", LIMITS, 0, 6_000).block();
		QuotaDecision decision = reserve(100_000, Duration.ofMinutes(2));
		assertThat(decision.granted()).isTrue();
		assertThat(decision.limit()).isEqualTo(QuotaLimit.TOKENS_PER_MINUTE);
		assertThat(decision.delay()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void tokensRefillContinuously() {
		this.store.adjust("k", LIMITS, 0, 6_000).block();
		this.now.addAndGet(Duration.ofSeconds(30).toNanos());
		assertThat(available(QuotaLimit.TOKENS_PER_MINUTE)).isCloseTo(3_000, within(0.001));
	}

	@Test
	void pauseHoldsEveryReservationBackAndOnlyALongerPauseReplacesIt() {
		this.store.pause("k", Duration.ofSeconds(3)).block();
		this.store.pause("k", Duration.ofSeconds(1)).block();
		QuotaDecision refused = reserve(0, Duration.ofSeconds(2));
		assertThat(refused.granted()).isFalse();
		assertThat(refused.limit()).isEqualTo(QuotaLimit.SERVER_RETRY_DELAY);
		assertThat(refused.delay()).isEqualTo(Duration.ofSeconds(3));
		QuotaDecision waits = reserve(0, Duration.ofSeconds(5));
		assertThat(waits.granted()).isTrue();
		assertThat(waits.delay()).isEqualTo(Duration.ofSeconds(3));
		this.now.addAndGet(Duration.ofSeconds(3).toNanos());
		assertThat(reserve(0, Duration.ZERO)).isEqualTo(QuotaDecision.NOW);
		// other keys are other quotas
		assertThat(this.store.reserve("other", LIMITS, 0, Duration.ZERO).block()).isEqualTo(QuotaDecision.NOW);
	}

	private QuotaDecision reserve(long tokens, Duration maxWait) {
		return this.store.reserve("k", LIMITS, tokens, maxWait).block();
	}

	private double available(QuotaLimit limit) {
		return this.store.available("k", LIMITS, limit);
	}

}
