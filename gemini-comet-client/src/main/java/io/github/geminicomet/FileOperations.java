package io.github.geminicomet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;

import io.github.geminicomet.model.GeminiFile;

/**
 * Operations on the Files API ({@code files}): upload large media once (up to 2 GB per file, kept 48
 * hours) and refer to it from prompts with {@link Media#file(GeminiFile)} instead of sending it inline.
 * Obtained from {@link GeminiOperations#files()}; every method is cold and signals the same errors as the
 * other calls of the template.
 *
 * <p>Uploads use Google's resumable protocol: a start command, then chunks that are multiples of the
 * granularity the server advertises, the last one finalizing the upload. The content is streamed from
 * the disk or the publisher, one chunk at a time, never whole in memory; a chunk that fails is resumed
 * from the offset the server reports, not restarted. The upload URL the server answers with is rewritten
 * to the template's base URL, so uploads go through the configured gateway.
 *
 * <pre class="code">
 * gemini.files().upload(Path.of("talk.mp4"))
 *     .flatMap((file) -&gt; gemini.files().awaitActive(file.name()))
 *     .flatMap((file) -&gt; gemini.generateContent("gemini-3.5-flash-lite", GenerateContentRequest.builder()
 *         .addContent(Content.user(Media.file(file), Part.text("Summarize this talk"))).build()));
 * </pre>
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public interface FileOperations {

	/**
	 * The largest file the Files API accepts: 2 GB.
	 */
	long MAX_FILE_SIZE = 2L * 1024 * 1024 * 1024;

	/**
	 * Upload a file from the disk, detecting its MIME type from its name, else from its first bytes, like
	 * {@link Media}; its file name becomes the display name.
	 * @param path the file
	 * @return the uploaded file, usually {@code PROCESSING} for video and {@code ACTIVE} otherwise
	 * @throws IllegalArgumentException (signalled) if the file is empty or larger than 2 GB, or its MIME type
	 * cannot be detected
	 */
	Mono<GeminiFile> upload(Path path);

	/**
	 * Upload a file from the disk, reporting progress after each chunk.
	 * @param path the file
	 * @param progress told the bytes uploaded after each chunk; called on an I/O thread: must not block
	 * @return the uploaded file
	 * @see #upload(Path)
	 */
	Mono<GeminiFile> upload(Path path, Consumer<UploadProgress> progress);

	/**
	 * Upload a resource; its file name, if any, becomes the display name.
	 * @param resource the resource
	 * @param mimeType the MIME type, such as {@code video/mp4}
	 * @return the uploaded file
	 * @throws IllegalArgumentException (signalled) if the resource is empty or larger than 2 GB
	 */
	Mono<GeminiFile> upload(Resource resource, String mimeType);

	/**
	 * Upload content from a publisher, which is subscribed once and read one chunk at a time (a chunk is
	 * held until the server has it, so that it can be resumed).
	 * @param content the content; it must hold exactly {@code size} bytes
	 * @param size the size in bytes
	 * @param mimeType the MIME type
	 * @param displayName the display name, or {@code null} for none
	 * @return the uploaded file
	 * @throws IllegalArgumentException if the size is not between 1 byte and 2 GB
	 */
	Mono<GeminiFile> upload(Flux<DataBuffer> content, long size, String mimeType, @Nullable String displayName);

	/**
	 * Upload content from a publisher, reporting progress after each chunk.
	 * @param content the content; it must hold exactly {@code size} bytes
	 * @param size the size in bytes
	 * @param mimeType the MIME type
	 * @param displayName the display name, or {@code null} for none
	 * @param progress told the bytes uploaded after each chunk; called on an I/O thread: must not block
	 * @return the uploaded file
	 * @see #upload(Flux, long, String, String)
	 */
	Mono<GeminiFile> upload(Flux<DataBuffer> content, long size, String mimeType, @Nullable String displayName,
			Consumer<UploadProgress> progress);

	/**
	 * Get a file's metadata ({@code GET files/{id}}).
	 * @param name the name, such as {@code files/abc-123} (or just {@code abc-123})
	 * @return the file
	 * @throws IllegalArgumentException if the name is not a valid file name
	 */
	Mono<GeminiFile> get(String name);

	/**
	 * List the files of the project ({@code GET files}), following every page.
	 * @return the files
	 */
	Flux<GeminiFile> list();

	/**
	 * Delete a file ({@code DELETE files/{id}}).
	 * @param name the name, such as {@code files/abc-123}
	 * @return completion once deleted
	 * @throws IllegalArgumentException if the name is not a valid file name
	 */
	Mono<Void> delete(String name);

	/**
	 * Download a generated file, such as the results of a batch
	 * ({@code GET files/{id}:download?alt=media}), as it arrives; uploaded files cannot be downloaded.
	 * Each buffer must be released by the subscriber.
	 * @param name the name, such as {@code files/batch-abc}
	 * @return the content
	 * @throws IllegalArgumentException if the name is not a valid file name
	 */
	Flux<DataBuffer> download(String name);

	/**
	 * Wait until a file is {@code ACTIVE}, for at most 10 minutes: see {@link #awaitActive(String, Duration)}.
	 * @param name the name, such as {@code files/abc-123}
	 * @return the active file
	 */
	Mono<GeminiFile> awaitActive(String name);

	/**
	 * Wait until a file is {@code ACTIVE}, polling its state with a growing delay (1 second, doubled up to
	 * 10 seconds) on a timer, never blocking a thread.
	 * @param name the name, such as {@code files/abc-123}
	 * @param timeout how long to wait at most
	 * @return the active file; {@link GeminiFileProcessingException} if its processing failed or it is still
	 * not active after the timeout
	 */
	Mono<GeminiFile> awaitActive(String name, Duration timeout);

	/**
	 * How far an upload is.
	 *
	 * @param bytesUploaded the bytes the server has
	 * @param totalBytes the size of the file
	 */
	record UploadProgress(long bytesUploaded, long totalBytes) {

		/**
		 * Return the fraction uploaded.
		 * @return from 0 to 1
		 */
		public double fraction() {
			return (this.totalBytes > 0) ? (double) this.bytesUploaded / this.totalBytes : 1.0;
		}

	}

}
