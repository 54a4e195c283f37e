package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

import io.github.geminicomet.model.GeminiError;

/**
 * {@link GeminiResponseException} for a 5xx status (typically 503 UNAVAILABLE or 500 INTERNAL): the service is overloaded or failing, and the call may succeed when retried.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiUnavailableException extends GeminiResponseException {

	/**
	 * Create a new exception.
	 * @param statusCode the HTTP status of the response
	 * @param error the decoded error body, if any
	 * @param responseBody the raw response body
	 * @param method the HTTP method of the request
	 * @param uri the URI of the request
	 * @param retryAfter the delay from a {@code Retry-After} header, if any
	 */
	public GeminiUnavailableException(HttpStatusCode statusCode, @Nullable GeminiError error, String responseBody, HttpMethod method,
			URI uri, @Nullable Duration retryAfter) {
		super(statusCode, error, responseBody, method, uri, retryAfter);
	}

}
