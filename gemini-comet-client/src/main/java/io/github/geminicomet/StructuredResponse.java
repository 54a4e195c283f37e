package io.github.geminicomet;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GroundingMetadata;
import io.github.geminicomet.model.UsageMetadata;

/**
 * The object read from a structured-output answer together with the response it came in, for its
 * usage, finish reason, grounding and other metadata. Returned by
 * {@link GeminiOperations#generateObjectResponse(String, io.github.geminicomet.model.GenerateContentRequest, Class)}.
 *
 * @param <T> the type of the object
 * @param value the object read from the answer
 * @param response the response as the API sent it (the last one, when a repair attempt was made)
 * @author gemini-comet
 * @since 0.1.0
 */
public record StructuredResponse<T>(T value, GenerateContentResponse response) {

	public StructuredResponse {
		Assert.notNull(value, "'value' must not be null");
		Assert.notNull(response, "'response' must not be null");
	}

	/**
	 * Return the token counts of the response.
	 * @return the usage metadata, or {@code null} when the API sent none
	 */
	public @Nullable UsageMetadata usageMetadata() {
		return this.response.usageMetadata();
	}

	/**
	 * Return the finish reason of the first candidate.
	 * @return the finish reason, or {@code null} when there is none
	 */
	public @Nullable FinishReason finishReason() {
		return this.response.finishReason();
	}

	/**
	 * Return the grounding metadata of the first candidate (Google Search, URL context...).
	 * @return the grounding metadata, or {@code null} when there is none
	 */
	public @Nullable GroundingMetadata groundingMetadata() {
		Candidate candidate = this.response.firstCandidate();
		return (candidate != null) ? candidate.groundingMetadata() : null;
	}

}
