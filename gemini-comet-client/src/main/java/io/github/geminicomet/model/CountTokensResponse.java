package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The response of {@code countTokens}.
 *
 * @param totalTokens the number of tokens the prompt is tokenised into
 * @param cachedContentTokenCount the number of tokens in the cached part of the prompt
 * @param promptTokensDetails prompt tokens per modality
 * @param cacheTokensDetails cached tokens per modality
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CountTokensResponse(@Nullable Integer totalTokens, @Nullable Integer cachedContentTokenCount,
		@Nullable List<ModalityTokenCount> promptTokensDetails,
		@Nullable List<ModalityTokenCount> cacheTokensDetails) {

	public CountTokensResponse {
		promptTokensDetails = ModelSupport.copy(promptTokensDetails);
		cacheTokensDetails = ModelSupport.copy(cacheTokensDetails);
	}

}
