package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Token counts of a response, as sent by the API (never computed: {@code totalTokenCount} includes
 * thoughts and tool-use prompts). Absent counts are {@code null}.
 *
 * @param promptTokenCount tokens of the prompt, cached content included
 * @param cachedContentTokenCount tokens of the prompt read from the cache
 * @param candidatesTokenCount tokens of all candidates
 * @param toolUsePromptTokenCount tokens of tool-use prompts (search results, executed code)
 * @param thoughtsTokenCount tokens of the model's thoughts
 * @param totalTokenCount total tokens of the request and response
 * @param promptTokensDetails prompt tokens per modality
 * @param cacheTokensDetails cached tokens per modality
 * @param candidatesTokensDetails candidate tokens per modality
 * @param toolUsePromptTokensDetails tool-use prompt tokens per modality
 * @param trafficType the traffic type, such as {@code ON_DEMAND} (Vertex AI, gateways)
 * @param serviceTier the service tier that served the request, such as {@code standard}
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageMetadata(@Nullable Integer promptTokenCount, @Nullable Integer cachedContentTokenCount,
		@Nullable Integer candidatesTokenCount, @Nullable Integer toolUsePromptTokenCount,
		@Nullable Integer thoughtsTokenCount, @Nullable Integer totalTokenCount,
		@Nullable List<ModalityTokenCount> promptTokensDetails, @Nullable List<ModalityTokenCount> cacheTokensDetails,
		@Nullable List<ModalityTokenCount> candidatesTokensDetails,
		@Nullable List<ModalityTokenCount> toolUsePromptTokensDetails, @Nullable String trafficType,
		@Nullable String serviceTier) {

	public UsageMetadata {
		promptTokensDetails = ModelSupport.copy(promptTokensDetails);
		cacheTokensDetails = ModelSupport.copy(cacheTokensDetails);
		candidatesTokensDetails = ModelSupport.copy(candidatesTokensDetails);
		toolUsePromptTokensDetails = ModelSupport.copy(toolUsePromptTokensDetails);
	}

}
