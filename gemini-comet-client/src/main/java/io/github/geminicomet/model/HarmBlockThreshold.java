package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Probability threshold from which content of a category is blocked.
 * Values this library does not know are read as {@link #UNKNOWN}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public enum HarmBlockThreshold {

	/**
	 * Threshold is unspecified.
	 */
	HARM_BLOCK_THRESHOLD_UNSPECIFIED,

	/**
	 * Content with negligible probability is allowed.
	 */
	BLOCK_LOW_AND_ABOVE,

	/**
	 * Content with negligible and low probability is allowed.
	 */
	BLOCK_MEDIUM_AND_ABOVE,

	/**
	 * Content with negligible, low and medium probability is allowed.
	 */
	BLOCK_ONLY_HIGH,

	/**
	 * All content is allowed.
	 */
	BLOCK_NONE,

	/**
	 * The safety filter is turned off.
	 */
	OFF,

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
	public static HarmBlockThreshold of(@Nullable String value) {
		return ModelSupport.parseEnum(HarmBlockThreshold.class, value, UNKNOWN);
	}

}
