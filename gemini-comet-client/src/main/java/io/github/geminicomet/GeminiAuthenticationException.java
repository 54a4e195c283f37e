package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

import io.github.geminicomet.model.GeminiError;

/**
 * {@link GeminiResponseException} for 401 or 403: the API key is missing, wrong or not allowed to use the model. Check {@code cometapi.gemini.api-key} (or the {@code COMETAPI_KEY} environment variable).
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiAuthenticationException extends GeminiResponseException {

	/**
	 * Create a new exception.
	 * @param statusCode the HTTP status of the response
	 * @param error the decoded error body, if any
	 * @param responseBody the raw response body
	 * @param method the HTTP method of the request
	 * @param uri the URI of the request
	 * @param retryAfter the delay from a {@code Retry-After} header, if any
	 */
	public GeminiAuthenticationException(HttpStatusCode statusCode, @Nullable GeminiError error, String responseBody, HttpMethod method,
			URI uri, @Nullable Duration retryAfter) {
		super(statusCode, error, responseBody, method, uri, retryAfter);
	}

}
