package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Modality of content: of a token count, or requested in {@code responseModalities}.
 * Values this library does not know are read as {@link #UNKNOWN}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public enum Modality {

	/**
	 * Unspecified modality.
	 */
	MODALITY_UNSPECIFIED,

	/**
	 * Plain text.
	 */
	TEXT,

	/**
	 * Image.
	 */
	IMAGE,

	/**
	 * Video.
	 */
	VIDEO,

	/**
	 * Audio.
	 */
	AUDIO,

	/**
	 * Document, such as a PDF.
	 */
	DOCUMENT,

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
	public static Modality of(@Nullable String value) {
		return ModelSupport.parseEnum(Modality.class, value, UNKNOWN);
	}

}
