package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Metadata of a grounding retrieval.
 *
 * @param googleSearchDynamicRetrievalScore how likely Google Search helped answer, in {@code [0, 1]}
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievalMetadata(@Nullable Double googleSearchDynamicRetrievalScore) {

}
