package io.github.geminicomet.quota;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Where the state of a client-side quota lives: {@link InMemoryQuotaStore} for one instance,
 * {@link RedisQuotaStore} for every instance that uses the same key. Each operation is one atomic
 * decision and never blocks the calling thread.
 *
 * <p>The limits are token buckets refilled continuously over a minute, holding at most one minute's
 * worth: requests cost 1, calls cost their estimated tokens. A reservation that must wait takes its
 * room ahead of time (the bucket goes below zero), so that waiting callers are served in order without
 * asking the store again.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public interface QuotaStore {

	/**
	 * Reserve room for one request of {@code tokens} estimated tokens, unless the room would come later
	 * than {@code maxWait} (or a pause from a 429 lasts longer), in which case nothing is taken.
	 * @param key the quota's key (a hash of the API key, never the key)
	 * @param limits the limits
	 * @param tokens the estimated tokens of the request
	 * @param maxWait the longest the caller can wait
	 * @return the decision
	 */
	Mono<QuotaDecision> reserve(String key, QuotaLimits limits, long tokens, Duration maxWait);

	/**
	 * Charge ({@code > 0}) or give back ({@code < 0}) requests and tokens: the difference between a
	 * call's estimate and its reported usage, or a reservation that was not used.
	 * @param key the quota's key
	 * @param limits the limits
	 * @param requests the requests to charge, negative to give back
	 * @param tokens the tokens to charge, negative to give back
	 * @return completion
	 */
	Mono<Void> adjust(String key, QuotaLimits limits, long requests, long tokens);

	/**
	 * Hold every reservation of the key back for {@code duration} from now (a longer pause already in
	 * force stays).
	 * @param key the quota's key
	 * @param duration how long to pause
	 * @return completion
	 */
	Mono<Void> pause(String key, Duration duration);

	/**
	 * Return a short name of the store for health details and logs, such as {@code memory} or
	 * {@code redis}.
	 * @return the name
	 */
	String name();

}
