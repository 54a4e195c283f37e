package io.github.geminicomet.quota;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * The client-side quota of a template: requests and tokens per minute, shared through a
 * {@link QuotaStore}, how long a call may wait for room, and what happens when the store cannot be
 * reached. The concurrency limit is set apart, with {@code maxConcurrentRequests}.
 *
 * @param requestsPerMinute the most requests per minute, {@code 0} for no limit
 * @param tokensPerMinute the most tokens per minute, {@code 0} for no limit
 * @param maxWait the longest a call waits for room before it fails, without sending anything
 * @param onStoreFailure what happens when the store cannot be reached
 * @param tokenEstimate how a generate call estimates the tokens it reserves before it is sent
 * @author gemini-comet
 * @since 0.2.0
 */
public record QuotaSettings(long requestsPerMinute, long tokensPerMinute, Duration maxWait,
		QuotaStoreFailurePolicy onStoreFailure, TokenEstimate tokenEstimate) {

	/**
	 * Default longest wait for room: 30 seconds.
	 */
	public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

	/**
	 * No quota: calls pass untouched (but for a 429's pause, which needs a quota).
	 */
	public static final QuotaSettings NONE = new QuotaSettings(0, 0, DEFAULT_MAX_WAIT,
			QuotaStoreFailurePolicy.FAIL_OPEN, TokenEstimate.REQUEST_SIZE);

	/**
	 * Create new settings, checking them.
	 */
	public QuotaSettings {
		Assert.isTrue(requestsPerMinute >= 0, "'requestsPerMinute' must not be negative");
		Assert.isTrue(tokensPerMinute >= 0, "'tokensPerMinute' must not be negative");
		Assert.isTrue(maxWait != null && !maxWait.isNegative(), "'maxWait' must not be negative");
		Assert.notNull(onStoreFailure, "'onStoreFailure' must not be null");
		Assert.notNull(tokenEstimate, "'tokenEstimate' must not be null");
	}

	/**
	 * Create new settings that estimate tokens from the request's size.
	 * @param requestsPerMinute the most requests per minute, {@code 0} for no limit
	 * @param tokensPerMinute the most tokens per minute, {@code 0} for no limit
	 * @param maxWait the longest a call waits for room before it fails, without sending anything
	 * @param onStoreFailure what happens when the store cannot be reached
	 */
	public QuotaSettings(long requestsPerMinute, long tokensPerMinute, Duration maxWait,
			QuotaStoreFailurePolicy onStoreFailure) {
		this(requestsPerMinute, tokensPerMinute, maxWait, onStoreFailure, TokenEstimate.REQUEST_SIZE);
	}

	/**
	 * Return settings with the given limits, the default max wait, {@code FAIL_OPEN} and tokens estimated
	 * from the request's size.
	 * @param requestsPerMinute the most requests per minute, {@code 0} for no limit
	 * @param tokensPerMinute the most tokens per minute, {@code 0} for no limit
	 * @return the settings
	 */
	public static QuotaSettings of(long requestsPerMinute, long tokensPerMinute) {
		return new QuotaSettings(requestsPerMinute, tokensPerMinute, DEFAULT_MAX_WAIT,
				QuotaStoreFailurePolicy.FAIL_OPEN, TokenEstimate.REQUEST_SIZE);
	}

	/**
	 * Return a copy with another max wait.
	 * @param maxWait the longest a call waits for room
	 * @return the new settings
	 */
	public QuotaSettings withMaxWait(Duration maxWait) {
		return new QuotaSettings(this.requestsPerMinute, this.tokensPerMinute, maxWait, this.onStoreFailure,
				this.tokenEstimate);
	}

	/**
	 * Return a copy with another store failure policy.
	 * @param onStoreFailure what happens when the store cannot be reached
	 * @return the new settings
	 */
	public QuotaSettings withOnStoreFailure(QuotaStoreFailurePolicy onStoreFailure) {
		return new QuotaSettings(this.requestsPerMinute, this.tokensPerMinute, this.maxWait, onStoreFailure,
				this.tokenEstimate);
	}

	/**
	 * Return a copy with another token estimate. With {@link TokenEstimate#COUNT_TOKENS} and a
	 * {@code tokensPerMinute} limit, each generate call asks {@code countTokens} before reserving.
	 * @param tokenEstimate how a generate call estimates the tokens it reserves
	 * @return the new settings
	 */
	public QuotaSettings withTokenEstimate(TokenEstimate tokenEstimate) {
		return new QuotaSettings(this.requestsPerMinute, this.tokensPerMinute, this.maxWait, this.onStoreFailure,
				tokenEstimate);
	}

	/**
	 * Return the limits the store enforces.
	 * @return the limits
	 */
	public QuotaLimits limits() {
		return new QuotaLimits(this.requestsPerMinute, this.tokensPerMinute);
	}

	/**
	 * Return whether requests or tokens are limited.
	 * @return whether a limit is set
	 */
	public boolean isEnabled() {
		return this.requestsPerMinute > 0 || this.tokensPerMinute > 0;
	}

}
