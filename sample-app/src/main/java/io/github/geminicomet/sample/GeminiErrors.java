package io.github.geminicomet.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

import io.github.geminicomet.GeminiBlockedContentException;
import io.github.geminicomet.GeminiException;

/**
 * Turns the library's errors into problem details: a blocked prompt or answer is a 422, any other
 * Gemini failure a 502 whose detail is the exception's message (which never holds the key).
 *
 * @author gemini-comet
 */
@RestControllerAdvice
class GeminiErrors {

	@ExceptionHandler(GeminiBlockedContentException.class)
	ProblemDetail blocked(GeminiBlockedContentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler(GeminiException.class)
	ProblemDetail geminiFailed(GeminiException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
	}

	/**
	 * A message for the browser: the reason of a 400, the message of a Gemini error.
	 */
	static String describe(Throwable ex) {
		if (ex instanceof ResponseStatusException status && status.getReason() != null) {
			return status.getReason();
		}
		if (ex instanceof GeminiException) {
			return ex.getMessage();
		}
		return "Unexpected error: " + ex.getClass().getSimpleName();
	}

}
