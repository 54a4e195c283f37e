package io.github.geminicomet.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The result of a {@link FunctionCall}, sent back to the model.
 *
 * @param id the {@code id} of the call this answers
 * @param name the name of the function that was called
 * @param response the result as a JSON object, such as {@code {"output": ...}} or {@code {"error": ...}}
 * @param parts media parts of the response
 * @param willContinue whether more responses for this call will follow (non-blocking functions)
 * @param scheduling how the response is scheduled in the conversation (non-blocking functions)
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionResponse(@Nullable String id, @Nullable String name,
		@Nullable Map<String, @Nullable Object> response, @Nullable List<FunctionResponsePart> parts,
		@Nullable Boolean willContinue, @Nullable Scheduling scheduling) {

	public FunctionResponse {
		response = ModelSupport.copy(response);
		parts = ModelSupport.copy(parts);
	}

	/**
	 * Create a function response.
	 * @param name the name of the function that was called
	 * @param response the result, as a JSON object
	 * @return the function response
	 */
	public static FunctionResponse of(String name, Map<String, @Nullable Object> response) {
		return of(null, name, response);
	}

	/**
	 * Create a function response that answers the call with the given id.
	 * @param id the {@code id} of the call, or {@code null} when the call had none
	 * @param name the name of the function that was called
	 * @param response the result, as a JSON object
	 * @return the function response
	 */
	public static FunctionResponse of(@Nullable String id, String name, Map<String, @Nullable Object> response) {
		return new FunctionResponse(id, name, response, null, null, null);
	}

	/**
	 * How a function response is scheduled in the conversation.
	 * Values this library does not know are read as {@link #UNKNOWN}.
	 *
	 * @since 0.1.0
	 */
	public enum Scheduling {

		/**
		 * Unspecified.
		 */
		SCHEDULING_UNSPECIFIED,

		/**
		 * Only add the result to the context; do not interrupt or trigger generation.
		 */
		SILENT,

		/**
		 * Add the result and prompt generation without interrupting ongoing generation.
		 */
		WHEN_IDLE,

		/**
		 * Add the result, interrupt ongoing generation and prompt to generate output.
		 */
		INTERRUPT,

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
		public static Scheduling of(@Nullable String value) {
			return ModelSupport.parseEnum(Scheduling.class, value, UNKNOWN);
		}

	}

}
