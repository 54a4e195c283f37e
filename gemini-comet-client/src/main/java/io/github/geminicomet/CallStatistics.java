package io.github.geminicomet;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of how a {@link GeminiTemplate}'s recent calls went, for health checks and dashboards.
 * Cancelled calls are not counted.
 *
 * @param lastSuccess when a call last succeeded, or {@code null} if none has
 * @param lastFailure when a call last failed, or {@code null} if none has
 * @param lastErrorType the simple class name of the last failure, or {@code null}
 * @param lastErrorStatus the HTTP status of the last failure, or {@code null} when it had none
 * @param recentCalls the number of calls in the recent window (the last {@value #WINDOW} calls)
 * @param recentErrors how many of those failed
 * @author gemini-comet
 * @since 0.1.0
 */
public record CallStatistics(@Nullable Instant lastSuccess, @Nullable Instant lastFailure,
		@Nullable String lastErrorType, @Nullable Integer lastErrorStatus, int recentCalls, int recentErrors) {

	/**
	 * Number of calls in the recent window.
	 */
	public static final int WINDOW = 100;

	/**
	 * Return the share of recent calls that failed.
	 * @return the error rate from 0 to 1, 0 when there were no calls
	 */
	public double recentErrorRate() {
		return (this.recentCalls != 0) ? (double) this.recentErrors / this.recentCalls : 0;
	}

}
