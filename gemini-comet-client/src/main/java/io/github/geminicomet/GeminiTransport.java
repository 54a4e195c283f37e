package io.github.geminicomet;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

/**
 * How a template's requests reach Gemini, chosen once when the template is built: straight to its
 * Reactor Netty client ({@link ReactorNettyTransport}) or through {@code WebClient}
 * ({@link WebClientTransport}). Sends one request and hands the response to a {@link ResponseHandler};
 * decoding, error mapping, retries and limits live above it, in {@link GeminiExchange}.
 */
interface GeminiTransport {

	/**
	 * Send a request that is answered with one JSON body.
	 * @param method the HTTP method
	 * @param uri the URI
	 * @param body the JSON body, or {@code null} for none
	 * @param handler reads the response once its status line has arrived
	 * @param <T> the type of the answer
	 * @return the answer
	 */
	<T> Mono<T> exchange(HttpMethod method, URI uri, byte @Nullable [] body, ResponseHandler<Mono<T>> handler);

	/**
	 * POST a JSON body to a URI that answers with a stream of server-sent events.
	 * @param uri the URI
	 * @param body the JSON body
	 * @param handler reads the response once its status line has arrived
	 * @param <T> the type of the events
	 * @return the events
	 */
	<T> Flux<T> stream(URI uri, byte[] body, ResponseHandler<Flux<T>> handler);

	/**
	 * Send a request with headers of its own and a body streamed from a publisher (the commands of a
	 * resumable upload, the download of a file), and read the response with all its headers.
	 * @param method the HTTP method
	 * @param uri the URI
	 * @param headers the request headers, added to the template's default headers
	 * @param body the body, or {@code null} for none
	 * @param handler reads the response once its status line has arrived
	 * @param <T> the type of what is read
	 * @return what the handler read
	 */
	<T> Flux<T> send(HttpMethod method, URI uri, HttpHeaders headers, @Nullable Publisher<DataBuffer> body,
			HeadersResponseHandler<Flux<T>> handler);

	/**
	 * Reads a response: its status, its {@code Retry-After} header and its body, as data buffers that the
	 * handler releases (cancelling the body closes the connection).
	 *
	 * @param <P> the publisher of what is read
	 */
	@FunctionalInterface
	interface ResponseHandler<P> {

		P handle(HttpStatusCode status, @Nullable String retryAfter, Flux<DataBuffer> body);

	}

	/**
	 * Reads a response with all its headers (the upload protocol answers in headers).
	 *
	 * @param <P> the publisher of what is read
	 */
	@FunctionalInterface
	interface HeadersResponseHandler<P> {

		P handle(HttpStatusCode status, HttpHeaders headers, Flux<DataBuffer> body);

	}

}
