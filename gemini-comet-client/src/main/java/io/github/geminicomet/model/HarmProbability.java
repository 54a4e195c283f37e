package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Probability that a piece of content is harmful.
 * Values this library does not know are read as {@link #UNKNOWN}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public enum HarmProbability {

	/**
	 * Probability is unspecified.
	 */
	HARM_PROBABILITY_UNSPECIFIED,

	/**
	 * Content has a negligible chance of being unsafe.
	 */
	NEGLIGIBLE,

	/**
	 * Content has a low chance of being unsafe.
	 */
	LOW,

	/**
	 * Content has a medium chance of being unsafe.
	 */
	MEDIUM,

	/**
	 * Content has a high chance of being unsafe.
	 */
	HIGH,

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
	public static HarmProbability of(@Nullable String value) {
		return ModelSupport.parseEnum(HarmProbability.class, value, UNKNOWN);
	}

}
