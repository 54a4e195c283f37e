package io.github.geminicomet.model;

/**
 * One request of an embedding batch ({@code asyncBatchEmbedContent}), with the caller's key that its
 * {@code EmbeddingBatchResult} carries back.
 *
 * @param key the caller's key, unique within the batch
 * @param request the request, such as {@code EmbedContentRequest.of("text")}; its {@code model}, when set,
 * must be the batch's model
 * @author gemini-comet
 * @since 0.2.0
 */
public record EmbedBatchRequest(String key, EmbedContentRequest request) {

	/**
	 * Create an embedding batch request, checking its parts.
	 */
	public EmbedBatchRequest {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("'key' must not be empty: each request of a batch needs a key");
		}
		if (request == null) {
			throw new IllegalArgumentException("'request' must not be null");
		}
	}

	/**
	 * Create an embedding batch request.
	 * @param key the caller's key, unique within the batch
	 * @param request the request
	 * @return the batch request
	 */
	public static EmbedBatchRequest of(String key, EmbedContentRequest request) {
		return new EmbedBatchRequest(key, request);
	}

}
