package io.github.geminicomet.quota;

import org.springframework.util.Assert;

/**
 * The shared limits a {@link QuotaStore} enforces for one key; {@code 0} means no limit.
 *
 * @param requestsPerMinute the most requests per minute, or {@code 0}
 * @param tokensPerMinute the most tokens per minute, or {@code 0}
 * @author gemini-comet
 * @since 0.2.0
 */
public record QuotaLimits(long requestsPerMinute, long tokensPerMinute) {

	/**
	 * Create new limits, checking them.
	 */
	public QuotaLimits {
		Assert.isTrue(requestsPerMinute >= 0, "'requestsPerMinute' must not be negative");
		Assert.isTrue(tokensPerMinute >= 0, "'tokensPerMinute' must not be negative");
	}

	/**
	 * Return whether any limit is set.
	 * @return {@code true} if requests or tokens are limited
	 */
	public boolean isLimited() {
		return this.requestsPerMinute > 0 || this.tokensPerMinute > 0;
	}

}
