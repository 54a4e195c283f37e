package io.github.geminicomet.quota;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@link QuotaStore} in this JVM's memory: the quota of one instance, and the local fallback of a shared
 * store that cannot be reached. Same buckets as {@link RedisQuotaStore}'s script; a short lock per key
 * guards a few arithmetic operations.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public final class InMemoryQuotaStore implements QuotaStore {

	private static final double NANOS_PER_MINUTE = 60_000_000_000d;

	private final Map<String, KeyState> states = new ConcurrentHashMap<>();

	private final LongSupplier nanoClock;

	/**
	 * Create a new store.
	 */
	public InMemoryQuotaStore() {
		this(System::nanoTime);
	}

	InMemoryQuotaStore(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
	}

	@Override
	public Mono<QuotaDecision> reserve(String key, QuotaLimits limits, long tokens, Duration maxWait) {
		return Mono.fromSupplier(() -> state(key).reserve(limits, tokens, maxWait.toNanos(), this.nanoClock.getAsLong()));
	}

	@Override
	public Mono<Void> adjust(String key, QuotaLimits limits, long requests, long tokens) {
		return Mono.fromRunnable(() -> state(key).adjust(limits, requests, tokens, this.nanoClock.getAsLong()));
	}

	@Override
	public Mono<Void> pause(String key, Duration duration) {
		return Mono.fromRunnable(() -> state(key).pause(this.nanoClock.getAsLong() + duration.toNanos()));
	}

	@Override
	public String name() {
		return "memory";
	}

	/**
	 * Return how much room the bucket of {@code limit} has now, for tests and statistics.
	 * @param key the quota's key
	 * @param limits the limits
	 * @param limit {@link QuotaLimit#REQUESTS_PER_MINUTE} or {@link QuotaLimit#TOKENS_PER_MINUTE}
	 * @return the room, negative when reservations are waiting or usage exceeded the estimates
	 */
	public double available(String key, QuotaLimits limits, QuotaLimit limit) {
		KeyState state = state(key);
		long now = this.nanoClock.getAsLong();
		synchronized (state) {
			return (limit == QuotaLimit.REQUESTS_PER_MINUTE) ? state.requests.refill(limits.requestsPerMinute(), now)
					: state.tokens.refill(limits.tokensPerMinute(), now);
		}
	}

	@Override
	public String toString() {
		return "InMemoryQuotaStore";
	}

	private KeyState state(String key) {
		return this.states.computeIfAbsent(key, (k) -> new KeyState());
	}

	/**
	 * The buckets and pause of one key.
	 */
	private static final class KeyState {

		private final Bucket requests = new Bucket();

		private final Bucket tokens = new Bucket();

		private long pausedUntil;

		private boolean paused;

		synchronized QuotaDecision reserve(QuotaLimits limits, long tokenCost, long maxWait, long now) {
			long wait = 0;
			@Nullable QuotaLimit limit = null;
			if (this.paused && this.pausedUntil - now > 0) {
				wait = this.pausedUntil - now;
				limit = QuotaLimit.SERVER_RETRY_DELAY;
			}
			long requestCap = limits.requestsPerMinute();
			long tokenCap = limits.tokensPerMinute();
			double requestCost = Math.min(1, requestCap);
			double tokensCost = Math.min(tokenCost, tokenCap);
			long requestWait = (requestCap > 0) ? this.requests.waitFor(requestCost, requestCap, now) : 0;
			if (requestWait > wait) {
				wait = requestWait;
				limit = QuotaLimit.REQUESTS_PER_MINUTE;
			}
			long tokenWait = (tokenCap > 0) ? this.tokens.waitFor(tokensCost, tokenCap, now) : 0;
			if (tokenWait > wait) {
				wait = tokenWait;
				limit = QuotaLimit.TOKENS_PER_MINUTE;
			}
			if (wait > maxWait) {
				return new QuotaDecision(false, Duration.ofNanos(wait), limit);
			}
			if (requestCap > 0) {
				this.requests.level -= requestCost;
			}
			if (tokenCap > 0) {
				this.tokens.level -= tokensCost;
			}
			return (wait == 0) ? QuotaDecision.NOW : new QuotaDecision(true, Duration.ofNanos(wait), limit);
		}

		synchronized void adjust(QuotaLimits limits, long requestDelta, long tokenDelta, long now) {
			if (limits.requestsPerMinute() > 0 && requestDelta != 0) {
				this.requests.charge(requestDelta, limits.requestsPerMinute(), now);
			}
			if (limits.tokensPerMinute() > 0 && tokenDelta != 0) {
				this.tokens.charge(tokenDelta, limits.tokensPerMinute(), now);
			}
		}

		synchronized void pause(long until) {
			if (!this.paused || until - this.pausedUntil > 0) {
				this.pausedUntil = until;
				this.paused = true;
			}
		}

	}

	/**
	 * A token bucket holding at most one minute's worth, refilled continuously; below zero while
	 * reservations wait for their turn.
	 */
	private static final class Bucket {

		private double level = Double.NaN;

		private long updated;

		double refill(long capacity, long now) {
			if (Double.isNaN(this.level)) {
				this.level = capacity;
			}
			else {
				this.level = Math.min(capacity, this.level + Math.max(0, now - this.updated) * capacity / NANOS_PER_MINUTE);
			}
			this.updated = now;
			return this.level;
		}

		long waitFor(double cost, long capacity, long now) {
			double available = refill(capacity, now);
			return (available >= cost) ? 0 : (long) Math.ceil((cost - available) * NANOS_PER_MINUTE / capacity);
		}

		void charge(double amount, long capacity, long now) {
			this.level = Math.min(capacity, refill(capacity, now) - amount);
		}

	}

}
