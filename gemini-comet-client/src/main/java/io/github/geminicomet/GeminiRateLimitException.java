package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import io.github.geminicomet.model.GeminiError;
import io.github.geminicomet.quota.QuotaLimit;

/**
 * {@link GeminiResponseException} for 429 Too Many Requests (RESOURCE_EXHAUSTED): the quota or rate limit
 * was hit. {@link #getRetryDelay()} tells how long the server asked to wait.
 *
 * <p>The same exception signals a client-side rejection: the template's own
 * {@linkplain GeminiTemplate.Builder#quota quota} had no room within its max wait, and the request was
 * never sent. {@link #isClientSide()} tells the two apart, {@link #getQuotaLimit()} names the limit,
 * and {@link #getRetryDelay()} tells when there would have been room.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiRateLimitException extends GeminiResponseException {

	private final @Nullable QuotaLimit quotaLimit;

	/**
	 * Create a new exception.
	 * @param statusCode the HTTP status of the response
	 * @param error the decoded error body, if any
	 * @param responseBody the raw response body
	 * @param method the HTTP method of the request
	 * @param uri the URI of the request
	 * @param retryAfter the delay from a {@code Retry-After} header, if any
	 */
	public GeminiRateLimitException(HttpStatusCode statusCode, @Nullable GeminiError error, String responseBody,
			HttpMethod method, URI uri, @Nullable Duration retryAfter) {
		super(statusCode, error, responseBody, method, uri, retryAfter);
		this.quotaLimit = null;
	}

	private GeminiRateLimitException(String message, QuotaLimit quotaLimit, HttpMethod method, URI uri,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, HttpStatus.TOO_MANY_REQUESTS, null, "", method, uri, retryAfter, cause);
		this.quotaLimit = quotaLimit;
	}

	/**
	 * Create the exception for a request that the client-side quota rejected before sending it.
	 * @param message the detail message: which limit, and that no request was sent
	 * @param quotaLimit the limit that had no room
	 * @param method the HTTP method of the request that was not sent
	 * @param uri the URI of the request that was not sent
	 * @param retryAfter when there would have been room, if known
	 * @param cause the cause (a quota store failure), if any
	 * @return the exception
	 * @since 0.2.0
	 */
	public static GeminiRateLimitException clientSide(String message, QuotaLimit quotaLimit, HttpMethod method,
			URI uri, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		return new GeminiRateLimitException(message, quotaLimit, method, uri, retryAfter, cause);
	}

	/**
	 * Return whether the client rejected the request itself, without sending it, because its quota had no
	 * room; {@code false} when Gemini answered 429.
	 * @return whether this is a client-side rejection
	 * @since 0.2.0
	 */
	public boolean isClientSide() {
		return this.quotaLimit != null;
	}

	/**
	 * Return the client-side limit that rejected the request.
	 * @return the limit, or {@code null} when Gemini answered 429
	 * @since 0.2.0
	 */
	public @Nullable QuotaLimit getQuotaLimit() {
		return this.quotaLimit;
	}

}
