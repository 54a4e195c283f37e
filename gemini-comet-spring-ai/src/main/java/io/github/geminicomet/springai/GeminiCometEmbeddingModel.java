package io.github.geminicomet.springai;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.util.Assert;

import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.model.BatchEmbedContentsRequest;
import io.github.geminicomet.model.BatchEmbedContentsResponse;
import io.github.geminicomet.model.ContentEmbedding;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.TaskType;

/**
 * Spring AI {@link EmbeddingModel} over a reactive {@link GeminiOperations}: every text of a request is
 * embedded in one {@code batchEmbedContents} call, with the options' task type and output dimensionality.
 * {@link #call(EmbeddingRequest)} blocks the calling thread, as Spring AI's API requires;
 * {@link #callReactive(EmbeddingRequest)} does not.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public class GeminiCometEmbeddingModel implements EmbeddingModel {

	private final GeminiOperations gemini;

	private final GeminiCometEmbeddingOptions defaultOptions;

	/**
	 * Create an embedding model with {@link GeminiCometEmbeddingOptions#DEFAULT_MODEL}.
	 * @param gemini the operations to call Gemini with
	 */
	public GeminiCometEmbeddingModel(GeminiOperations gemini) {
		this(gemini, GeminiCometEmbeddingOptions.builder().build());
	}

	/**
	 * Create an embedding model.
	 * @param gemini the operations to call Gemini with
	 * @param defaultOptions the options of every call, under those of each request
	 */
	public GeminiCometEmbeddingModel(GeminiOperations gemini, GeminiCometEmbeddingOptions defaultOptions) {
		Assert.notNull(gemini, "'gemini' must not be null");
		Assert.notNull(defaultOptions, "'defaultOptions' must not be null");
		this.gemini = gemini;
		this.defaultOptions = defaultOptions;
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		EmbeddingResponse response = callReactive(request).block();
		Assert.state(response != null, "Gemini answered nothing");
		return response;
	}

	/**
	 * Embed the texts of the request without blocking, in one {@code batchEmbedContents} call.
	 * @param request the texts and options
	 * @return a {@code Mono} of the embeddings, in the order of the texts; cold
	 */
	public Mono<EmbeddingResponse> callReactive(EmbeddingRequest request) {
		Assert.notNull(request, "'request' must not be null");
		Assert.notEmpty(request.getInstructions(), "The embedding request has no text: give at least one");
		return Mono.defer(() -> {
			EmbeddingOptions options = request.getOptions();
			String model = firstNonNull((options != null) ? options.getModel() : null, this.defaultOptions.getModel(),
					GeminiCometEmbeddingOptions.DEFAULT_MODEL);
			Integer dimensions = firstNonNull((options != null) ? options.getDimensions() : null,
					this.defaultOptions.getDimensions(), null);
			TaskType taskType = firstNonNull(
					(options instanceof GeminiCometEmbeddingOptions gemini) ? gemini.getTaskType() : null,
					this.defaultOptions.getTaskType(), null);
			List<EmbedContentRequest> requests = new ArrayList<>();
			for (String text : request.getInstructions()) {
				EmbedContentRequest single = EmbedContentRequest.of(text);
				requests.add(new EmbedContentRequest(null, single.content(), taskType, null, dimensions));
			}
			return this.gemini.batchEmbedContents(model, BatchEmbedContentsRequest.of(model, requests))
				.map((response) -> toResponse(model, response, request.getInstructions().size()));
		});
	}

	@Override
	public float[] embed(Document document) {
		Assert.notNull(document, "'document' must not be null");
		String text = getEmbeddingContent(document);
		Assert.hasText(text, () -> "Document " + document.getId() + " has no text to embed");
		return embed(text);
	}

	@Override
	public int dimensions() {
		Integer dimensions = this.defaultOptions.getDimensions();
		return (dimensions != null) ? dimensions : EmbeddingModel.super.dimensions();
	}

	private static EmbeddingResponse toResponse(String model, BatchEmbedContentsResponse response, int expected) {
		List<ContentEmbedding> embeddings = (response.embeddings() != null) ? response.embeddings() : List.of();
		if (embeddings.size() != expected) {
			throw new IllegalStateException("Gemini returned " + embeddings.size() + " embeddings for " + expected
					+ " texts");
		}
		List<Embedding> results = new ArrayList<>(embeddings.size());
		for (int i = 0; i < embeddings.size(); i++) {
			List<Double> values = (embeddings.get(i).values() != null) ? embeddings.get(i).values() : List.of();
			float[] vector = new float[values.size()];
			for (int j = 0; j < vector.length; j++) {
				vector[j] = values.get(j).floatValue();
			}
			results.add(new Embedding(vector, i));
		}
		EmbeddingResponseMetadata metadata = new EmbeddingResponseMetadata();
		metadata.setModel(model);
		return new EmbeddingResponse(results, metadata);
	}

	@SuppressWarnings("NullAway")
	private static <T> T firstNonNull(@Nullable T first, @Nullable T second, @Nullable T third) {
		return (first != null) ? first : (second != null) ? second : third;
	}

}
