package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

import io.github.geminicomet.model.GeminiError;

/**
 * Signals that the Gemini API answered with an error: a non-2xx HTTP status, or an {@code error} event
 * on a stream. Carries the HTTP status and the decoded Gemini error body ({@code code}, {@code status},
 * {@code message}, {@code details} such as {@code RetryInfo}).
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiResponseException extends GeminiException {

	private static final int MAX_BODY_IN_MESSAGE = 500;

	private final HttpStatusCode statusCode;

	private final @Nullable GeminiError error;

	private final String responseBody;

	private final HttpMethod method;

	private final URI uri;

	private final @Nullable Duration retryAfter;

	/**
	 * Create a new exception.
	 * @param statusCode the HTTP status of the response
	 * @param error the decoded error body, or {@code null} when the body was not a Gemini error
	 * @param responseBody the raw response body
	 * @param method the HTTP method of the request
	 * @param uri the URI of the request
	 * @param retryAfter the delay from a {@code Retry-After} header, if any
	 */
	public GeminiResponseException(HttpStatusCode statusCode, @Nullable GeminiError error, String responseBody,
			HttpMethod method, URI uri, @Nullable Duration retryAfter) {
		this(buildMessage(statusCode, error, responseBody, method, uri), statusCode, error, responseBody, method, uri,
				retryAfter, null);
	}

	/**
	 * Create a new exception with the given message, for subclasses that describe the failure
	 * themselves (such as a client-side rejection that never reached the server).
	 * @param message the detail message
	 * @param statusCode the HTTP status of the response, or the status the failure stands for
	 * @param error the decoded error body, or {@code null}
	 * @param responseBody the raw response body, empty when there was none
	 * @param method the HTTP method of the request
	 * @param uri the URI of the request
	 * @param retryAfter the delay after which a retry may succeed, if known
	 * @param cause the cause, if any
	 * @since 0.2.0
	 */
	protected GeminiResponseException(String message, HttpStatusCode statusCode, @Nullable GeminiError error,
			String responseBody, HttpMethod method, URI uri, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.statusCode = statusCode;
		this.error = error;
		this.responseBody = responseBody;
		this.method = method;
		this.uri = uri;
		this.retryAfter = retryAfter;
	}

	/**
	 * Create the exception for an error answer, of the subclass a caller branches on: a
	 * {@link GeminiRateLimitException} for 429, a {@link GeminiAuthenticationException} for 401 and 403,
	 * a {@link GeminiUnavailableException} for 5xx, a {@code GeminiResponseException} otherwise.
	 * @param statusCode the HTTP status of the response
	 * @param error the decoded error body, or {@code null} when the body was not a Gemini error
	 * @param responseBody the raw response body
	 * @param method the HTTP method of the request
	 * @param uri the URI of the request
	 * @param retryAfter the delay from a {@code Retry-After} header, if any
	 * @return the exception
	 * @since 0.2.0
	 */
	public static GeminiResponseException create(HttpStatusCode statusCode, @Nullable GeminiError error,
			String responseBody, HttpMethod method, URI uri, @Nullable Duration retryAfter) {
		int code = statusCode.value();
		if (code == 429) {
			return new GeminiRateLimitException(statusCode, error, responseBody, method, uri, retryAfter);
		}
		if (code == 401 || code == 403) {
			return new GeminiAuthenticationException(statusCode, error, responseBody, method, uri, retryAfter);
		}
		if (statusCode.is5xxServerError()) {
			return new GeminiUnavailableException(statusCode, error, responseBody, method, uri, retryAfter);
		}
		return new GeminiResponseException(statusCode, error, responseBody, method, uri, retryAfter);
	}

	private static String buildMessage(HttpStatusCode statusCode, @Nullable GeminiError error, String body,
			HttpMethod method, URI uri) {
		StringBuilder message = new StringBuilder("Gemini API answered ").append(statusCode.value());
		if (error != null && error.status() != null) {
			message.append(' ').append(error.status());
		}
		if (error != null && error.message() != null) {
			message.append(": ").append(error.message());
		}
		else if (HtmlPages.isHtml(body)) {
			message.append(" with ").append(HtmlPages.describe(body))
				.append(" instead of a Gemini error: the gateway or the CDN in front of it failed");
			if (statusCode.value() >= 520 && statusCode.value() <= 524) {
				message.append(" (a CDN error: the CDN could not get an answer from CometAPI's servers)");
			}
			message.append("; the whole page is in getResponseBody()");
		}
		else if (!body.isBlank()) {
			String shown = (body.length() > MAX_BODY_IN_MESSAGE) ? body.substring(0, MAX_BODY_IN_MESSAGE) + "..." : body;
			message.append(": ").append(shown.strip());
		}
		message.append(modelNotFoundHint(statusCode, uri));
		message.append(" [").append(method.name()).append(' ').append(uri).append(']');
		return message.toString();
	}

	/**
	 * For a 404 of a model's endpoint: the model does not exist (unknown, misspelled or retired), and how
	 * to list the available ones.
	 */
	private static String modelNotFoundHint(HttpStatusCode statusCode, URI uri) {
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		int start = path.lastIndexOf("/models/");
		if (statusCode.value() != 404 || start < 0) {
			return "";
		}
		String model = path.substring(start + "/models/".length());
		int operation = model.indexOf(':');
		model = (operation >= 0) ? model.substring(0, operation) : model;
		if (model.isEmpty() || model.contains("/")) {
			return "";
		}
		return ". The model '" + model + "' does not exist: it is unknown, misspelled or retired. List the "
				+ "models your key can use with listModels() (GET " + path.substring(0, start) + "/models), and set another one (with "
				+ "Spring Boot: cometapi.gemini.model)";
	}

	/**
	 * Return the HTTP status code of the response (for an error event on a stream, the code of the
	 * error body).
	 * @return the status code
	 */
	public HttpStatusCode getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Return the decoded Gemini error body.
	 * @return the error, or {@code null} when the body was not a Gemini error
	 */
	public @Nullable GeminiError getError() {
		return this.error;
	}

	/**
	 * Return the raw response body: the whole of it (within the in-memory limit), also when it is an HTML
	 * error page of which the message shows only the title.
	 * @return the body, empty when there was none
	 */
	public String getResponseBody() {
		return this.responseBody;
	}

	/**
	 * Return the HTTP method of the request.
	 * @return the method
	 */
	public HttpMethod getMethod() {
		return this.method;
	}

	/**
	 * Return the URI of the request.
	 * @return the URI
	 */
	public URI getUri() {
		return this.uri;
	}

	/**
	 * Return how long the server asked the client to wait before retrying: the body's
	 * {@code RetryInfo.retryDelay}, else the {@code Retry-After} header.
	 * @return the requested delay, if any
	 */
	public Optional<Duration> getRetryDelay() {
		Optional<Duration> fromBody = (this.error != null) ? this.error.retryDelay() : Optional.empty();
		return fromBody.isPresent() ? fromBody : Optional.ofNullable(this.retryAfter);
	}

}
