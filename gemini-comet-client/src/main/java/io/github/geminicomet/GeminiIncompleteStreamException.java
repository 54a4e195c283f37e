package io.github.geminicomet;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * Signals that a {@code streamGenerateContent} stream ended, or broke off, before the model finished:
 * no candidate carried a {@code finishReason} and the prompt was not blocked. The text received so far
 * is incomplete, so the stream ends with this error rather than a silent truncation.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiIncompleteStreamException extends GeminiRequestException {

	private final int eventCount;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param method the HTTP method of the request
	 * @param uri the URI of the request
	 * @param eventCount the number of events received before the stream ended
	 * @param cause the cause, if the connection broke
	 */
	public GeminiIncompleteStreamException(String message, HttpMethod method, URI uri, int eventCount,
			@Nullable Throwable cause) {
		super(message, method, uri, cause);
		this.eventCount = eventCount;
	}

	/**
	 * Return how many events were received before the stream ended.
	 * @return the number of events
	 */
	public int getEventCount() {
		return this.eventCount;
	}

}
