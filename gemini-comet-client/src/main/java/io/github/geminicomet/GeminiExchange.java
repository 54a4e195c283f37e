package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectReader;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import io.github.geminicomet.model.GenerateContentResponse;

/**
 * One call to Gemini over the {@link GeminiTransport}: each attempt sends the request, decodes the answer
 * (or the error it carries) and maps failures; the {@link CallPipeline} limits and retries the attempts.
 */
final class GeminiExchange {

	private final GeminiTransport transport;

	private final CallPipeline pipeline;

	private final JsonBodyDecoder bodyDecoder;

	private final GeminiEventStreamDecoder streamDecoder;

	private final GeminiErrorDecoder errorDecoder;

	private final FailureTranslator failures;

	private final @Nullable Duration firstByteTimeout;

	GeminiExchange(GeminiTransport transport, CallPipeline pipeline, JsonBodyDecoder bodyDecoder,
			GeminiEventStreamDecoder streamDecoder, GeminiErrorDecoder errorDecoder, FailureTranslator failures,
			@Nullable Duration firstByteTimeout) {
		this.transport = transport;
		this.pipeline = pipeline;
		this.bodyDecoder = bodyDecoder;
		this.streamDecoder = streamDecoder;
		this.errorDecoder = errorDecoder;
		this.failures = failures;
		this.firstByteTimeout = firstByteTimeout;
	}

	/**
	 * A unary call: send the body (JSON, written anew for each attempt; {@code null} for none) and read
	 * the answer with the reader ({@code null} to ignore it), with limits, retries and the call timeout.
	 */
	<T> Mono<T> unary(HttpMethod method, URI uri, Supplier<byte @Nullable []> body, @Nullable ObjectReader reader) {
		BodyReader<T> bodyReader = json(reader);
		return this.pipeline.unary((bytes) -> attempt(method, uri, bytes, bodyReader), body, method, uri);
	}

	/**
	 * {@link #unary(HttpMethod, URI, Supplier, ObjectReader)} of a generate call whose quota reservation
	 * is the tokens {@code count} reports ({@code null} for the size estimate).
	 */
	<T> Mono<T> unary(HttpMethod method, URI uri, Supplier<byte @Nullable []> body, BodyReader<T> reader,
			@Nullable Mono<QuotaGate.TokenCount> count) {
		return this.pipeline.unary((bytes) -> attempt(method, uri, bytes, reader), body, count, method, uri);
	}

	/**
	 * One attempt outside the pipeline: no concurrency limit, quota, retry or call timeout. For the
	 * quota's own {@code countTokens}, sent on behalf of a call that already holds its place.
	 */
	<T> Mono<T> unlimited(HttpMethod method, URI uri, byte[] body, ObjectReader reader) {
		return attempt(method, uri, body, BodyReader.json(reader));
	}

	/**
	 * A unary call that is never retried, because repeating it could repeat its effect (creating a
	 * batch): limits and the call timeout only.
	 */
	<T> Mono<T> unaryOnce(HttpMethod method, URI uri, Supplier<byte @Nullable []> body, @Nullable ObjectReader reader) {
		BodyReader<T> bodyReader = json(reader);
		return this.pipeline.unaryOnce(Mono.defer(() -> attempt(method, uri, body.get(), bodyReader)), method, uri);
	}

	/**
	 * A unary call with headers of its own and a streamed body (created anew for each attempt), whose
	 * successful answer is read, headers included, by {@code reader}; retried only when {@code retry}.
	 */
	<T> Mono<T> send(HttpMethod method, URI uri, HttpHeaders headers, Supplier<@Nullable Publisher<DataBuffer>> body,
			BiFunction<HttpHeaders, Flux<DataBuffer>, Mono<T>> reader, boolean retry) {
		Mono<T> attempt = Mono.defer(() -> {
			boolean[] responded = new boolean[1];
			return this.transport.<T>send(method, uri, headers, body.get(), (status, responseHeaders, content) -> {
				responded[0] = true;
				return status.is2xxSuccessful() ? reader.apply(responseHeaders, content).flux()
						: this.errorDecoder.<T>decode(status, responseHeaders.getFirst(HttpHeaders.RETRY_AFTER), content,
								method, uri).flux();
			}).singleOrEmpty().onErrorMap((ex) -> this.failures.translate(ex, method, uri, -1, !responded[0]));
		});
		return retry ? this.pipeline.unary(attempt, method, uri) : this.pipeline.unaryOnce(attempt, method, uri);
	}

	/**
	 * The body of a GET as it arrives (a file's download), retried only before its first byte; cancelling
	 * it closes the exchange.
	 */
	Flux<DataBuffer> download(URI uri) {
		HttpMethod method = HttpMethod.GET;
		return this.pipeline.stream(Flux.defer(() -> {
			boolean[] responded = new boolean[1];
			return this.transport.<DataBuffer>send(method, uri, HttpHeaders.EMPTY, null, (status, headers, content) -> {
				responded[0] = true;
				return status.is2xxSuccessful() ? content
						: this.errorDecoder.<DataBuffer>decode(status, headers.getFirst(HttpHeaders.RETRY_AFTER), content,
								method, uri).flux();
			}).onErrorMap((ex) -> this.failures.translate(ex, method, uri, -1, !responded[0]));
		}), method, uri);
	}

	/**
	 * A stream of server-sent events: POST the body (written anew for each attempt), with limits and
	 * retries before the first event, its quota reservation the tokens {@code count} reports ({@code null}
	 * for the size estimate).
	 */
	Flux<GenerateContentResponse> stream(URI uri, Supplier<byte[]> body, @Nullable Mono<QuotaGate.TokenCount> count) {
		return this.pipeline.stream((bytes) -> streamAttempt(uri, bytes), body, count, HttpMethod.POST, uri);
	}

	private static <T> @Nullable BodyReader<T> json(@Nullable ObjectReader reader) {
		return (reader != null) ? BodyReader.json(reader) : null;
	}

	private <T> Mono<T> attempt(HttpMethod method, URI uri, byte @Nullable [] body, @Nullable BodyReader<T> reader) {
		// whether the status line arrived: a failure before it (but a read timeout) may not have reached Gemini
		boolean[] responded = new boolean[1];
		return this.transport.<T>exchange(method, uri, body, (status, retryAfter, content) -> {
			responded[0] = true;
			if (!status.is2xxSuccessful()) {
				return this.errorDecoder.decode(status, retryAfter, content, method, uri);
			}
			return (reader != null) ? this.bodyDecoder.decode(content, status, method, uri, reader)
					: JsonBodyDecoder.discard(content);
		}).onErrorMap((ex) -> this.failures.translate(ex, method, uri, -1, !responded[0]));
	}

	private Flux<GenerateContentResponse> streamAttempt(URI uri, byte[] body) {
		StreamState state = new StreamState(uri);
		Flux<GenerateContentResponse> events = this.transport.stream(uri, body, (status, retryAfter, content) -> {
			state.responded();
			return status.is2xxSuccessful()
					? this.streamDecoder.decode(content, state, status)
					: this.errorDecoder.<GenerateContentResponse>decode(status, retryAfter, content, HttpMethod.POST, uri)
						.flux();
		});
		if (this.firstByteTimeout != null) {
			events = events.timeout(Mono.delay(this.firstByteTimeout), (event) -> Mono.never());
		}
		return events.onErrorMap(
				(ex) -> this.failures.translate(ex, HttpMethod.POST, uri, state.events(), !state.hasResponded()));
	}

}
