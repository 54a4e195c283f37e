package io.github.geminicomet;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * Signals that an exchange with the Gemini API failed without a complete HTTP error response: the
 * connection could not be made or was lost, a timeout fired, or the stream ended before the model
 * finished. Carries the request's method and URI (the URI never holds the API key).
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiRequestException extends GeminiException {

	private final HttpMethod method;

	private final URI uri;

	private boolean connectionFailure;

	/**
	 * Create a new exception.
	 * @param message the detail message (the method and URI are appended)
	 * @param method the HTTP method of the request
	 * @param uri the URI of the request
	 * @param cause the cause, if any
	 */
	public GeminiRequestException(String message, HttpMethod method, URI uri, @Nullable Throwable cause) {
		super(message + " [" + method.name() + " " + uri + "]", cause);
		this.method = method;
		this.uri = uri;
	}

	/**
	 * Return the HTTP method of the failed request.
	 * @return the method
	 */
	public HttpMethod getMethod() {
		return this.method;
	}

	/**
	 * Return whether the request failed before any byte of a response arrived (connection refused,
	 * reset or closed): such failures are safe to retry.
	 * @return whether this is a connection failure
	 */
	public boolean isConnectionFailure() {
		return this.connectionFailure;
	}

	void markConnectionFailure() {
		this.connectionFailure = true;
	}

	/**
	 * Return the URI of the failed request.
	 * @return the URI
	 */
	public URI getUri() {
		return this.uri;
	}

}
