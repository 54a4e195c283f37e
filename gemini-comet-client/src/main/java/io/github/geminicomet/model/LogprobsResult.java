package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Log probabilities of the tokens of a candidate, returned with {@code responseLogprobs}.
 *
 * @param logProbabilitySum the sum of the log probabilities of the chosen tokens
 * @param topCandidates the most likely tokens at each step
 * @param chosenCandidates the chosen token at each step
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogprobsResult(@Nullable Double logProbabilitySum, @Nullable List<TopCandidates> topCandidates,
		@Nullable List<Candidate> chosenCandidates) {

	public LogprobsResult {
		topCandidates = ModelSupport.copy(topCandidates);
		chosenCandidates = ModelSupport.copy(chosenCandidates);
	}

	/**
	 * A token and its log probability.
	 *
	 * @param token the token
	 * @param tokenId the id of the token
	 * @param logProbability the log probability of the token
	 * @since 0.1.0
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Candidate(@Nullable String token, @Nullable Integer tokenId, @Nullable Double logProbability) {

	}

	/**
	 * The most likely tokens at one step, by descending log probability.
	 *
	 * @param candidates the tokens
	 * @since 0.1.0
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record TopCandidates(@Nullable List<Candidate> candidates) {

		public TopCandidates {
			candidates = ModelSupport.copy(candidates);
		}

	}

}
