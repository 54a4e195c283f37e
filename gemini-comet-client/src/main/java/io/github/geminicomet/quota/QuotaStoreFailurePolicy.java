package io.github.geminicomet.quota;

/**
 * What a template does when its {@link QuotaStore} cannot be reached.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public enum QuotaStoreFailurePolicy {

	/**
	 * Go on with limits kept in memory by this instance alone, log a warning and report the store as down
	 * in the health details; the shared store is tried again every second.
	 */
	FAIL_OPEN,

	/**
	 * Reject every call, without sending it, with a client-side
	 * {@code GeminiRateLimitException} until the store answers again.
	 */
	FAIL_CLOSED

}
