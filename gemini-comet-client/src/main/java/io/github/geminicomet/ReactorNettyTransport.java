package io.github.geminicomet;

import java.net.URI;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * {@link GeminiTransport} straight to the template's Reactor Netty {@code HttpClient}: the least work per
 * call. The request headers of each kind of call are fixed once here, so a call copies the client's
 * configuration only once.
 */
final class ReactorNettyTransport implements GeminiTransport {

	private final NettyDataBufferFactory bufferFactory = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

	/** For calls that take and give JSON. */
	private final HttpClient jsonClient;

	/** The same with a JSON body to send. */
	private final HttpClient jsonBodyClient;

	/** With the default headers only, for requests that set their own (uploads, downloads). */
	private final HttpClient plainClient;

	/** For streams of server-sent events. */
	private final HttpClient eventStreamClient;

	ReactorNettyTransport(HttpClient httpClient, HttpHeaders defaultHeaders) {
		HttpClient client = httpClient.headers((headers) -> {
			headers.set(HttpHeaderNames.USER_AGENT, GeminiUserAgent.VALUE);
			defaultHeaders.forEach(headers::set);
		});
		this.plainClient = client;
		this.jsonClient = client
			.headers((headers) -> headers.set(HttpHeaderNames.ACCEPT, MediaType.APPLICATION_JSON_VALUE));
		this.jsonBodyClient = this.jsonClient
			.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE));
		this.eventStreamClient = client.headers((headers) -> headers
			.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.set(HttpHeaderNames.ACCEPT, MediaType.TEXT_EVENT_STREAM_VALUE));
	}

	@Override
	public <T> Mono<T> exchange(HttpMethod method, URI uri, byte @Nullable [] body,
			ResponseHandler<Mono<T>> handler) {
		HttpClient.RequestSender sender = ((body != null) ? this.jsonBodyClient : this.jsonClient)
			.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
			.uri(uri);
		HttpClient.ResponseReceiver<?> receiver = (body != null)
				? sender.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body))) : sender;
		return receiver.response((response, content) -> handle(response, content, handler)).singleOrEmpty();
	}

	@Override
	public <T> Flux<T> stream(URI uri, byte[] body, ResponseHandler<Flux<T>> handler) {
		return this.eventStreamClient.post()
			.uri(uri)
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
			.response((response, content) -> handle(response, content, handler));
	}

	@Override
	public <T> Flux<T> send(HttpMethod method, URI uri, HttpHeaders headers, @Nullable Publisher<DataBuffer> body,
			HeadersResponseHandler<Flux<T>> handler) {
		HttpClient.RequestSender sender = this.plainClient.headers((nettyHeaders) -> headers.forEach(nettyHeaders::set))
			.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
			.uri(uri);
		HttpClient.ResponseReceiver<?> receiver = (body != null)
				? sender.send(Flux.from(body).map(NettyDataBufferFactory::toByteBuf)) : sender;
		return receiver.response((response, content) -> {
			HttpHeaders responseHeaders = new HttpHeaders();
			response.responseHeaders().forEach((entry) -> responseHeaders.add(entry.getKey(), entry.getValue()));
			return handler.handle(HttpStatusCode.valueOf(response.status().code()), responseHeaders,
					dataBuffers(content));
		});
	}

	private <P> P handle(HttpClientResponse response, ByteBufFlux content, ResponseHandler<P> handler) {
		return handler.handle(HttpStatusCode.valueOf(response.status().code()),
				response.responseHeaders().get(HttpHeaders.RETRY_AFTER), dataBuffers(content));
	}

	/**
	 * A response body as data buffers, each holding a reference of its own for its reader to release:
	 * Reactor Netty releases its reference once the buffer is handed on, and the rest of a body nobody
	 * reads when the exchange ends. Cancelling the body closes the connection.
	 */
	private Flux<DataBuffer> dataBuffers(ByteBufFlux body) {
		return body.map((buffer) -> this.bufferFactory.wrap(buffer.retain()));
	}

}
