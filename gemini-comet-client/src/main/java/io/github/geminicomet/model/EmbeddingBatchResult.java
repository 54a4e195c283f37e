package io.github.geminicomet.model;

import org.jspecify.annotations.Nullable;

/**
 * The result of one request of an embedding batch: the caller's key and either the embedding or the
 * error.
 *
 * @param key the key given with the request ({@link EmbedBatchRequest#key()}); for inline results without
 * a key, the request's index
 * @param embedding the embedding, when the request succeeded
 * @param error the error, when it failed
 * @author gemini-comet
 * @since 0.2.0
 */
public record EmbeddingBatchResult(String key, @Nullable ContentEmbedding embedding, @Nullable GeminiError error) {

	/**
	 * Return whether the request was answered.
	 * @return whether there is an embedding and no error
	 */
	public boolean isSuccess() {
		return this.embedding != null && this.error == null;
	}

}
