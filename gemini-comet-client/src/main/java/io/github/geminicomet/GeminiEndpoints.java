package io.github.geminicomet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;

import io.github.geminicomet.model.BatchEmbedContentsRequest;
import io.github.geminicomet.model.BatchEmbedContentsResponse;
import io.github.geminicomet.model.CountTokensRequest;
import io.github.geminicomet.model.CountTokensResponse;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbedContentResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.ListModelsResponse;
import io.github.geminicomet.model.Model;
import io.github.geminicomet.observation.GeminiObservationContext;

/**
 * The model, token and embedding endpoints: their paths and bodies, on the template's {@link GeminiApi}.
 */
final class GeminiEndpoints {

	private final GeminiApi api;

	GeminiEndpoints(GeminiApi api) {
		this.api = api;
	}

	Mono<CountTokensResponse> countTokens(String model, GenerateContentRequest request) {
		Assert.notNull(request, "'request' must not be null");
		return this.api.observedCall(GeminiObservationContext.COUNT_TOKENS, model, request, HttpMethod.POST,
				"models/" + model + ":countTokens", CountTokensRequest.of(model, request), CountTokensResponse.class);
	}

	Mono<Model> getModel(String model) {
		return this.api.call(HttpMethod.GET, "models/" + model, null, Model.class);
	}

	Flux<Model> listModels() {
		return this.api.paged("models", ListModelsResponse.class, ListModelsResponse::models,
				ListModelsResponse::nextPageToken);
	}

	Mono<EmbedContentResponse> embedContent(String model, EmbedContentRequest request) {
		Assert.notNull(request, "'request' must not be null");
		EmbedContentRequest body = (request.model() != null) ? request : request.withModel(model);
		return this.api.observedCall(GeminiObservationContext.EMBEDDINGS, model, null, HttpMethod.POST,
				"models/" + model + ":embedContent", body, EmbedContentResponse.class);
	}

	Mono<BatchEmbedContentsResponse> batchEmbedContents(String model, BatchEmbedContentsRequest request) {
		Assert.notNull(request, "'request' must not be null");
		Assert.notEmpty(request.requests(), "'request' must hold at least one request");
		BatchEmbedContentsRequest body = BatchEmbedContentsRequest.of(model, request.requests());
		return this.api.observedCall(GeminiObservationContext.EMBEDDINGS, model, null, HttpMethod.POST,
				"models/" + model + ":batchEmbedContents", body, BatchEmbedContentsResponse.class);
	}

}
