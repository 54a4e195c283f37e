package io.github.geminicomet;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;

import io.github.geminicomet.model.GeminiFile;
import io.github.geminicomet.model.ListFilesResponse;

/**
 * Default {@link FileOperations}: the {@code files} paths on the template's {@link GeminiApi}, uploads
 * through {@link ResumableUpload}, observed as {@value #UPLOAD_FILE}.
 */
final class DefaultFileOperations implements FileOperations {

	/** The {@code gen_ai.operation.name} of an upload. */
	static final String UPLOAD_FILE = "upload_file";

	private static final String FILES = "files/";

	private static final int READ_BUFFER_SIZE = 64 * 1024;

	private static final int PAGE_SIZE = 100;

	private static final Duration DEFAULT_ACTIVE_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration FIRST_POLL_DELAY = Duration.ofSeconds(1);

	private static final Duration MAX_POLL_DELAY = Duration.ofSeconds(10);

	private final GeminiApi api;

	private final ResumableUpload resumableUpload;

	private final URI startUri;

	DefaultFileOperations(GeminiApi api, ResumableUpload resumableUpload, URI startUri) {
		this.api = api;
		this.resumableUpload = resumableUpload;
		this.startUri = startUri;
	}

	@Override
	public Mono<GeminiFile> upload(Path path) {
		return uploadPath(path, null);
	}

	@Override
	public Mono<GeminiFile> upload(Path path, Consumer<UploadProgress> progress) {
		Assert.notNull(progress, "'progress' must not be null");
		return uploadPath(path, progress);
	}

	private Mono<GeminiFile> uploadPath(Path path, @Nullable Consumer<UploadProgress> progress) {
		Assert.notNull(path, "'path' must not be null");
		return Mono.fromCallable(() -> describe(path))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((file) -> observedUpload(read(path), file.size(), file.mimeType(), file.fileName(), progress));
	}

	@Override
	public Mono<GeminiFile> upload(Resource resource, String mimeType) {
		Assert.notNull(resource, "'resource' must not be null");
		Assert.hasText(mimeType, "'mimeType' must not be empty");
		return Mono.fromCallable(() -> contentOf(resource))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((source) -> observedUpload(source.content(), source.size(), mimeType, resource.getFilename(),
					null));
	}

	private static Source contentOf(Resource resource) throws IOException {
		if (resource.isFile()) {
			Path path = resource.getFile().toPath();
			return new Source(read(path), Files.size(path));
		}
		return new Source(DataBufferUtils.read(resource, DefaultDataBufferFactory.sharedInstance, READ_BUFFER_SIZE)
			.subscribeOn(Schedulers.boundedElastic()), resource.contentLength());
	}

	@Override
	public Mono<GeminiFile> upload(Flux<DataBuffer> content, long size, String mimeType,
			@Nullable String displayName) {
		return uploadContent(content, size, mimeType, displayName, null);
	}

	@Override
	public Mono<GeminiFile> upload(Flux<DataBuffer> content, long size, String mimeType, @Nullable String displayName,
			Consumer<UploadProgress> progress) {
		Assert.notNull(progress, "'progress' must not be null");
		return uploadContent(content, size, mimeType, displayName, progress);
	}

	private Mono<GeminiFile> uploadContent(Flux<DataBuffer> content, long size, String mimeType,
			@Nullable String displayName, @Nullable Consumer<UploadProgress> progress) {
		Assert.notNull(content, "'content' must not be null");
		Assert.hasText(mimeType, "'mimeType' must not be empty");
		checkSize(size, (displayName != null) ? "'" + displayName + "'" : "The content");
		return observedUpload(content, size, mimeType, displayName, progress);
	}

	private Mono<GeminiFile> observedUpload(Flux<DataBuffer> content, long size, String mimeType,
			@Nullable String displayName, @Nullable Consumer<UploadProgress> progress) {
		return Mono.defer(() -> {
			checkSize(size, (displayName != null) ? "'" + displayName + "'" : "The content");
			return this.api.observer()
				.call(this.resumableUpload.upload(content, size, mimeType, displayName, progress), UPLOAD_FILE,
						"files", this.startUri, null);
		});
	}

	@Override
	public Mono<GeminiFile> get(String name) {
		return this.api.call(HttpMethod.GET, filePath(name), null, GeminiFile.class);
	}

	@Override
	public Flux<GeminiFile> list() {
		return this.api.paged("files", PAGE_SIZE, ListFilesResponse.class, ListFilesResponse::files,
				ListFilesResponse::nextPageToken);
	}

	@Override
	public Mono<Void> delete(String name) {
		return this.api.call(HttpMethod.DELETE, filePath(name), null, Void.class);
	}

	@Override
	public Flux<DataBuffer> download(String name) {
		URI uri = this.api.uri(filePath(name) + ":download?alt=media");
		return this.api.exchange().download(uri);
	}

	@Override
	public Mono<GeminiFile> awaitActive(String name) {
		return awaitActive(name, DEFAULT_ACTIVE_TIMEOUT);
	}

	@Override
	public Mono<GeminiFile> awaitActive(String name, Duration timeout) {
		Assert.notNull(timeout, "'timeout' must not be null");
		String path = filePath(name);
		GeminiFile.State[] last = new GeminiFile.State[1];
		Mono<GeminiFile> check = Mono.defer(() -> this.api.call(HttpMethod.GET, path, null, GeminiFile.class))
			.flatMap((file) -> {
				last[0] = file.state();
				if (file.state() == GeminiFile.State.FAILED) {
					String reason = (file.error() != null && file.error().message() != null) ? ": "
							+ file.error().message() : "";
					return Mono.error(new GeminiFileProcessingException("Processing of file '" + file.name()
							+ "' failed" + reason + "; upload it again", file.name(), file.state()));
				}
				return (file.state() == GeminiFile.State.ACTIVE) ? Mono.just(file) : Mono.<GeminiFile>empty();
			});
		return ResourceNames.poll(check, DefaultFileOperations::pollDelay, timeout,
				() -> new GeminiFileProcessingException("File '" + path + "' is still not ACTIVE after " + timeout
						+ " (last state " + last[0] + "): wait longer with awaitActive(name, timeout)", path, last[0]));
	}

	static Duration pollDelay(long poll) {
		Duration delay = FIRST_POLL_DELAY.multipliedBy(1L << Math.min(poll, 10));
		return (delay.compareTo(MAX_POLL_DELAY) > 0) ? MAX_POLL_DELAY : delay;
	}

	private static Flux<DataBuffer> read(Path path) {
		return DataBufferUtils.read(path, DefaultDataBufferFactory.sharedInstance, READ_BUFFER_SIZE)
			.subscribeOn(Schedulers.boundedElastic());
	}

	private static FileDescription describe(Path path) throws IOException {
		if (!Files.isRegularFile(path)) {
			throw new IllegalArgumentException("Cannot upload '" + path + "': it is not a regular file");
		}
		long size = Files.size(path);
		Path fileName = path.getFileName();
		String name = (fileName != null) ? fileName.toString() : path.toString();
		checkSize(size, "'" + path + "'");
		String mimeType = Media.mimeTypeOf(name).or(() -> Media.sniff(head(path))).orElseThrow(
				() -> new IllegalArgumentException("Cannot detect the MIME type of '" + path + "': pass it explicitly, "
						+ "such as files().upload(new FileSystemResource(path), \"video/mp4\")"));
		return new FileDescription(size, mimeType, name);
	}

	private static byte[] head(Path path) {
		try (InputStream in = Files.newInputStream(path)) {
			return in.readNBytes(16);
		}
		catch (IOException ex) {
			return new byte[0];
		}
	}

	static void checkSize(long size, String description) {
		if (size <= 0) {
			throw new IllegalArgumentException(description + " is empty: the Files API stores files of 1 byte to 2 GB");
		}
		if (size > MAX_FILE_SIZE) {
			throw new IllegalArgumentException(description + " is " + size + " bytes, over the Files API's limit of "
					+ MAX_FILE_SIZE + " bytes (2 GB) per file: split it or compress it");
		}
	}

	private static String filePath(String name) {
		return ResourceNames.path(FILES, name, "file", "files/abc-123");
	}

	/** The content of a resource and its size. */
	private record Source(Flux<DataBuffer> content, long size) {

	}

	/** What an upload from the disk needs to know first. */
	private record FileDescription(long size, String mimeType, String fileName) {

	}

}
