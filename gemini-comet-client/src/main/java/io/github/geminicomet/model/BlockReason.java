package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Why a prompt was blocked ({@code promptFeedback.blockReason}).
 * Values this library does not know are read as {@link #UNKNOWN}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public enum BlockReason {

	/**
	 * Default value, unused.
	 */
	BLOCK_REASON_UNSPECIFIED,

	/**
	 * The prompt was blocked for safety reasons.
	 */
	SAFETY,

	/**
	 * The prompt was blocked for an unknown reason.
	 */
	OTHER,

	/**
	 * The prompt contained terms from the terminology blocklist.
	 */
	BLOCKLIST,

	/**
	 * The prompt was blocked for prohibited content.
	 */
	PROHIBITED_CONTENT,

	/**
	 * The prompt was blocked for unsafe image generation content.
	 */
	IMAGE_SAFETY,

	/**
	 * The prompt was blocked by Model Armor (Vertex AI).
	 */
	MODEL_ARMOR,

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
	public static BlockReason of(@Nullable String value) {
		return ModelSupport.parseEnum(BlockReason.class, value, UNKNOWN);
	}

}
