package io.github.geminicomet;

import java.lang.reflect.Type;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentResponse;

/**
 * Signals that Gemini's answer to a structured-output call ({@code generateObject},
 * {@code streamObjects}) could not be turned into the requested type: the text is not valid JSON,
 * does not match the type, or the object fails Bean Validation. Carries the target type, the raw
 * text (truncated in the message, whole from {@link #getRawText()}), the finish reason (a
 * {@link FinishReason#MAX_TOKENS MAX_TOKENS} finish explains most truncated JSON) and the parse or
 * validation errors.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiStructuredOutputException extends GeminiException {

	/**
	 * How much of the raw text the message shows.
	 */
	static final int MESSAGE_TEXT_LIMIT = 500;

	private final transient Type targetType;

	private final String rawText;

	private final @Nullable FinishReason finishReason;

	private final List<String> errors;

	private final int attempts;

	private final transient @Nullable GenerateContentResponse response;

	/**
	 * Create a new exception.
	 * @param targetType the type the answer was to be read as
	 * @param rawText the visible text of the answer
	 * @param finishReason the finish reason of the answer, if any
	 * @param errors the parse or validation errors, at least one
	 * @param attempts how many answers were tried, repairs included
	 * @param response the last response, if the whole response is known (not for streams)
	 * @param cause the parse error, if any
	 */
	public GeminiStructuredOutputException(Type targetType, String rawText, @Nullable FinishReason finishReason,
			List<String> errors, int attempts, @Nullable GenerateContentResponse response,
			@Nullable Throwable cause) {
		super(buildMessage(targetType, rawText, finishReason, errors, attempts), cause);
		this.targetType = targetType;
		this.rawText = rawText;
		this.finishReason = finishReason;
		this.errors = List.copyOf(errors);
		this.attempts = attempts;
		this.response = response;
	}

	private static String buildMessage(Type targetType, String rawText, @Nullable FinishReason finishReason,
			List<String> errors, int attempts) {
		StringBuilder message = new StringBuilder("Gemini's answer could not be read as ")
			.append(targetType.getTypeName())
			.append(": ")
			.append(String.join("; ", errors));
		if (finishReason == FinishReason.MAX_TOKENS) {
			message.append(". The answer stopped at the output token limit (finishReason MAX_TOKENS), so the "
					+ "JSON is truncated: raise generationConfig.maxOutputTokens or ask for less");
		}
		else if (finishReason != null) {
			message.append(" (finishReason ").append(finishReason).append(")");
		}
		if (attempts > 1) {
			message.append(" [after ").append(attempts).append(" attempts]");
		}
		message.append(". Answer (").append(rawText.length()).append(" chars): ");
		if (rawText.length() > MESSAGE_TEXT_LIMIT) {
			message.append(rawText, 0, MESSAGE_TEXT_LIMIT).append("...");
		}
		else {
			message.append(rawText);
		}
		return message.toString();
	}

	/**
	 * Return the type the answer was to be read as.
	 * @return the target type
	 */
	public Type getTargetType() {
		return this.targetType;
	}

	/**
	 * Return the visible text of the answer (thoughts excluded), whole. For
	 * {@code streamObjects}, the text received since the last element emitted.
	 * @return the raw text
	 */
	public String getRawText() {
		return this.rawText;
	}

	/**
	 * Return the finish reason of the answer.
	 * @return the finish reason, or {@code null} when none arrived
	 */
	public @Nullable FinishReason getFinishReason() {
		return this.finishReason;
	}

	/**
	 * Return the parse or validation errors, such as {@code "total: must be greater than or equal to 0"}.
	 * @return the errors, never empty
	 */
	public List<String> getErrors() {
		return this.errors;
	}

	/**
	 * Return how many answers were tried: 1, plus the repair attempts made.
	 * @return the number of answers tried
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Return the last response as the API sent it, with its usage and metadata.
	 * @return the response, or {@code null} for a stream
	 */
	public @Nullable GenerateContentResponse getResponse() {
		return this.response;
	}

}
