package io.github.geminicomet;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

/**
 * Decodes a unary answer: the whole body, joined within the in-memory limit, read as JSON once.
 */
final class JsonBodyDecoder {

	private final int maxInMemorySize;

	JsonBodyDecoder(int maxInMemorySize) {
		this.maxInMemorySize = maxInMemorySize;
	}

	<T> Mono<T> decode(Flux<DataBuffer> body, HttpStatusCode status, HttpMethod method, URI uri,
			BodyReader<T> reader) {
		return DataBufferUtils.join(body, this.maxInMemorySize)
			.map((buffer) -> {
				if (HtmlPages.beginsWithMarkup(buffer)) {
					String page = buffer.toString(StandardCharsets.UTF_8);
					DataBufferUtils.release(buffer);
					throw new GeminiMalformedResponseException(HtmlPages.answeredInsteadOfJson(status, page), method,
							uri, null);
				}
				return reader.read(buffer);
			})
			.switchIfEmpty(Mono.error(() -> new GeminiMalformedResponseException(
					"Gemini answered " + status.value() + " with an empty body", method, uri, null)));
	}

	/**
	 * Read and release an answer whose body nobody needs.
	 */
	static <T> Mono<T> discard(Flux<DataBuffer> body) {
		return body.doOnNext(DataBufferUtils::release).then(Mono.empty());
	}

}
