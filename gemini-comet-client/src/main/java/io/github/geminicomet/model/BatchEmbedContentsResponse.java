package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The response of {@code batchEmbedContents}.
 *
 * @param embeddings the embeddings, in the order of the requests
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchEmbedContentsResponse(@Nullable List<ContentEmbedding> embeddings) {

	public BatchEmbedContentsResponse {
		embeddings = ModelSupport.copy(embeddings);
	}

}
