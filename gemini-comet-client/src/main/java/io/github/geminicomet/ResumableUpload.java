package io.github.geminicomet;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;

import io.github.geminicomet.FileOperations.UploadProgress;
import io.github.geminicomet.model.GeminiFile;

/**
 * Google's resumable upload protocol on the template's {@link GeminiExchange}: a {@code start} command
 * (retried like any call: an unused session costs nothing), then each chunk with {@code upload} (the last
 * with {@code upload, finalize}), never retried blindly: after a failure the server is asked how much it
 * has ({@code query}) and the chunk is resumed from there.
 */
final class ResumableUpload {

	static final String PROTOCOL = "X-Goog-Upload-Protocol";

	static final String COMMAND = "X-Goog-Upload-Command";

	static final String OFFSET = "X-Goog-Upload-Offset";

	static final String STATUS = "X-Goog-Upload-Status";

	static final String UPLOAD_URL = "X-Goog-Upload-URL";

	static final String GRANULARITY = "X-Goog-Upload-Chunk-Granularity";

	static final String SIZE_RECEIVED = "X-Goog-Upload-Size-Received";

	/** The chunk size when the server advertises no granularity (Google's own granularity). */
	static final int DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

	private static final int MAX_CHUNK_SIZE = 64 * 1024 * 1024;

	private final GeminiExchange exchange;

	private final JsonMapper jsonMapper;

	private final ObjectReader fileReader;

	private final URI startUri;

	private final URI baseUri;

	private final RetrySettings retrySettings;

	private final int maxInMemorySize;

	/**
	 * @param startUri where uploads start ({@code {base}/upload/{version}/files})
	 * @param baseUri the template's base URL, whose scheme, host and port replace the upload URL's
	 */
	ResumableUpload(GeminiExchange exchange, JsonMapper jsonMapper, URI startUri, URI baseUri,
			RetrySettings retrySettings, int maxInMemorySize) {
		this.exchange = exchange;
		this.jsonMapper = jsonMapper;
		this.fileReader = jsonMapper.readerFor(FileEnvelope.class);
		this.startUri = startUri;
		this.baseUri = baseUri;
		this.retrySettings = retrySettings;
		this.maxInMemorySize = maxInMemorySize;
	}

	Mono<GeminiFile> upload(Flux<DataBuffer> content, long size, String mimeType, @Nullable String displayName,
			@Nullable Consumer<UploadProgress> progress) {
		return start(size, mimeType, displayName).flatMap((session) -> UploadChunks
			.of(content, size, session.chunkSize())
			.concatMap((chunk) -> send(session, chunk, chunk.start(), 1)
				.doOnNext((sent) -> notify(progress, chunk.end(), size)), 1)
			.mapNotNull(Sent::file)
			.last()
			.onErrorMap(java.util.NoSuchElementException.class,
					(ex) -> new GeminiMalformedResponseException("The upload was finalized without a file in the answer",
							HttpMethod.POST, session.uri(), ex)));
	}

	private Mono<Session> start(long size, String mimeType, @Nullable String displayName) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(PROTOCOL, "resumable");
		headers.set(COMMAND, "start");
		headers.set("X-Goog-Upload-Header-Content-Length", Long.toString(size));
		headers.set("X-Goog-Upload-Header-Content-Type", mimeType);
		headers.setContentType(MediaType.APPLICATION_JSON);
		Map<String, Object> file = new LinkedHashMap<>();
		if (StringUtils.hasText(displayName)) {
			file.put("displayName", displayName);
		}
		byte[] body = this.jsonMapper.writeValueAsBytes(Map.of("file", file));
		headers.setContentLength(body.length);
		return this.exchange.send(HttpMethod.POST, this.startUri, headers, () -> Mono.just(wrap(body, 0, body.length)),
				(answer, content) -> JsonBodyDecoder.<Session>discard(content).then(Mono.fromCallable(() -> session(answer))),
				true);
	}

	private Session session(HttpHeaders answer) {
		String url = answer.getFirst(UPLOAD_URL);
		if (!StringUtils.hasText(url)) {
			throw new GeminiMalformedResponseException("The start of the upload was answered without an "
					+ UPLOAD_URL + " header: does this base URL serve the Files API?", HttpMethod.POST, this.startUri,
					null);
		}
		return new Session(rewrite(URI.create(url)), chunkSize(answer.getFirst(GRANULARITY)));
	}

	/**
	 * The upload URL on the template's base URL: Google answers with its own host, which a gateway in
	 * between must keep seeing.
	 */
	URI rewrite(URI uploadUrl) {
		String basePath = StringUtils.trimTrailingCharacter(
				(this.baseUri.getRawPath() != null) ? this.baseUri.getRawPath() : "", '/');
		String path = (uploadUrl.getRawPath() != null) ? uploadUrl.getRawPath() : "";
		if (!basePath.isEmpty() && !path.startsWith(basePath + "/")) {
			path = basePath + path;
		}
		String query = uploadUrl.getRawQuery();
		return URI.create(this.baseUri.getScheme() + "://" + this.baseUri.getRawAuthority() + path
				+ ((query != null) ? "?" + query : ""));
	}

	static int chunkSize(@Nullable String granularity) {
		if (!StringUtils.hasText(granularity)) {
			return DEFAULT_CHUNK_SIZE;
		}
		try {
			long value = Long.parseLong(granularity.trim());
			return (value > 0 && value <= MAX_CHUNK_SIZE) ? (int) value : DEFAULT_CHUNK_SIZE;
		}
		catch (NumberFormatException ex) {
			return DEFAULT_CHUNK_SIZE;
		}
	}

	/**
	 * Send a chunk from {@code offset} (its start, or where the server stopped), resuming after a failure.
	 */
	private Mono<Sent> send(Session session, UploadChunks.Chunk chunk, long offset, int attempt) {
		int skip = (int) (offset - chunk.start());
		int length = chunk.length() - skip;
		HttpHeaders headers = new HttpHeaders();
		headers.set(COMMAND, chunk.last() ? "upload, finalize" : "upload");
		headers.set(OFFSET, Long.toString(offset));
		headers.setContentLength(length);
		return this.exchange
			.send(HttpMethod.POST, session.uri(), headers, () -> chunk.content(skip),
					(answer, content) -> read(answer, content, chunk.last()), false)
			.onErrorResume((ex) -> CallPipeline.isRetryable(ex) && attempt < this.retrySettings.maxAttempts(),
					(ex) -> Mono.delay(backoff(attempt))
						.then(query(session))
						.flatMap((state) -> resume(session, chunk, state, attempt, ex)));
	}

	private Mono<Sent> resume(Session session, UploadChunks.Chunk chunk, Sent state, int attempt, Throwable failure) {
		if (state.file() != null) {
			return Mono.just(state);
		}
		long received = state.received();
		if (received < chunk.start() || received > chunk.end()) {
			failure.addSuppressed(new IllegalStateException("Server has " + received + " bytes"));
			return Mono.error(new GeminiMalformedResponseException("The upload cannot resume: the server has "
					+ received + " bytes, outside the failed chunk [" + chunk.start() + ", " + chunk.end() + ")",
					HttpMethod.POST, session.uri(), failure));
		}
		if (received == chunk.end() && !chunk.last()) {
			return Mono.just(state);
		}
		return send(session, chunk, received, attempt + 1);
	}

	private Mono<Sent> query(Session session) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(COMMAND, "query");
		headers.setContentLength(0);
		return this.exchange.send(HttpMethod.POST, session.uri(), headers, () -> null,
				(answer, content) -> read(answer, content, true), true);
	}

	/** Read a chunk's or query's answer: the bytes the server has, and the file once finalized. */
	private Mono<Sent> read(HttpHeaders answer, Flux<DataBuffer> content, boolean mayHoldFile) {
		long received = parseLong(answer.getFirst(SIZE_RECEIVED));
		String status = answer.getFirst(STATUS);
		boolean isFinal = status != null && status.toLowerCase(Locale.ROOT).equals("final");
		if (!mayHoldFile || !isFinal) {
			return JsonBodyDecoder.<Sent>discard(content).then(Mono.just(new Sent(received, null)));
		}
		return DataBufferUtils.join(content, this.maxInMemorySize)
			.map((buffer) -> new Sent(received, parseFile(buffer)))
			.defaultIfEmpty(new Sent(received, null));
	}

	private @Nullable GeminiFile parseFile(DataBuffer buffer) {
		return BodyReader.<FileEnvelope>json(this.fileReader).read(buffer).file();
	}

	private Duration backoff(int attempt) {
		Duration delay = this.retrySettings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
		return (delay.compareTo(this.retrySettings.maxBackoff()) > 0) ? this.retrySettings.maxBackoff() : delay;
	}

	private static void notify(@Nullable Consumer<UploadProgress> progress, long uploaded, long size) {
		if (progress != null) {
			progress.accept(new UploadProgress(uploaded, size));
		}
	}

	private static long parseLong(@Nullable String value) {
		try {
			return (value != null) ? Long.parseLong(value.trim()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static DataBuffer wrap(byte[] bytes, int offset, int length) {
		return DefaultDataBufferFactory.sharedInstance.wrap(ByteBuffer.wrap(bytes, offset, length).slice());
	}

	/** An upload session: its URL and chunk size. */
	record Session(URI uri, int chunkSize) {

	}

	/** What the server has after a chunk or a query: its byte count, and the file once finalized. */
	record Sent(long received, @Nullable GeminiFile file) {

	}

	/** The answer to the finalizing chunk. */
	record FileEnvelope(@Nullable GeminiFile file) {

	}

}
