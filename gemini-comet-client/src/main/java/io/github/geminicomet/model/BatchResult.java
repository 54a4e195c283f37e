package io.github.geminicomet.model;

import org.jspecify.annotations.Nullable;

/**
 * The result of one request of a batch: the caller's key and either the response or the error.
 *
 * <p>It lives beside {@link GeminiError}, the error type it carries, rather than in the wire model
 * package, which must not depend on this package.
 *
 * @param key the key given with the request ({@link io.github.geminicomet.model.BatchRequest#key()}); for
 * inline results without a key, the request's index
 * @param response the response, when the request succeeded
 * @param error the error, when it failed
 * @author gemini-comet
 * @since 0.2.0
 */
public record BatchResult(String key, @Nullable GenerateContentResponse response, @Nullable GeminiError error) {

	/**
	 * Return whether the request was answered.
	 * @return whether there is a response and no error
	 */
	public boolean isSuccess() {
		return this.response != null && this.error == null;
	}

}
