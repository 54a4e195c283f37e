package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A function the model may call, with its parameters as a {@link Schema} or as JSON Schema.
 *
 * @param name the name of the function ({@code a-z}, {@code A-Z}, {@code 0-9}, underscores, colons,
 * dots and dashes, at most 64 characters)
 * @param description what the function does, which the model reads
 * @param parameters the parameters, as an {@code OBJECT} schema
 * @param parametersJsonSchema the parameters as JSON Schema, instead of {@code parameters}
 * @param response the schema of the function's result
 * @param responseJsonSchema the schema of the function's result as JSON Schema, instead of
 * {@code response}
 * @param behavior whether the call blocks the conversation
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionDeclaration(@Nullable String name, @Nullable String description, @Nullable Schema parameters,
		@Nullable Object parametersJsonSchema, @Nullable Schema response, @Nullable Object responseJsonSchema,
		@Nullable Behavior behavior) {

	/**
	 * Create a function declaration with parameters as a {@link Schema}.
	 * @param name the name of the function
	 * @param description what the function does
	 * @param parameters the parameters, or {@code null} for a function without parameters
	 * @return the declaration
	 */
	public static FunctionDeclaration of(String name, String description, @Nullable Schema parameters) {
		return new FunctionDeclaration(name, description, parameters, null, null, null, null);
	}

	/**
	 * Create a function declaration with parameters as JSON Schema.
	 * @param name the name of the function
	 * @param description what the function does
	 * @param parametersJsonSchema the parameters as JSON Schema (a map or a JSON node)
	 * @return the declaration
	 */
	public static FunctionDeclaration ofJsonSchema(String name, String description, Object parametersJsonSchema) {
		return new FunctionDeclaration(name, description, null, parametersJsonSchema, null, null, null);
	}

	/**
	 * Whether a function call blocks the conversation.
	 * Values this library does not know are read as {@link #UNKNOWN}.
	 *
	 * @since 0.1.0
	 */
	public enum Behavior {

		/**
		 * Not specified.
		 */
		UNSPECIFIED,

		/**
		 * The system waits for the function response before continuing.
		 */
		BLOCKING,

		/**
		 * The conversation continues while the function runs.
		 */
		NON_BLOCKING,

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
		public static Behavior of(@Nullable String value) {
			return ModelSupport.parseEnum(Behavior.class, value, UNKNOWN);
		}

	}

}
