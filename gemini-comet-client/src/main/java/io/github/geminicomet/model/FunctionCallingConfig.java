package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * How the model calls functions.
 *
 * @param mode the function calling mode
 * @param allowedFunctionNames the functions the model may call, with {@code ANY} or {@code VALIDATED}
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionCallingConfig(@Nullable Mode mode, @Nullable List<String> allowedFunctionNames) {

	public FunctionCallingConfig {
		allowedFunctionNames = ModelSupport.copy(allowedFunctionNames);
	}

	/**
	 * Create a function calling configuration.
	 * @param mode the mode
	 * @param allowedFunctionNames the functions the model may call; none means all (and sends no list)
	 * @return the configuration
	 */
	public static FunctionCallingConfig of(Mode mode, String... allowedFunctionNames) {
		return new FunctionCallingConfig(mode,
				(allowedFunctionNames.length > 0) ? List.of(allowedFunctionNames) : null);
	}

	/**
	 * Function calling mode.
	 * Values this library does not know are read as {@link #UNKNOWN}.
	 *
	 * @since 0.1.0
	 */
	public enum Mode {

		/**
		 * Unspecified; do not use.
		 */
		MODE_UNSPECIFIED,

		/**
		 * The model decides between answering and calling a function (the default).
		 */
		AUTO,

		/**
		 * The model always calls a function.
		 */
		ANY,

		/**
		 * The model never calls a function.
		 */
		NONE,

		/**
		 * The model decides, and its function calls are validated against the schemas.
		 */
		VALIDATED,

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
