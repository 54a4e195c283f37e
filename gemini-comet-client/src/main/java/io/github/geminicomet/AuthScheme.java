package io.github.geminicomet;

/**
 * How the API key is sent to the gateway. The key is only ever sent in a header, never in a URL.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public enum AuthScheme {

	/**
	 * {@code x-goog-api-key: <key>}, as Google's own clients send it.
	 */
	API_KEY_HEADER,

	/**
	 * {@code Authorization: Bearer <key>}.
	 */
	BEARER

}
