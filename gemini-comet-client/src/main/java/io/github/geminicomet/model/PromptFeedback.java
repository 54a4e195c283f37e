package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Feedback on the prompt: when {@code blockReason} is set, the prompt was blocked and no candidate was
 * generated.
 *
 * @param blockReason why the prompt was blocked
 * @param blockReasonMessage a readable explanation of the block (Vertex AI)
 * @param safetyRatings the safety ratings of the prompt
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromptFeedback(@Nullable BlockReason blockReason, @Nullable String blockReasonMessage,
		@Nullable List<SafetyRating> safetyRatings) {

	public PromptFeedback {
		safetyRatings = ModelSupport.copy(safetyRatings);
	}

}
