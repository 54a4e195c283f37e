package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A source cited by part of a candidate.
 *
 * @param startIndex the start of the cited segment of the answer, in bytes
 * @param endIndex the exclusive end of the cited segment, in bytes
 * @param uri the URI of the source
 * @param license the license of the source, for code
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CitationSource(@Nullable Integer startIndex, @Nullable Integer endIndex, @Nullable String uri,
		@Nullable String license) {

}
