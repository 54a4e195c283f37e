package io.github.geminicomet.model;

/**
 * One request of a batch, with the caller's key that its {@code BatchResult} carries back.
 *
 * @param key the caller's key, unique within the batch
 * @param request the request
 * @author gemini-comet
 * @since 0.2.0
 */
public record BatchRequest(String key, GenerateContentRequest request) {

	/**
	 * Create a batch request, checking its parts.
	 */
	public BatchRequest {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("'key' must not be empty: each request of a batch needs a key");
		}
		if (request == null) {
			throw new IllegalArgumentException("'request' must not be null");
		}
	}

	/**
	 * Create a batch request.
	 * @param key the caller's key, unique within the batch
	 * @param request the request
	 * @return the batch request
	 */
	public static BatchRequest of(String key, GenerateContentRequest request) {
		return new BatchRequest(key, request);
	}

}
