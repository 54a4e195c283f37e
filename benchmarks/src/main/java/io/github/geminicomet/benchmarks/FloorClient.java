package io.github.geminicomet.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;

/**
 * The practical floors: a raw Reactor Netty {@link HttpClient} and Jackson, with the same pool sizing as
 * the template, SSE framed minimally off the {@link ByteBuf}s, and nothing else (no retries, timeouts,
 * error mapping or observation). The two floors differ only in how they read an answer:
 * {@code floor-model} binds every event into the project's wire model ({@link GenerateContentResponse}),
 * {@code floor-lean} reads only what a caller of {@code text()} needs ({@link LeanStreamingReader}).
 *
 * @param <T> what an answer or stream event is read into
 */
final class FloorClient<T> implements BenchClient {

	private static final GenerateContentRequest REQUEST = GenerateContentRequest.of(PROMPT);

	private final ConnectionProvider provider;

	private final HttpClient client;

	private final String modelsUrl;

	private final EventReader<T> reader;

	private final Function<T, String> text;

	private final ObjectWriter writer;

	FloorClient(String baseUrl, String name, EventReader<T> reader, Function<T, String> text) {
		this.provider = provider(name);
		this.reader = reader;
		this.text = text;
		this.writer = JsonMapper.builder().build().writerFor(GenerateContentRequest.class);
		this.modelsUrl = baseUrl + "/v1beta/models/";
		this.client = secure(HttpClient.create(this.provider)
			.headers((headers) -> headers.set("x-goog-api-key", API_KEY)
				.set(HttpHeaderNames.CONTENT_TYPE, "application/json")));
	}

	/** The template's pool sizing, for HTTP/2 its multiplexing too. */
	private static ConnectionProvider provider(String name) {
		ConnectionProvider.Builder builder = ConnectionProvider.builder(name)
			.maxConnections(10_000)
			.pendingAcquireMaxCount(10_000)
			.pendingAcquireTimeout(Duration.ofSeconds(45))
			.maxIdleTime(Duration.ofSeconds(30));
		if (BenchTls.h2()) {
			builder.allocationStrategy(
					Http2AllocationStrategy.builder().maxConnections(100).minConnections(1).strictConnectionReuse(true).build());
		}
		return builder.build();
	}

	/** Over TLS: trust the run's certificate, with its TLS implementation and HTTP version. */
	private static HttpClient secure(HttpClient client) {
		if (!BenchTls.enabled()) {
			return client;
		}
		if (BenchTls.h2()) {
			return client.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
				.secure((spec) -> spec.sslContext(Http2SslContextSpec.forClient().configure(BenchTls::configureClient)));
		}
		return client.secure((spec) -> spec.sslContext(Http11SslContextSpec.forClient().configure(BenchTls::configureClient)));
	}

	/** The floor that binds every event into the project's wire model. */
	static FloorClient<GenerateContentResponse> model(String baseUrl) {
		return new FloorClient<>(baseUrl, "floor-model", modelReader(), GenerateContentResponse::text);
	}

	/** The floor that reads only what a caller of {@code text()} needs. */
	static FloorClient<LeanResponse> lean(String baseUrl) {
		return new FloorClient<>(baseUrl, "floor-lean", new LeanStreamingReader(), LeanResponse::text);
	}

	/** Jackson databinding into {@link GenerateContentResponse}, unknown fields ignored. */
	static EventReader<GenerateContentResponse> modelReader() {
		ObjectReader reader = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build()
			.readerFor(GenerateContentResponse.class);
		return (bytes, offset, length) -> reader.readValue(bytes, offset, length);
	}

	@Override
	public Mono<String> unary(String model) {
		return this.client.post()
			.uri(this.modelsUrl + model + ":generateContent")
			.send(Mono.fromSupplier(this::body))
			.responseSingle((response, body) -> {
				if (response.status().code() != 200) {
					return Mono.error(new IllegalStateException("HTTP " + response.status()));
				}
				return body.asByteArray().map((bytes) -> this.text.apply(this.reader.read(bytes, 0, bytes.length)));
			});
	}

	@Override
	public Flux<String> stream(String model) {
		return Flux.defer(() -> {
			SseFramer<T> framer = new SseFramer<>(this.reader);
			return this.client.post()
				.uri(this.modelsUrl + model + ":streamGenerateContent?alt=sse")
				.send(Mono.fromSupplier(this::body))
				.response((response, body) -> (response.status().code() != 200)
						? Flux.error(new IllegalStateException("HTTP " + response.status()))
						: body.map(framer::feed).concatMapIterable((events) -> events));
		}).map(this.text);
	}

	private ByteBuf body() {
		return Unpooled.wrappedBuffer(this.writer.writeValueAsBytes(REQUEST));
	}

	@Override
	public void close() {
		this.provider.disposeLater().block(Duration.ofSeconds(10));
	}

	/**
	 * Reads one answer or stream event from its JSON bytes.
	 *
	 * @param <T> what the answer is read into
	 */
	@FunctionalInterface
	interface EventReader<T> {

		T read(byte[] bytes, int offset, int length);

	}

	/**
	 * Minimal SSE framing: lines end in LF or CRLF; {@code data:} lines are joined; a blank line ends an
	 * event, parsed once from the bytes.
	 *
	 * @param <T> what an event is read into
	 */
	static final class SseFramer<T> {

		private final EventReader<T> reader;

		private byte[] pending = new byte[8192];

		private int pendingLength;

		private byte[] data = new byte[8192];

		private int dataLength;

		SseFramer(EventReader<T> reader) {
			this.reader = reader;
		}

		List<T> feed(ByteBuf buffer) {
			int count = buffer.readableBytes();
			if (this.pendingLength + count > this.pending.length) {
				byte[] grown = new byte[Math.max(this.pending.length * 2, this.pendingLength + count)];
				System.arraycopy(this.pending, 0, grown, 0, this.pendingLength);
				this.pending = grown;
			}
			buffer.readBytes(this.pending, this.pendingLength, count);
			int end = this.pendingLength + count;
			int lineStart = 0;
			List<T> events = List.of();
			for (int i = this.pendingLength; i < end; i++) {
				if (this.pending[i] == '\n') {
					int lineEnd = (i > lineStart && this.pending[i - 1] == '\r') ? i - 1 : i;
					if (lineEnd == lineStart) {
						if (this.dataLength > 0) {
							if (events.isEmpty()) {
								events = new ArrayList<>(2);
							}
							events.add(this.reader.read(this.data, 0, this.dataLength));
							this.dataLength = 0;
						}
					}
					else if (lineEnd - lineStart > 5 && this.pending[lineStart] == 'd'
							&& this.pending[lineStart + 4] == ':') {
						int valueStart = lineStart + ((this.pending[lineStart + 5] == ' ') ? 6 : 5);
						appendData(valueStart, lineEnd - valueStart);
					}
					lineStart = i + 1;
				}
			}
			this.pendingLength = end - lineStart;
			System.arraycopy(this.pending, lineStart, this.pending, 0, this.pendingLength);
			return events;
		}

		private void appendData(int offset, int length) {
			int required = this.dataLength + length + 1;
			if (required > this.data.length) {
				byte[] grown = new byte[Math.max(this.data.length * 2, required)];
				System.arraycopy(this.data, 0, grown, 0, this.dataLength);
				this.data = grown;
			}
			if (this.dataLength > 0) {
				this.data[this.dataLength++] = '\n';
			}
			System.arraycopy(this.pending, offset, this.data, this.dataLength, length);
			this.dataLength += length;
		}

	}

}
