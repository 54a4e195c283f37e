package io.github.geminicomet.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The {@code error} object of a Gemini error body ({@code {"error": {...}}}), following
 * {@code google.rpc.Status}.
 *
 * @param code the HTTP status code the API reported
 * @param message the developer-facing message
 * @param status the canonical status name, such as {@code RESOURCE_EXHAUSTED}
 * @param details the typed details, each a map with an {@code @type} key (for example
 * {@code type.googleapis.com/google.rpc.RetryInfo})
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GeminiError(@Nullable Integer code, @Nullable String message, @Nullable String status,
		@Nullable List<Map<String, Object>> details) {

	private static final String RETRY_INFO_TYPE = "type.googleapis.com/google.rpc.RetryInfo";

	/**
	 * Create a new error, copying {@code details}.
	 */
	public GeminiError {
		details = (details != null) ? List.copyOf(details) : null;
	}

	/**
	 * Return the delay the server asked for in a {@code google.rpc.RetryInfo} detail, if any.
	 * @return the requested retry delay
	 */
	@JsonIgnore
	public Optional<Duration> retryDelay() {
		if (this.details == null) {
			return Optional.empty();
		}
		for (Map<String, Object> detail : this.details) {
			if (RETRY_INFO_TYPE.equals(detail.get("@type")) && detail.get("retryDelay") instanceof String delay) {
				return parseDuration(delay);
			}
		}
		return Optional.empty();
	}

	/**
	 * Parse a protobuf JSON duration such as {@code "34.4s"}.
	 * @param value the value
	 * @return the duration, or empty when the value is not a duration
	 */
	static Optional<Duration> parseDuration(String value) {
		String trimmed = value.trim();
		if (!trimmed.endsWith("s")) {
			return Optional.empty();
		}
		try {
			BigDecimal seconds = new BigDecimal(trimmed.substring(0, trimmed.length() - 1));
			if (seconds.signum() < 0) {
				return Optional.empty();
			}
			long nanos = seconds.movePointRight(9).toBigInteger().longValueExact();
			return Optional.of(Duration.ofNanos(nanos));
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return Optional.empty();
		}
	}

}
