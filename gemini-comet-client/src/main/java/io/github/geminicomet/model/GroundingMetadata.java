package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The sources an answer is grounded on, returned with the Google Search, URL context, file search and
 * Google Maps tools.
 *
 * @param searchEntryPoint the Google Search suggestions to display
 * @param groundingChunks the sources
 * @param groundingSupports the parts of the answer each source supports
 * @param retrievalMetadata metadata of the retrieval
 * @param webSearchQueries the web searches the model made
 * @param googleMapsWidgetContextToken the token to render a Google Maps widget
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroundingMetadata(@Nullable SearchEntryPoint searchEntryPoint,
		@Nullable List<GroundingChunk> groundingChunks, @Nullable List<GroundingSupport> groundingSupports,
		@Nullable RetrievalMetadata retrievalMetadata, @Nullable List<String> webSearchQueries,
		@Nullable String googleMapsWidgetContextToken) {

	public GroundingMetadata {
		groundingChunks = ModelSupport.copy(groundingChunks);
		groundingSupports = ModelSupport.copy(groundingSupports);
		webSearchQueries = ModelSupport.copy(webSearchQueries);
	}

}
