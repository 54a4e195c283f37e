package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The grounding sources that support one segment of the answer.
 *
 * @param segment the supported segment
 * @param groundingChunkIndices indexes into {@code groundingChunks} of the supporting sources
 * @param confidenceScores the confidence of each source, aligned with {@code groundingChunkIndices}
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroundingSupport(@Nullable Segment segment, @Nullable List<Integer> groundingChunkIndices,
		@Nullable List<Double> confidenceScores) {

	public GroundingSupport {
		groundingChunkIndices = ModelSupport.copy(groundingChunkIndices);
		confidenceScores = ModelSupport.copy(confidenceScores);
	}

}
