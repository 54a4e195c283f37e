package io.github.geminicomet;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How {@link GeminiTemplate} retries a failed call: on 429, 500, 502, 503 and 504 answers and on
 * connection failures before any byte of the answer arrived; never on other 4xx answers, and never after
 * a stream emitted its first event (so no text is duplicated). A delay the server asks for
 * ({@code RetryInfo.retryDelay} in the error body, or {@code Retry-After}) is honoured; when it exceeds
 * {@code maxServerDelay} the call fails at once instead of retrying too early.
 *
 * @param maxAttempts the total number of attempts, the first included ({@code 1} disables retries)
 * @param initialBackoff the delay before the first retry, doubled for each further retry
 * @param maxBackoff the longest computed backoff
 * @param jitter the random jitter factor applied to computed backoffs, from 0 to 1
 * @param maxServerDelay the longest server-requested delay that is honoured
 * @author gemini-comet
 * @since 0.1.0
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter,
		Duration maxServerDelay) {

	/**
	 * Defaults: 3 attempts, 1 s initial backoff, 20 s max backoff, 0.5 jitter, server delays up to 30 s.
	 */
	public static final RetrySettings DEFAULT = new RetrySettings(3, Duration.ofSeconds(1), Duration.ofSeconds(20),
			0.5, Duration.ofSeconds(30));

	/**
	 * No retries.
	 */
	public static final RetrySettings NONE = new RetrySettings(1, Duration.ofSeconds(1), Duration.ofSeconds(1), 0,
			Duration.ZERO);

	/**
	 * Create new settings, checking the values.
	 */
	public RetrySettings {
		Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
		Assert.isTrue(initialBackoff != null && !initialBackoff.isNegative(), "'initialBackoff' must not be negative");
		Assert.isTrue(maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
				"'maxBackoff' must not be shorter than 'initialBackoff'");
		Assert.isTrue(jitter >= 0 && jitter <= 1, "'jitter' must be between 0 and 1");
		Assert.isTrue(maxServerDelay != null && !maxServerDelay.isNegative(), "'maxServerDelay' must not be negative");
	}

}
