package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Options of the Google Search retrieval tool (Gemini 1.5; later models use {@link GoogleSearch}).
 *
 * @param dynamicRetrievalConfig when to retrieve
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoogleSearchRetrieval(@Nullable DynamicRetrievalConfig dynamicRetrievalConfig) {

}
