package io.github.geminicomet.benchmarks;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;

import io.github.geminicomet.GeminiTemplate;

/**
 * A Gemini in memory for the template: a {@link ClientHttpConnector} that answers a streaming call with
 * the given chunks (one read each) and a unary call with the given body, without a network.
 */
final class InMemoryGemini {

	private InMemoryGemini() {
	}

	/** A template over an in-memory connector answering with these chunks and this body. */
	static GeminiTemplate template(List<byte[]> streamChunks, byte[] unaryBody) {
		return GeminiTemplate.builder()
			.apiKey("bench")
			.baseUrl("http://127.0.0.1:9")
			.connector(connector(streamChunks, unaryBody))
			.build();
	}

	static ClientHttpConnector connector(List<byte[]> streamChunks, byte[] unaryBody) {
		return (method, uri, requestCallback) -> {
			MockClientHttpRequest request = new MockClientHttpRequest(method, URI.create(uri.toString()));
			return requestCallback.apply(request).then(Mono.fromSupplier(() -> {
				MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
				if (uri.getPath().endsWith(":streamGenerateContent")) {
					response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
					response.setBody(Flux.fromIterable(streamChunks).map(DefaultDataBufferFactory.sharedInstance::wrap));
				}
				else {
					response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
					response.setBody(Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(unaryBody)));
				}
				return response;
			}));
		};
	}

}
