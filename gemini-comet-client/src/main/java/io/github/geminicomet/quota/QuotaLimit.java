package io.github.geminicomet.quota;

/**
 * A limit of the client-side quota that can hold a request back.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public enum QuotaLimit {

	/**
	 * Requests per minute ({@code cometapi.gemini.quota.requests-per-minute}).
	 */
	REQUESTS_PER_MINUTE("requests-per-minute"),

	/**
	 * Tokens per minute ({@code cometapi.gemini.quota.tokens-per-minute}).
	 */
	TOKENS_PER_MINUTE("tokens-per-minute"),

	/**
	 * Requests in flight at once ({@code cometapi.gemini.quota.max-concurrent-requests}).
	 */
	MAX_CONCURRENT_REQUESTS("max-concurrent-requests"),

	/**
	 * The pause a 429 answer's {@code RetryInfo} or {@code Retry-After} imposed on every caller sharing the
	 * quota.
	 */
	SERVER_RETRY_DELAY("server-retry-delay"),

	/**
	 * The quota store could not be reached and {@code cometapi.gemini.quota.on-store-failure} is
	 * {@code fail-closed}.
	 */
	STORE_UNAVAILABLE("store-unavailable");

	private final String id;

	QuotaLimit(String id) {
		this.id = id;
	}

	/**
	 * Return the limit's name as used in property names and meter tags, such as
	 * {@code requests-per-minute}.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

}
