package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A segment of the answer.
 *
 * @param partIndex the index of the part the segment is in; absent means 0
 * @param startIndex the start of the segment in the part, in bytes; absent means 0
 * @param endIndex the exclusive end of the segment in the part, in bytes
 * @param text the text of the segment
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Segment(@Nullable Integer partIndex, @Nullable Integer startIndex, @Nullable Integer endIndex,
		@Nullable String text) {

}
