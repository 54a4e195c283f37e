package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code batchEmbedContents}. Every request must name the model of the URL.
 *
 * @param requests the embedding requests
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchEmbedContentsRequest(@Nullable List<EmbedContentRequest> requests) {

	public BatchEmbedContentsRequest {
		requests = ModelSupport.copy(requests);
	}

	/**
	 * Create a batch for the given model, setting the model on every request that names none.
	 * @param model the model name (a {@code models/} prefix is added when missing)
	 * @param requests the requests
	 * @return the batch
	 */
	public static BatchEmbedContentsRequest of(String model, List<EmbedContentRequest> requests) {
		return new BatchEmbedContentsRequest(requests.stream()
			.map((request) -> (request.model() != null) ? request : request.withModel(model))
			.toList());
	}

	/**
	 * Create a batch that embeds each text with the given model.
	 * @param model the model name (a {@code models/} prefix is added when missing)
	 * @param texts the texts
	 * @return the batch
	 */
	public static BatchEmbedContentsRequest ofTexts(String model, List<String> texts) {
		return of(model, texts.stream().map(EmbedContentRequest::of).toList());
	}

}
