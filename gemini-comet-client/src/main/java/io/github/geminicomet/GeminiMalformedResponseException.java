package io.github.geminicomet;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * Signals that a successful HTTP response carried a body that is not a Gemini response: invalid JSON,
 * an SSE event larger than the configured limit, or a body larger than the in-memory limit.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiMalformedResponseException extends GeminiRequestException {

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param method the HTTP method of the request
	 * @param uri the URI of the request
	 * @param cause the cause, if any
	 */
	public GeminiMalformedResponseException(String message, HttpMethod method, URI uri, @Nullable Throwable cause) {
		super(message, method, uri, cause);
	}

}
