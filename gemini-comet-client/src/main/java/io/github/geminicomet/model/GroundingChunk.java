package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One grounding source: a web page, a retrieved document chunk or a Google Maps place (one of the
 * three is set).
 *
 * @param web a web page
 * @param retrievedContext a chunk retrieved by a retrieval tool such as file search
 * @param maps a Google Maps place
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroundingChunk(@Nullable Web web, @Nullable RetrievedContext retrievedContext, @Nullable Maps maps) {

	/**
	 * A web page source.
	 *
	 * @param uri the URI of the page (often a Vertex AI Search redirect)
	 * @param title the title of the page, often its domain
	 * @since 0.1.0
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Web(@Nullable String uri, @Nullable String title) {

	}

	/**
	 * A chunk retrieved by a retrieval tool.
	 *
	 * @param uri the URI of the document
	 * @param title the title of the document
	 * @param text the text of the chunk
	 * @param fileSearchStore the file search store the chunk comes from
	 * @param customMetadata the custom metadata of the document the chunk comes from
	 * @since 0.1.0
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RetrievedContext(@Nullable String uri, @Nullable String title, @Nullable String text,
			@Nullable String fileSearchStore, @Nullable List<CustomMetadata> customMetadata) {

		public RetrievedContext {
			customMetadata = ModelSupport.copy(customMetadata);
		}

	}

	/**
	 * One custom metadata entry of a retrieved document: a key and one kind of value.
	 *
	 * @param key the key
	 * @param stringValue a string value
	 * @param stringListValue a list of strings value
	 * @param numericValue a numeric value
	 * @since 0.1.0
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record CustomMetadata(@Nullable String key, @Nullable String stringValue,
			@Nullable StringList stringListValue, @Nullable Double numericValue) {

		/**
		 * A list of strings metadata value.
		 *
		 * @param values the strings
		 * @since 0.1.0
		 */
		@JsonInclude(JsonInclude.Include.NON_NULL)
		@JsonIgnoreProperties(ignoreUnknown = true)
		public record StringList(@Nullable List<String> values) {

			public StringList {
				values = ModelSupport.copy(values);
			}

		}

	}

	/**
	 * A Google Maps place source.
	 *
	 * @param uri the URI of the place
	 * @param title the title of the place
	 * @param text a description of the place
	 * @param placeId the id of the place
	 * @param placeAnswerSources the sources of the answer about the place
	 * @since 0.1.0
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Maps(@Nullable String uri, @Nullable String title, @Nullable String text, @Nullable String placeId,
			@Nullable PlaceAnswerSources placeAnswerSources) {

		/**
		 * The sources of an answer about a place.
		 *
		 * @param reviewSnippets snippets of reviews
		 * @since 0.1.0
		 */
		@JsonInclude(JsonInclude.Include.NON_NULL)
		@JsonIgnoreProperties(ignoreUnknown = true)
		public record PlaceAnswerSources(@Nullable List<ReviewSnippet> reviewSnippets) {

			public PlaceAnswerSources {
				reviewSnippets = ModelSupport.copy(reviewSnippets);
			}

		}

		/**
		 * A snippet of a review of a place.
		 *
		 * @param reviewId the id of the review
		 * @param googleMapsUri the link to the review on Google Maps
		 * @param title the title of the review
		 * @since 0.1.0
		 */
		@JsonInclude(JsonInclude.Include.NON_NULL)
		@JsonIgnoreProperties(ignoreUnknown = true)
		public record ReviewSnippet(@Nullable String reviewId, @Nullable String googleMapsUri,
				@Nullable String title) {

		}

	}

}
