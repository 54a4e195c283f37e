package io.github.geminicomet.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GeminiError}.
 */
class GeminiErrorTests {

	private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

	@ParameterizedTest
	@CsvSource({ "34.4s, 34400", "1s, 1000", "0.5s, 500", "0s, 0", "' 2s ', 2000", "120s, 120000", "1.000000001s, 1000" })
	void parseDurationReadsProtobufDurations(String value, long millis) {
		assertThat(GeminiError.parseDuration(value)).hasValueSatisfying(
				(duration) -> assertThat(duration.toMillis()).isEqualTo(millis));
	}

	@Test
	void parseDurationKeepsNanosecondPrecision() {
		assertThat(GeminiError.parseDuration("1.000000001s")).contains(Duration.ofSeconds(1, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "s", "34.4", "34.4ms", "abc", "-1s", "1,5s", "1.5 s", "PT34S", "NaNs",
			"99999999999999999999s" })
	void parseDurationOfGarbageIsEmpty(String value) {
		assertThat(GeminiError.parseDuration(value)).isEmpty();
	}

	@Test
	void retryDelayIsReadFromRetryInfoDetail() {
		GeminiError error = new GeminiError(429, "Quota exceeded.", "RESOURCE_EXHAUSTED",
				List.of(Map.of("@type", "type.googleapis.com/google.rpc.QuotaFailure"),
						Map.of("@type", RETRY_INFO, "retryDelay", "34.4s")));
		assertThat(error.retryDelay()).contains(Duration.ofMillis(34_400));
	}

	@Test
	void retryDelayIsEmptyWithoutDetails() {
		assertThat(new GeminiError(500, "Internal.", "INTERNAL", null).retryDelay()).isEmpty();
		assertThat(new GeminiError(500, "Internal.", "INTERNAL", List.of()).retryDelay()).isEmpty();
	}

	@Test
	void retryDelayIsEmptyWhenRetryInfoHasNoUsableDelay() {
		assertThat(error(Map.of("@type", RETRY_INFO)).retryDelay()).isEmpty();
		assertThat(error(Map.of("@type", RETRY_INFO, "retryDelay", 34)).retryDelay()).isEmpty();
		assertThat(error(Map.of("@type", RETRY_INFO, "retryDelay", "soon")).retryDelay()).isEmpty();
		assertThat(error(Map.of("@type", "type.googleapis.com/google.rpc.Help", "retryDelay", "3s")).retryDelay())
			.isEmpty();
	}

	@Test
	void detailsAreCopied() {
		List<Map<String, Object>> details = new ArrayList<>();
		details.add(Map.of("@type", RETRY_INFO, "retryDelay", "1s"));
		GeminiError error = new GeminiError(429, null, null, details);
		details.clear();
		assertThat(error.details()).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> error.details().clear());
	}

	private static GeminiError error(Map<String, Object> detail) {
		return new GeminiError(429, "Slow down.", "RESOURCE_EXHAUSTED", List.of(detail));
	}

	@Test
	void retryDelayIsNeverNull() {
		Optional<Duration> delay = new GeminiError(null, null, null, null).retryDelay();
		assertThat(delay).isNotNull().isEmpty();
	}

}
