package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Category of a safety rating or setting.
 * Values this library does not know are read as {@link #UNKNOWN}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public enum HarmCategory {

	/**
	 * Category is unspecified.
	 */
	HARM_CATEGORY_UNSPECIFIED,

	/**
	 * PaLM: negative or harmful comments targeting identity or protected attributes.
	 */
	HARM_CATEGORY_DEROGATORY,

	/**
	 * PaLM: rude, disrespectful or profane content.
	 */
	HARM_CATEGORY_TOXICITY,

	/**
	 * PaLM: descriptions of violence.
	 */
	HARM_CATEGORY_VIOLENCE,

	/**
	 * PaLM: references to sexual acts.
	 */
	HARM_CATEGORY_SEXUAL,

	/**
	 * PaLM: unchecked medical advice.
	 */
	HARM_CATEGORY_MEDICAL,

	/**
	 * PaLM: content that promotes harmful acts.
	 */
	HARM_CATEGORY_DANGEROUS,

	/**
	 * Gemini: harassment content.
	 */
	HARM_CATEGORY_HARASSMENT,

	/**
	 * Gemini: hate speech and content.
	 */
	HARM_CATEGORY_HATE_SPEECH,

	/**
	 * Gemini: sexually explicit content.
	 */
	HARM_CATEGORY_SEXUALLY_EXPLICIT,

	/**
	 * Gemini: dangerous content.
	 */
	HARM_CATEGORY_DANGEROUS_CONTENT,

	/**
	 * Gemini: content that may be used to harm civic integrity.
	 */
	HARM_CATEGORY_CIVIC_INTEGRITY,

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
	public static HarmCategory of(@Nullable String value) {
		return ModelSupport.parseEnum(HarmCategory.class, value, UNKNOWN);
	}

}
