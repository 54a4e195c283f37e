package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Options of the Google Search grounding tool; {@code new GoogleSearch()} is sent as {@code {}}.
 *
 * @param timeRangeFilter restricts results to a time range
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoogleSearch(@Nullable Interval timeRangeFilter) {

	/**
	 * Create options without a time range, sent as {@code {}}.
	 */
	public GoogleSearch() {
		this(null);
	}

	/**
	 * A time interval ({@code google.type.Interval}).
	 *
	 * @param startTime the inclusive start, as an RFC 3339 timestamp
	 * @param endTime the exclusive end, as an RFC 3339 timestamp
	 * @since 0.1.0
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Interval(@Nullable String startTime, @Nullable String endTime) {

	}

}
