package io.github.geminicomet;

/**
 * The HTTP version a {@link GeminiTemplate} speaks to the gateway.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public enum HttpVersion {

	/**
	 * HTTP/1.1, the default: one connection per call in flight (a stream holds its connection until it ends).
	 */
	HTTP_1_1,

	/**
	 * HTTP/2 over TLS, agreed through ALPN, falling back to HTTP/1.1 when the server does not offer it: calls
	 * are multiplexed as streams over a few connections, and cancelling one resets only its own stream. Needs
	 * an {@code https} base URL.
	 */
	H2,

	/**
	 * HTTP/2 over plain TCP without upgrade (prior knowledge), for gateways on a trusted network and for
	 * tests. Needs an {@code http} base URL.
	 */
	H2C

}
