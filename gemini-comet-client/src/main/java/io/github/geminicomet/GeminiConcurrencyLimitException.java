package io.github.geminicomet;

import java.net.URI;

import org.springframework.http.HttpMethod;

/**
 * Signals that a request was rejected before it was sent because the template's client-side
 * concurrency limit was reached: {@code maxConcurrentRequests} requests were in flight and
 * {@code maxQueuedRequests} more were waiting. Nothing reached the server; shed load or try again later.
 *
 * @author gemini-comet
 * @since 0.1.0
 * @see GeminiTemplate.Builder#maxConcurrentRequests(int)
 */
public class GeminiConcurrencyLimitException extends GeminiRequestException {

	private final int maxConcurrentRequests;

	private final int maxQueuedRequests;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param method the HTTP method of the rejected request
	 * @param uri the URI of the rejected request
	 * @param maxConcurrentRequests the limit on requests in flight
	 * @param maxQueuedRequests the limit on waiting requests
	 */
	public GeminiConcurrencyLimitException(String message, HttpMethod method, URI uri, int maxConcurrentRequests,
			int maxQueuedRequests) {
		super(message, method, uri, null);
		this.maxConcurrentRequests = maxConcurrentRequests;
		this.maxQueuedRequests = maxQueuedRequests;
	}

	/**
	 * Return the limit on requests in flight that was reached.
	 * @return the maximum number of concurrent requests
	 */
	public int getMaxConcurrentRequests() {
		return this.maxConcurrentRequests;
	}

	/**
	 * Return the limit on waiting requests that was reached.
	 * @return the maximum number of queued requests
	 */
	public int getMaxQueuedRequests() {
		return this.maxQueuedRequests;
	}

}
