package io.github.geminicomet.test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The error body Gemini sends ({@code {"error": {"code", "message", "status"}}}), with Google's status names.
 */
final class GeminiErrorBody {

	private GeminiErrorBody() {
	}

	static Map<String, Object> of(int status, String message, @Nullable Duration retryDelay) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", status);
		error.put("message", message);
		error.put("status", statusName(status));
		if (retryDelay != null) {
			String seconds = BigDecimal.valueOf(retryDelay.toMillis(), 3).stripTrailingZeros().toPlainString();
			error.put("details", List.of(Map.of("@type", "type.googleapis.com/google.rpc.RetryInfo", "retryDelay",
					seconds + "s")));
		}
		return Map.of("error", error);
	}

	static String statusName(int status) {
		return switch (status) {
			case 400 -> "INVALID_ARGUMENT";
			case 401 -> "UNAUTHENTICATED";
			case 403 -> "PERMISSION_DENIED";
			case 404 -> "NOT_FOUND";
			case 409 -> "ABORTED";
			case 429 -> "RESOURCE_EXHAUSTED";
			case 499 -> "CANCELLED";
			case 500 -> "INTERNAL";
			case 501 -> "UNIMPLEMENTED";
			case 503 -> "UNAVAILABLE";
			case 504 -> "DEADLINE_EXCEEDED";
			default -> (status < 500) ? "FAILED_PRECONDITION" : "UNKNOWN";
		};
	}

}
