package io.github.geminicomet;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.PromptFeedback;
import io.github.geminicomet.model.SafetyRating;

/**
 * Signals that Gemini refused to answer: the prompt was blocked ({@code promptFeedback.blockReason}) or
 * the answer was stopped for safety, recitation, prohibited content or a similar reason. Raised by the
 * higher-level helpers (such as {@link GeminiOperations#generateText(String)}); the raw
 * {@code generateContent} calls return such responses as sent.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiBlockedContentException extends GeminiException {

	private final @Nullable BlockReason blockReason;

	private final @Nullable FinishReason finishReason;

	private final List<SafetyRating> safetyRatings;

	private final transient GenerateContentResponse response;

	/**
	 * Create a new exception for a blocked response.
	 * @param response the response that was blocked
	 */
	public GeminiBlockedContentException(GenerateContentResponse response) {
		super(buildMessage(response), null);
		PromptFeedback feedback = response.promptFeedback();
		Candidate candidate = response.firstCandidate();
		this.blockReason = (feedback != null) ? feedback.blockReason() : null;
		this.finishReason = response.finishReason();
		this.safetyRatings = ratings(feedback, candidate);
		this.response = response;
	}

	private static String buildMessage(GenerateContentResponse response) {
		PromptFeedback feedback = response.promptFeedback();
		if (feedback != null && feedback.blockReason() != null) {
			return "Gemini blocked the prompt (blockReason " + feedback.blockReason() + ")"
					+ blockedCategories(ratings(feedback, null));
		}
		Candidate candidate = response.firstCandidate();
		return "Gemini stopped the answer (finishReason " + response.finishReason() + ")"
				+ blockedCategories(ratings(null, candidate));
	}

	private static String blockedCategories(List<SafetyRating> ratings) {
		List<String> blocked = ratings.stream()
			.filter((rating) -> Boolean.TRUE.equals(rating.blocked()))
			.map((rating) -> String.valueOf(rating.category()))
			.toList();
		return blocked.isEmpty() ? "" : "; blocked categories: " + String.join(", ", blocked);
	}

	private static List<SafetyRating> ratings(@Nullable PromptFeedback feedback, @Nullable Candidate candidate) {
		if (feedback != null && feedback.safetyRatings() != null && feedback.blockReason() != null) {
			return feedback.safetyRatings();
		}
		if (candidate != null && candidate.safetyRatings() != null) {
			return candidate.safetyRatings();
		}
		return List.of();
	}

	/**
	 * Return why the prompt was blocked.
	 * @return the block reason, or {@code null} when the answer (not the prompt) was stopped
	 */
	public @Nullable BlockReason getBlockReason() {
		return this.blockReason;
	}

	/**
	 * Return why the answer was stopped.
	 * @return the finish reason, or {@code null} when the prompt was blocked
	 */
	public @Nullable FinishReason getFinishReason() {
		return this.finishReason;
	}

	/**
	 * Return the safety ratings of the blocked prompt or answer.
	 * @return the ratings, never {@code null}
	 */
	public List<SafetyRating> getSafetyRatings() {
		return this.safetyRatings;
	}

	/**
	 * Return the response as the API sent it.
	 * @return the response
	 */
	public GenerateContentResponse getResponse() {
		return this.response;
	}

}
