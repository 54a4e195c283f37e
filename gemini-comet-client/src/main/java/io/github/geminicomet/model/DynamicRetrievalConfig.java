package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * When {@link GoogleSearchRetrieval} retrieves.
 *
 * @param mode the mode of the predictor
 * @param dynamicThreshold the threshold of the dynamic predictor
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DynamicRetrievalConfig(@Nullable Mode mode, @Nullable Double dynamicThreshold) {

	/**
	 * Mode of the dynamic retrieval predictor.
	 * Values this library does not know are read as {@link #UNKNOWN}.
	 *
	 * @since 0.1.0
	 */
	public enum Mode {

		/**
		 * Always retrieve.
		 */
		MODE_UNSPECIFIED,

		/**
		 * Retrieve only when the model decides it is needed.
		 */
		MODE_DYNAMIC,

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
		public static Mode of(@Nullable String value) {
			return ModelSupport.parseEnum(Mode.class, value, UNKNOWN);
		}

	}

}
