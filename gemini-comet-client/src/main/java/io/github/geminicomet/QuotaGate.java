package io.github.geminicomet;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.UsageMetadata;
import io.github.geminicomet.quota.InMemoryQuotaStore;
import io.github.geminicomet.quota.QuotaDecision;
import io.github.geminicomet.quota.QuotaLimit;
import io.github.geminicomet.quota.QuotaLimits;
import io.github.geminicomet.quota.QuotaSettings;
import io.github.geminicomet.quota.QuotaStatistics;
import io.github.geminicomet.quota.QuotaStore;
import io.github.geminicomet.quota.QuotaStoreFailurePolicy;

/**
 * The client-side quota stage of the {@link CallPipeline}: before each attempt, reserve one request and
 * the estimated tokens (or those {@code countTokens} counted) in the {@link QuotaStore} (waiting, on a
 * timer and never on a thread, up to the max wait, else failing with a client-side
 * {@link GeminiRateLimitException}); after it, settle the tokens on
 * the answer's {@code usageMetadata} (a stream at its end, or at cancel or failure, on the last usage it
 * reported) and pause everyone sharing the quota when Gemini answered 429 with a retry delay. Store
 * failures follow the {@link QuotaStoreFailurePolicy}.
 */
final class QuotaGate {

	private static final Log logger = LogFactory.getLog(QuotaGate.class);

	/** No quota: attempts pass untouched. */
	static final QuotaGate NONE = new QuotaGate(QuotaSettings.NONE, new InMemoryQuotaStore(), false, "none");

	/** The longest a store operation may take before it counts as a failure. */
	static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Key, in an attempt's context, of how long the attempt waited for its place under
	 * {@code max-concurrent-requests} (nanoseconds): its wait for room in the quota gets the rest of the max
	 * wait.
	 */
	static final Object PLACE_WAIT_NANOS = new Object();

	/** How long a failed store is left alone before it is tried again. */
	private static final long STORE_RETRY_NANOS = Duration.ofSeconds(1).toNanos();

	private final QuotaSettings settings;

	private final QuotaLimits limits;

	private final QuotaStore store;

	private final boolean explicitStore;

	private final @Nullable InMemoryQuotaStore fallback;

	private final String key;

	private final LongAdder waits = new LongAdder();

	private final LongAdder waitNanos = new LongAdder();

	private final AtomicInteger waiting = new AtomicInteger();

	private final Map<QuotaLimit, LongAdder> rejections = new EnumMap<>(QuotaLimit.class);

	private final AtomicLong reservedTokens = new AtomicLong();

	private final LongAdder storeFailures = new LongAdder();

	private final LongAdder pauses = new LongAdder();

	private volatile boolean storeAvailable = true;

	private volatile long storeRetryAt;

	private volatile long localPauseUntil = System.nanoTime();

	private QuotaGate(QuotaSettings settings, QuotaStore store, boolean explicitStore, String key) {
		this.settings = settings;
		this.limits = settings.limits();
		this.store = store;
		this.explicitStore = explicitStore;
		this.fallback = (store instanceof InMemoryQuotaStore) ? null : new InMemoryQuotaStore();
		this.key = key;
		for (QuotaLimit limit : QuotaLimit.values()) {
			this.rejections.put(limit, new LongAdder());
		}
	}

	/**
	 * Return the gate for the settings: {@link #NONE} without limits, {@code shared} when it has the same
	 * settings, store and key (variants of a template share its quota), a new one otherwise.
	 */
	static QuotaGate of(QuotaSettings settings, @Nullable QuotaStore store, String apiKey, @Nullable QuotaGate shared) {
		if (!settings.isEnabled()) {
			return NONE;
		}
		String key = keyOf(apiKey);
		if (shared != null && shared.settings.equals(settings) && shared.key.equals(key)
				&& ((store == null) ? !shared.explicitStore : store == shared.store)) {
			return shared;
		}
		return new QuotaGate(settings, (store != null) ? store : new InMemoryQuotaStore(), store != null, key);
	}

	/**
	 * The quota's key: a SHA-256 hash of the API key, so that the key never reaches the store.
	 */
	static String keyOf(String apiKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	boolean isEnabled() {
		return this != NONE;
	}

	/**
	 * Run one attempt of a unary call inside the quota, reserving the tokens {@code count} reports (or,
	 * when it is {@code null} or empty, the size estimate).
	 */
	<T> Mono<T> unary(Mono<T> attempt, byte @Nullable [] body, @Nullable Mono<TokenCount> count, HttpMethod method,
			URI uri) {
		if (this == NONE) {
			return attempt;
		}
		return Mono.usingWhen(admission(body, count, method, uri), (ticket) -> attempt.doOnNext(ticket::observe),
				Ticket::complete, Ticket::fail, Ticket::cancel);
	}

	/**
	 * Run one attempt of a stream inside the quota, settled when it ends, reserving the tokens
	 * {@code count} reports (or, when it is {@code null} or empty, the size estimate).
	 */
	<T> Flux<T> stream(Flux<T> attempt, byte @Nullable [] body, @Nullable Mono<TokenCount> count, HttpMethod method,
			URI uri) {
		if (this == NONE) {
			return attempt;
		}
		return Flux.usingWhen(admission(body, count, method, uri), (ticket) -> attempt.doOnNext(ticket::observe),
				Ticket::complete, Ticket::fail, Ticket::cancel);
	}

	/**
	 * Return {@code count} remembered for the retries of one call: the first attempt asks, the next ones
	 * reuse what it got. Create it per call subscription.
	 */
	static Mono<TokenCount> perCall(Mono<TokenCount> count) {
		// an empty count (countTokens failed: the size estimate stands) is remembered too, not asked again
		AtomicReference<@Nullable Optional<TokenCount>> known = new AtomicReference<>();
		return Mono.defer(() -> {
			Optional<TokenCount> counted = known.get();
			if (counted != null) {
				return Mono.justOrEmpty(counted);
			}
			return count.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.doOnNext(known::set)
				.flatMap(Mono::justOrEmpty);
		});
	}

	/**
	 * A snapshot of the quota, counting in the calls that the concurrency limit rejected after the max
	 * wait.
	 */
	QuotaStatistics statistics(long concurrencyRejections) {
		Map<QuotaLimit, Long> rejected = new EnumMap<>(QuotaLimit.class);
		this.rejections.forEach((limit, count) -> rejected.put(limit, count.sum()));
		rejected.merge(QuotaLimit.MAX_CONCURRENT_REQUESTS, concurrencyRejections, Long::sum);
		return new QuotaStatistics(isEnabled(), this.store.name(), this.storeAvailable, this.limits, this.waits.sum(),
				Duration.ofNanos(this.waitNanos.sum()), this.waiting.get(), rejected, this.reservedTokens.get(),
				this.storeFailures.sum(), this.pauses.sum());
	}

	/**
	 * Tokens reserved before a generate call is sent: a quarter of the request's JSON bytes (about what
	 * Gemini's tokenizer makes of text); the answer's usage settles the difference. Other calls reserve
	 * none.
	 */
	static long estimate(byte @Nullable [] body, URI uri) {
		if (body == null) {
			return 0;
		}
		String path = uri.getRawPath();
		boolean generate = path.endsWith(":generateContent") || path.endsWith(":streamGenerateContent");
		return generate ? (body.length + 3) / 4 : 0;
	}

	/**
	 * Reserve for an attempt: the counted tokens when a count is given and answers (rejecting at once a
	 * prompt larger than the tokens-per-minute limit, which would never fit), else the size estimate.
	 */
	private Mono<Ticket> admission(byte @Nullable [] body, @Nullable Mono<TokenCount> count, HttpMethod method,
			URI uri) {
		long estimate = estimate(body, uri);
		if (count == null || estimate == 0) {
			return admit(estimate, method, uri);
		}
		return count.flatMap((counted) -> {
			long limit = this.limits.tokensPerMinute();
			if (limit > 0 && counted.promptTokens() > limit) {
				return Mono.<Ticket>error(tooLarge(counted.promptTokens(), method, uri));
			}
			return admit(counted.reservation(), method, uri);
		}).switchIfEmpty(Mono.defer(() -> admit(estimate, method, uri)));
	}

	private Mono<Ticket> admit(long tokens, HttpMethod method, URI uri) {
		// the stores charge at most a minute's tokens (a bigger call waits for a full bucket): the ticket
		// settles against what was charged
		long cap = this.limits.tokensPerMinute();
		long estimate = (cap > 0) ? Math.min(tokens, cap) : tokens;
		return Mono.deferContextual((context) -> {
			long start = System.nanoTime();
			// the wait for a place under max-concurrent-requests counts against the same max wait
			long placeWait = context.getOrDefault(PLACE_WAIT_NANOS, 0L);
			Duration maxWait = this.settings.maxWait().minusNanos(Math.min(placeWait, this.settings.maxWait().toNanos()));
			return reserve(estimate, maxWait, method, uri).flatMap((decision) -> {
				if (!decision.granted()) {
					QuotaLimit limit = (decision.limit() != null) ? decision.limit() : QuotaLimit.REQUESTS_PER_MINUTE;
					return Mono.error(reject(limit, decision.delay(), placeWait, method, uri, null));
				}
				Ticket ticket = new Ticket(estimate);
				if (decision.delay().isZero() && this.localPauseUntil - start <= 0) {
					return Mono.just(ticket);
				}
				this.waiting.incrementAndGet();
				return Mono.delay(decision.delay())
					.then(Mono.defer(() -> pausedMore(ticket, start, maxWait, placeWait, method, uri)))
					.thenReturn(ticket)
					.doOnCancel(ticket::release)
					.doOnError((ex) -> ticket.release())
					.doFinally((signal) -> {
						this.waiting.decrementAndGet();
						this.waits.increment();
						this.waitNanos.add(System.nanoTime() - start);
					});
			});
		});
	}

	/**
	 * After a wait: if a 429 paused the quota meanwhile, wait out the pause too (within the max wait).
	 */
	private Mono<Void> pausedMore(Ticket ticket, long start, Duration maxWait, long placeWait, HttpMethod method,
			URI uri) {
		long now = System.nanoTime();
		long remaining = this.localPauseUntil - now;
		if (remaining <= 0) {
			return Mono.empty();
		}
		if (now + remaining - start > maxWait.toNanos()) {
			return Mono.error(reject(QuotaLimit.SERVER_RETRY_DELAY, Duration.ofNanos(remaining), placeWait, method,
					uri, null));
		}
		return Mono.delay(Duration.ofNanos(remaining)).then();
	}

	private Mono<QuotaDecision> reserve(long estimate, Duration maxWait, HttpMethod method, URI uri) {
		InMemoryQuotaStore local = this.fallback;
		if (local == null) {
			return this.store.reserve(this.key, this.limits, estimate, maxWait);
		}
		if (!this.storeAvailable && System.nanoTime() - this.storeRetryAt < 0) {
			return storeDown(local, estimate, maxWait, method, uri, null);
		}
		return this.store.reserve(this.key, this.limits, estimate, maxWait)
			.timeout(STORE_TIMEOUT)
			.doOnNext((decision) -> storeAnswered())
			.onErrorResume((ex) -> {
				storeFailed(ex);
				return storeDown(local, estimate, maxWait, method, uri, ex);
			});
	}

	private Mono<QuotaDecision> storeDown(InMemoryQuotaStore local, long estimate, Duration maxWait, HttpMethod method,
			URI uri, @Nullable Throwable cause) {
		if (this.settings.onStoreFailure() == QuotaStoreFailurePolicy.FAIL_CLOSED) {
			return Mono.error(reject(QuotaLimit.STORE_UNAVAILABLE, null, 0, method, uri, cause));
		}
		return local.reserve(this.key, this.limits, estimate, maxWait);
	}

	/** Run a store operation whose outcome nobody waits for: settlements and pauses. */
	private void update(java.util.function.Function<QuotaStore, Mono<Void>> operation) {
		InMemoryQuotaStore local = this.fallback;
		QuotaStore target = (local == null || this.storeAvailable) ? this.store : local;
		operation.apply(target)
			.timeout(STORE_TIMEOUT)
			.onErrorResume((ex) -> {
				if (target != local) {
					storeFailed(ex);
				}
				return Mono.empty();
			})
			.subscribe();
	}

	private void storeAnswered() {
		if (!this.storeAvailable) {
			this.storeAvailable = true;
			logger.info("The quota store '" + this.store.name() + "' answers again: the quota is shared again");
		}
	}

	private void storeFailed(Throwable ex) {
		this.storeFailures.increment();
		this.storeRetryAt = System.nanoTime() + STORE_RETRY_NANOS;
		if (this.storeAvailable) {
			this.storeAvailable = false;
			String outcome = (this.settings.onStoreFailure() == QuotaStoreFailurePolicy.FAIL_CLOSED)
					? "every call is rejected until it answers (cometapi.gemini.quota.on-store-failure=fail-closed)"
					: "going on with limits kept by this instance alone until it answers "
							+ "(cometapi.gemini.quota.on-store-failure=fail-open)";
			logger.warn("The quota store '" + this.store.name() + "' cannot be reached (" + ex.getClass().getName()
					+ "): " + outcome);
		}
	}

	private GeminiRateLimitException reject(QuotaLimit limit, @Nullable Duration room, long placeWait, HttpMethod method,
			URI uri, @Nullable Throwable cause) {
		this.rejections.get(limit).increment();
		String wait = "the max wait of " + seconds(this.settings.maxWait()) + " (cometapi.gemini.quota.max-wait)"
				+ ((placeWait > 0) ? ", " + seconds(Duration.ofNanos(placeWait))
						+ " of which went on waiting for a place under max-concurrent-requests" : "");
		String reason = switch (limit) {
			case REQUESTS_PER_MINUTE -> "the client-side quota 'requests-per-minute' ("
					+ this.limits.requestsPerMinute() + ", cometapi.gemini.quota.requests-per-minute) has no room within "
					+ wait + "; there would be room in " + seconds(room);
			case TOKENS_PER_MINUTE -> "the client-side quota 'tokens-per-minute' (" + this.limits.tokensPerMinute()
					+ ", cometapi.gemini.quota.tokens-per-minute) has no room within " + wait
					+ "; there would be room in " + seconds(room);
			case SERVER_RETRY_DELAY -> "Gemini answered 429 to a caller sharing this quota and asked everyone to "
					+ "wait; the pause ends in " + seconds(room) + ", beyond " + wait;
			case STORE_UNAVAILABLE -> "the quota store '" + this.store.name() + "' cannot be reached and "
					+ "cometapi.gemini.quota.on-store-failure is fail-closed";
			case MAX_CONCURRENT_REQUESTS -> "the client-side limit 'max-concurrent-requests' has no room within "
					+ wait;
		};
		return GeminiRateLimitException.clientSide("Request rejected by the client-side quota: " + reason
				+ ". No request was sent to Gemini. [" + method.name() + " " + uri + "]", limit, method, uri, room, cause);
	}

	private GeminiRateLimitException tooLarge(long promptTokens, HttpMethod method, URI uri) {
		this.rejections.get(QuotaLimit.TOKENS_PER_MINUTE).increment();
		return GeminiRateLimitException.clientSide("Request rejected by the client-side quota: countTokens counts "
				+ promptTokens + " tokens in the request, more than the client-side quota 'tokens-per-minute' ("
				+ this.limits.tokensPerMinute() + ", cometapi.gemini.quota.tokens-per-minute) holds in a minute, so "
				+ "it would never have room; shorten the request or raise the limit. No request was sent to Gemini "
				+ "but the countTokens call that measured it. [" + method.name() + " " + uri + "]",
				QuotaLimit.TOKENS_PER_MINUTE, method, uri, null, null);
	}

	static String seconds(@Nullable Duration duration) {
		if (duration == null) {
			return "an unknown time";
		}
		return String.format(java.util.Locale.ROOT, "%.3fs", duration.toNanos() / 1e9);
	}

	/**
	 * One attempt's claim on the quota: reserved, then settled or given back exactly once.
	 */
	private final class Ticket {

		private final long estimate;

		private final AtomicBoolean open = new AtomicBoolean(true);

		private volatile long usage = -1;

		Ticket(long estimate) {
			this.estimate = estimate;
			QuotaGate.this.reservedTokens.addAndGet(estimate);
		}

		void observe(Object value) {
			if (value instanceof GenerateContentResponse response) {
				UsageMetadata usage = response.usageMetadata();
				if (usage != null && usage.totalTokenCount() != null) {
					this.usage = usage.totalTokenCount();
				}
			}
		}

		/** Sent and answered: settle on the reported usage (the estimate stands when none was reported). */
		Mono<Void> complete() {
			return Mono.fromRunnable(() -> settle((this.usage >= 0) ? this.usage : this.estimate));
		}

		/** Sent and failed: pause everyone on a 429 with a delay; keep only the tokens reported as used. */
		Mono<Void> fail(Throwable ex) {
			return Mono.fromRunnable(() -> {
				if (ex instanceof GeminiRateLimitException rateLimit && !rateLimit.isClientSide()) {
					rateLimit.getRetryDelay().filter((delay) -> !delay.isZero() && !delay.isNegative()).ifPresent(QuotaGate.this::pause);
				}
				settle(Math.max(this.usage, 0));
			});
		}

		/** Cancelled: keep only the tokens reported as used. */
		Mono<Void> cancel() {
			return Mono.fromRunnable(() -> settle(Math.max(this.usage, 0)));
		}

		/** Never sent: give the request and the tokens back. */
		void release() {
			if (this.open.compareAndSet(true, false)) {
				QuotaGate.this.reservedTokens.addAndGet(-this.estimate);
				update((store) -> store.adjust(QuotaGate.this.key, QuotaGate.this.limits, -1, -this.estimate));
			}
		}

		private void settle(long actual) {
			if (this.open.compareAndSet(true, false)) {
				QuotaGate.this.reservedTokens.addAndGet(-this.estimate);
				long delta = actual - this.estimate;
				if (delta != 0 && QuotaGate.this.limits.tokensPerMinute() > 0) {
					update((store) -> store.adjust(QuotaGate.this.key, QuotaGate.this.limits, 0, delta));
				}
			}
		}

	}

	/**
	 * What {@code countTokens} reported for a generate call: the prompt's tokens, plus the allowance
	 * reserved for the answer (its {@code maxOutputTokens} when set, else none).
	 */
	record TokenCount(long promptTokens, long answerAllowance) {

		long reservation() {
			return this.promptTokens + this.answerAllowance;
		}

	}

	private void pause(Duration delay) {
		this.pauses.increment();
		long until = System.nanoTime() + delay.toNanos();
		if (until - this.localPauseUntil > 0) {
			this.localPauseUntil = until;
		}
		InMemoryQuotaStore local = this.fallback;
		if (local != null) {
			local.pause(this.key, delay).subscribe();
		}
		update((store) -> store.pause(this.key, delay));
	}

}
