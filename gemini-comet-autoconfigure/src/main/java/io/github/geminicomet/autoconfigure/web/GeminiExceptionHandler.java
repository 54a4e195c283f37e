package io.github.geminicomet.autoconfigure.web;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import io.github.geminicomet.GeminiAuthenticationException;
import io.github.geminicomet.GeminiBlockedContentException;
import io.github.geminicomet.GeminiConcurrencyLimitException;
import io.github.geminicomet.GeminiException;
import io.github.geminicomet.GeminiRateLimitException;
import io.github.geminicomet.GeminiRequestException;
import io.github.geminicomet.GeminiResponseException;
import io.github.geminicomet.GeminiToolException;
import io.github.geminicomet.GeminiUnavailableException;

/**
 * Answers a {@link GeminiException} that reaches a WebFlux endpoint with an RFC 9457 problem detail
 * ({@code application/problem+json}) and a status that says what went wrong, instead of a bare 500:
 *
 * <table>
 * <caption>Statuses</caption>
 * <tr><th>exception</th><th>status</th></tr>
 * <tr><td>{@link GeminiBlockedContentException}</td><td>422: the prompt or the answer was blocked</td></tr>
 * <tr><td>{@link GeminiRateLimitException}</td><td>429, with {@code Retry-After} when Gemini gave a delay</td></tr>
 * <tr><td>{@link GeminiUnavailableException}, {@link GeminiConcurrencyLimitException}</td><td>503, with
 * {@code Retry-After} when known</td></tr>
 * <tr><td>{@link GeminiResponseException} with 400 (Gemini refused the request, often because of the
 * input)</td><td>400</td></tr>
 * <tr><td>{@link GeminiRequestException} that timed out</td><td>504</td></tr>
 * <tr><td>{@link GeminiToolException} (one of the application's tools failed)</td><td>500</td></tr>
 * <tr><td>any other, {@link GeminiAuthenticationException} (the application's key) and an unknown model
 * included</td><td>502</td></tr>
 * </table>
 *
 * <p>The detail is the exception's message without the gateway's URL (it never holds the key); Gemini's
 * own {@code status} ({@code RESOURCE_EXHAUSTED}, say) is the {@code geminiStatus} property. Registered by
 * {@link GeminiProblemDetailsAutoConfiguration} when {@code cometapi.gemini.problemdetails.enabled=true};
 * extend it and declare the subclass as a bean to change the mapping ({@link #statusOf(GeminiException)}).
 *
 * @author gemini-comet
 * @since 0.2.0
 */
@ControllerAdvice
public class GeminiExceptionHandler {

	/**
	 * Answer a Gemini failure with a problem detail.
	 * @param ex the failure
	 * @return the problem detail with its status, and {@code Retry-After} when known
	 */
	@ExceptionHandler(GeminiException.class)
	public ResponseEntity<ProblemDetail> handleGeminiException(GeminiException ex) {
		HttpStatus status = statusOf(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailOf(ex));
		problem.setTitle(titleOf(ex, status));
		if (ex instanceof GeminiResponseException response && response.getError() != null
				&& response.getError().status() != null) {
			problem.setProperty("geminiStatus", response.getError().status());
		}
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
		retryAfter(ex).ifPresent((delay) -> builder.header(HttpHeaders.RETRY_AFTER,
				Long.toString(Math.max(1, (delay.toMillis() + 999) / 1000))));
		return builder.body(problem);
	}

	/**
	 * The status a failure is answered with.
	 * @param ex the failure
	 * @return the status
	 */
	protected HttpStatus statusOf(GeminiException ex) {
		if (ex instanceof GeminiBlockedContentException) {
			return HttpStatus.UNPROCESSABLE_CONTENT;
		}
		if (ex instanceof GeminiRateLimitException) {
			return HttpStatus.TOO_MANY_REQUESTS;
		}
		if (ex instanceof GeminiUnavailableException || ex instanceof GeminiConcurrencyLimitException) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (ex instanceof GeminiResponseException response && response.getStatusCode().value() == 400) {
			return HttpStatus.BAD_REQUEST;
		}
		if (ex instanceof GeminiRequestException && timedOut(ex)) {
			return HttpStatus.GATEWAY_TIMEOUT;
		}
		if (ex instanceof GeminiToolException) {
			return HttpStatus.INTERNAL_SERVER_ERROR;
		}
		return HttpStatus.BAD_GATEWAY;
	}

	private static String titleOf(GeminiException ex, HttpStatus status) {
		if (ex instanceof GeminiBlockedContentException) {
			return "Blocked by Gemini's safety filters";
		}
		if (ex instanceof GeminiAuthenticationException) {
			return "Gemini refused the application's API key";
		}
		return switch (status) {
			case TOO_MANY_REQUESTS -> "Gemini's rate limit was reached";
			case SERVICE_UNAVAILABLE -> "Gemini is unavailable";
			case BAD_REQUEST -> "Gemini refused the request";
			case GATEWAY_TIMEOUT -> "Gemini did not answer in time";
			case INTERNAL_SERVER_ERROR -> "A tool called by Gemini failed";
			default -> "Gemini call failed";
		};
	}

	/**
	 * The message without the trailing {@code [METHOD url]} of the request to the gateway.
	 */
	private static String detailOf(GeminiException ex) {
		String message = String.valueOf(ex.getMessage());
		URI uri = uriOf(ex);
		if (uri != null) {
			message = message.replace(" [" + methodOf(ex) + " " + uri + "]", "");
		}
		return message;
	}

	private static @Nullable URI uriOf(GeminiException ex) {
		if (ex instanceof GeminiResponseException response) {
			return response.getUri();
		}
		return (ex instanceof GeminiRequestException request) ? request.getUri() : null;
	}

	private static @Nullable String methodOf(GeminiException ex) {
		if (ex instanceof GeminiResponseException response) {
			return response.getMethod().name();
		}
		return (ex instanceof GeminiRequestException request) ? request.getMethod().name() : null;
	}

	private static Optional<Duration> retryAfter(GeminiException ex) {
		return (ex instanceof GeminiResponseException response) ? response.getRetryDelay() : Optional.empty();
	}

	private static boolean timedOut(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getSimpleName().contains("Timeout") || String.valueOf(cause.getMessage())
				.contains("timeout")) {
				return true;
			}
		}
		return false;
	}

}
