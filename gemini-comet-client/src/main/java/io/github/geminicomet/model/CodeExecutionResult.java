package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The result of running {@link ExecutableCode}.
 *
 * @param id the id of the code that was run (sent by Gemini 3 models)
 * @param outcome the outcome of the run
 * @param output stdout on success, stderr or another description otherwise
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CodeExecutionResult(@Nullable String id, @Nullable Outcome outcome, @Nullable String output) {

	/**
	 * Outcome of a code execution.
	 * Values this library does not know are read as {@link #UNKNOWN}.
	 *
	 * @since 0.1.0
	 */
	public enum Outcome {

		/**
		 * Unspecified status.
		 */
		OUTCOME_UNSPECIFIED,

		/**
		 * The code ran successfully.
		 */
		OUTCOME_OK,

		/**
		 * The code ran but failed; the output holds stderr.
		 */
		OUTCOME_FAILED,

		/**
		 * The code ran for too long and was cancelled.
		 */
		OUTCOME_DEADLINE_EXCEEDED,

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
		public static Outcome of(@Nullable String value) {
			return ModelSupport.parseEnum(Outcome.class, value, UNKNOWN);
		}

	}

}
