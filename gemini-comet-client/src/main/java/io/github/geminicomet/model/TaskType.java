package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Intended use of an embedding, which lets the model optimise it.
 * Values this library does not know are read as {@link #UNKNOWN}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public enum TaskType {

	/**
	 * Unset value, which defaults to another task type.
	 */
	TASK_TYPE_UNSPECIFIED,

	/**
	 * The text is a query in a search or retrieval setting.
	 */
	RETRIEVAL_QUERY,

	/**
	 * The text is a document of the corpus being searched.
	 */
	RETRIEVAL_DOCUMENT,

	/**
	 * The text is compared for semantic similarity.
	 */
	SEMANTIC_SIMILARITY,

	/**
	 * The text will be classified.
	 */
	CLASSIFICATION,

	/**
	 * The text will be clustered.
	 */
	CLUSTERING,

	/**
	 * The text is used for question answering.
	 */
	QUESTION_ANSWERING,

	/**
	 * The text is used for fact verification.
	 */
	FACT_VERIFICATION,

	/**
	 * The text is a query for code retrieval.
	 */
	CODE_RETRIEVAL_QUERY,

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
	public static TaskType of(@Nullable String value) {
		return ModelSupport.parseEnum(TaskType.class, value, UNKNOWN);
	}

}
