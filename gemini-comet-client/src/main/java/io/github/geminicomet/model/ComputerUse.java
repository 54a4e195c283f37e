package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Options of the computer use tool.
 *
 * @param environment the environment being operated
 * @param excludedPredefinedFunctions predefined functions the model must not call
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ComputerUse(@Nullable Environment environment, @Nullable List<String> excludedPredefinedFunctions) {

	public ComputerUse {
		excludedPredefinedFunctions = ModelSupport.copy(excludedPredefinedFunctions);
	}

	/**
	 * Environment operated by the computer use tool.
	 * Values this library does not know are read as {@link #UNKNOWN}.
	 *
	 * @since 0.1.0
	 */
	public enum Environment {

		/**
		 * Defaults to browser.
		 */
		ENVIRONMENT_UNSPECIFIED,

		/**
		 * A web browser.
		 */
		ENVIRONMENT_BROWSER,

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
		public static Environment of(@Nullable String value) {
			return ModelSupport.parseEnum(Environment.class, value, UNKNOWN);
		}

	}

}
