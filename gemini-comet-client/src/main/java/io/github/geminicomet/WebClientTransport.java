package io.github.geminicomet;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link GeminiTransport} through a {@link WebClient}, so that its filters and its
 * {@code http.client.requests} observation see every call.
 */
final class WebClientTransport implements GeminiTransport {

	private final WebClient webClient;

	WebClientTransport(WebClient webClient) {
		this.webClient = webClient;
	}

	@Override
	public <T> Mono<T> exchange(HttpMethod method, URI uri, byte @Nullable [] body,
			ResponseHandler<Mono<T>> handler) {
		WebClient.RequestBodySpec spec = this.webClient.method(method).uri(uri).accept(MediaType.APPLICATION_JSON);
		WebClient.RequestHeadersSpec<?> request = (body != null)
				? spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : spec;
		return request.exchangeToMono((response) -> handle(response, handler));
	}

	@Override
	public <T> Flux<T> stream(URI uri, byte[] body, ResponseHandler<Flux<T>> handler) {
		return this.webClient.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body)
			.exchangeToFlux((response) -> handle(response, handler));
	}

	@Override
	public <T> Flux<T> send(HttpMethod method, URI uri, HttpHeaders headers, @Nullable Publisher<DataBuffer> body,
			HeadersResponseHandler<Flux<T>> handler) {
		WebClient.RequestBodySpec spec = this.webClient.method(method).uri(uri).headers((all) -> all.addAll(headers));
		WebClient.RequestHeadersSpec<?> request = (body != null) ? spec.body(BodyInserters.fromDataBuffers(body)) : spec;
		return request.exchangeToFlux((response) -> handler.handle(response.statusCode(),
				response.headers().asHttpHeaders(), response.body(BodyExtractors.toDataBuffers())));
	}

	private static <P> P handle(ClientResponse response, ResponseHandler<P> handler) {
		return handler.handle(response.statusCode(),
				response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER),
				response.body(BodyExtractors.toDataBuffers()));
	}

}
