package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The retrieval of one URL by the URL context tool.
 *
 * @param retrievedUrl the URL
 * @param urlRetrievalStatus whether it was retrieved
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UrlMetadata(@Nullable String retrievedUrl, @Nullable UrlRetrievalStatus urlRetrievalStatus) {

	/**
	 * Status of a URL retrieval.
	 * Values this library does not know are read as {@link #UNKNOWN}.
	 *
	 * @since 0.1.0
	 */
	public enum UrlRetrievalStatus {

		/**
		 * Default value, unused.
		 */
		URL_RETRIEVAL_STATUS_UNSPECIFIED,

		/**
		 * The URL was retrieved.
		 */
		URL_RETRIEVAL_STATUS_SUCCESS,

		/**
		 * The URL could not be retrieved.
		 */
		URL_RETRIEVAL_STATUS_ERROR,

		/**
		 * The URL is behind a paywall.
		 */
		URL_RETRIEVAL_STATUS_PAYWALL,

		/**
		 * The URL is unsafe.
		 */
		URL_RETRIEVAL_STATUS_UNSAFE,

		/**
		 * A value this version of the library does not know; never send it.
		 */
		UNKNOWN;

		/**
		 * Return the constant for a wire value.
		 * @param value the value as sent on the wire (case-insensitive)
		 * @return the matching constant, or {@link #UNKNOWN} for a value this library does not know
		 */
		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		public static UrlRetrievalStatus of(@Nullable String value) {
			return ModelSupport.parseEnum(UrlRetrievalStatus.class, value, UNKNOWN);
		}

	}

}
