package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * How much a Gemini 3 model thinks before answering ({@code thinkingConfig.thinkingLevel}).
 * Values this library does not know are read as {@link #UNKNOWN}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public enum ThinkingLevel {

	/**
	 * Unspecified: the model's default applies.
	 */
	THINKING_LEVEL_UNSPECIFIED,

	/**
	 * As little thinking as the model allows.
	 */
	MINIMAL,

	/**
	 * Low thinking: faster and cheaper.
	 */
	LOW,

	/**
	 * Medium thinking.
	 */
	MEDIUM,

	/**
	 * High thinking: the most reasoning.
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
	public static ThinkingLevel of(@Nullable String value) {
		return ModelSupport.parseEnum(ThinkingLevel.class, value, UNKNOWN);
	}

}
