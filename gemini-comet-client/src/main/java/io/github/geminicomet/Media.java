package io.github.geminicomet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.geminicomet.model.GeminiFile;
import io.github.geminicomet.model.Part;

/**
 * Parts for multimodal prompts: images, audio, video and documents sent inline (base64
 * {@code inlineData}) from bytes, a {@link Path} or a Spring {@link Resource}, or referenced by URI
 * ({@code fileData}).
 *
 * <pre class="code">
 * Content prompt = Content.user(Media.inline(Path.of("cat.jpg")), Part.text("What breed is this?"));
 * </pre>
 *
 * <p>The MIME type is detected from the file name, else from the first bytes of the data (PNG, JPEG,
 * GIF, WebP, HEIC, PDF, WAV, MP3, FLAC, Ogg, AIFF, MP4, QuickTime, WebM); pass it explicitly to override
 * the detection. Reading a file or resource blocks: call these factories off event-loop threads (for
 * example inside {@code Mono.fromCallable(...).subscribeOn(Schedulers.boundedElastic())}).
 *
 * <p><strong>Size limit.</strong> Gemini accepts at most {@value #MAX_INLINE_DATA_SIZE} bytes (100 MB) of
 * base64-encoded inline data per request, about 75 MB of raw bytes; it raised the limit from 20 MB to
 * 100 MB in January 2026 (<a href="https://blog.google/innovation-and-ai/technology/developers-tools/gemini-api-new-file-limits">Increased
 * file size limits and expanded inputs support in Gemini API</a>; some data types, such as PDF, have
 * lower limits). The factories refuse data that could never fit; the template checks the total of a
 * request before sending it ({@link GeminiTemplate.Builder#maxInlineDataSize(long)}). Larger files go
 * through the Files API, a public or signed URL, and {@link #file(String, String)}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class Media {

	/**
	 * The most base64-encoded inline data Gemini accepts in one request: 100 MB (104,857,600 bytes).
	 */
	public static final long MAX_INLINE_DATA_SIZE = 100L * 1024 * 1024;

	/**
	 * The largest raw data that fits in {@link #MAX_INLINE_DATA_SIZE} once base64-encoded.
	 */
	static final long MAX_RAW_INLINE_DATA_SIZE = MAX_INLINE_DATA_SIZE / 4 * 3;

	private static final int SNIFF_LENGTH = 16;

	/** Types Gemini accepts that Spring's media type table does not know, or names differently. */
	private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("webp", "image/webp"),
			Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"), Map.entry("jpg", "image/jpeg"),
			Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"), Map.entry("pdf", "application/pdf"),
			Map.entry("mp3", "audio/mp3"), Map.entry("wav", "audio/wav"), Map.entry("aiff", "audio/aiff"),
			Map.entry("aif", "audio/aiff"), Map.entry("aac", "audio/aac"), Map.entry("ogg", "audio/ogg"),
			Map.entry("flac", "audio/flac"), Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/mov"),
			Map.entry("mpeg", "video/mpeg"), Map.entry("mpg", "video/mpg"), Map.entry("avi", "video/avi"),
			Map.entry("flv", "video/x-flv"), Map.entry("webm", "video/webm"), Map.entry("wmv", "video/wmv"),
			Map.entry("3gp", "video/3gpp"), Map.entry("txt", "text/plain"), Map.entry("md", "text/md"),
			Map.entry("csv", "text/csv"), Map.entry("html", "text/html"), Map.entry("xml", "text/xml"));

	private Media() {
	}

	/**
	 * Create an inline data part from bytes, detecting the MIME type from the first bytes.
	 * @param data the raw bytes
	 * @return the part
	 * @throws IllegalArgumentException if the MIME type cannot be detected, or the data is too large to
	 * send inline
	 */
	public static Part inline(byte[] data) {
		Assert.notNull(data, "'data' must not be null");
		return inline(data, sniff(data).orElseThrow(() -> new IllegalArgumentException(
				"Cannot detect the MIME type of " + data.length + " bytes of data: pass it explicitly, such as "
						+ "Media.inline(bytes, \"image/png\")")));
	}

	/**
	 * Create an inline data part from bytes.
	 * @param data the raw bytes
	 * @param mimeType the IANA media type, such as {@code image/png}
	 * @return the part
	 * @throws IllegalArgumentException if the data is too large to send inline
	 */
	public static Part inline(byte[] data, String mimeType) {
		Assert.notNull(data, "'data' must not be null");
		Assert.hasText(mimeType, "'mimeType' must not be empty");
		checkSize(data.length, data.length + " bytes of data");
		return Part.inlineData(mimeType, data);
	}

	/**
	 * Create an inline data part from a file, detecting the MIME type from its name, else from its first
	 * bytes. Reads the whole file, blocking.
	 * @param path the file
	 * @return the part
	 * @throws IllegalArgumentException if the MIME type cannot be detected, or the file is too large to
	 * send inline
	 * @throws UncheckedIOException if the file cannot be read
	 */
	public static Part inline(Path path) {
		return inline(path, null);
	}

	/**
	 * Create an inline data part from a file. Reads the whole file, blocking.
	 * @param path the file
	 * @param mimeType the IANA media type, or {@code null} to detect it
	 * @return the part
	 * @throws IllegalArgumentException if the MIME type cannot be detected, or the file is too large to
	 * send inline
	 * @throws UncheckedIOException if the file cannot be read
	 */
	public static Part inline(Path path, @Nullable String mimeType) {
		Assert.notNull(path, "'path' must not be null");
		try {
			checkSize(Files.size(path), "File '" + path + "'");
			byte[] data = Files.readAllBytes(path);
			Path fileName = path.getFileName();
			return inline(data, resolveMimeType(mimeType, (fileName != null) ? fileName.toString() : null, data,
					"file '" + path + "'"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read '" + path + "' for an inline data part", ex);
		}
	}

	/**
	 * Create an inline data part from a Spring {@link Resource} (a classpath, file or URL resource),
	 * detecting the MIME type from its file name, else from its first bytes. Reads the whole resource,
	 * blocking.
	 * @param resource the resource
	 * @return the part
	 * @throws IllegalArgumentException if the MIME type cannot be detected, or the resource is too large
	 * to send inline
	 * @throws UncheckedIOException if the resource cannot be read
	 */
	public static Part inline(Resource resource) {
		return inline(resource, null);
	}

	/**
	 * Create an inline data part from a Spring {@link Resource}. Reads the whole resource, blocking.
	 * @param resource the resource
	 * @param mimeType the IANA media type, or {@code null} to detect it
	 * @return the part
	 * @throws IllegalArgumentException if the MIME type cannot be detected, or the resource is too large
	 * to send inline
	 * @throws UncheckedIOException if the resource cannot be read
	 */
	public static Part inline(Resource resource, @Nullable String mimeType) {
		Assert.notNull(resource, "'resource' must not be null");
		String description = resource.getDescription();
		try {
			if (resource.isFile()) {
				checkSize(resource.contentLength(), description);
			}
			byte[] data;
			try (InputStream input = resource.getInputStream()) {
				// never read more than can be sent, whatever the resource claims to hold
				data = input.readNBytes((int) MAX_RAW_INLINE_DATA_SIZE + 1);
			}
			checkSize(data.length, description);
			return inline(data, resolveMimeType(mimeType, resource.getFilename(), data, description));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + description + " for an inline data part", ex);
		}
	}

	/**
	 * Create a part that references a file by URI: a Files API URI
	 * ({@code https://generativelanguage.googleapis.com/v1beta/files/...}), a YouTube URL, a Google Cloud
	 * Storage URI or a public or signed HTTPS URL, depending on what the model supports.
	 * @param fileUri the URI of the file
	 * @param mimeType the IANA media type of the file, such as {@code video/mp4}
	 * @return the part
	 */
	public static Part file(String fileUri, String mimeType) {
		Assert.hasText(fileUri, "'fileUri' must not be empty");
		Assert.hasText(mimeType, "'mimeType' must not be empty");
		return Part.fileData(mimeType, fileUri);
	}

	/**
	 * Create a part that references a file uploaded with {@link FileOperations}: its URI and MIME type. The
	 * file must be {@link GeminiFile.State#ACTIVE ACTIVE} when the prompt is sent (a file still
	 * {@code PROCESSING} is refused with 400 FAILED_PRECONDITION): wait for it with
	 * {@link FileOperations#awaitActive(String)}.
	 * @param file the uploaded file
	 * @return the part
	 * @throws IllegalArgumentException if the file has no URI or MIME type, or it failed processing
	 * @since 0.2.0
	 */
	public static Part file(GeminiFile file) {
		Assert.notNull(file, "'file' must not be null");
		if (file.state() == GeminiFile.State.FAILED) {
			throw new IllegalArgumentException("File '" + file.name() + "' failed processing and cannot be used in a "
					+ "prompt: upload it again");
		}
		if (!StringUtils.hasText(file.uri()) || !StringUtils.hasText(file.mimeType())) {
			throw new IllegalArgumentException("File '" + file.name() + "' has no URI or MIME type: use the file "
					+ "that files().upload(...), get(...) or awaitActive(...) returned");
		}
		return Part.fileData(file.mimeType(), file.uri());
	}

	/**
	 * Detect the MIME type of a file from its name.
	 * @param filename the file name, such as {@code cat.jpg}
	 * @return the MIME type, if the extension is known
	 */
	public static Optional<String> mimeTypeOf(String filename) {
		Assert.notNull(filename, "'filename' must not be null");
		String extension = StringUtils.getFilenameExtension(filename);
		if (extension == null) {
			return Optional.empty();
		}
		String known = EXTENSIONS.get(extension.toLowerCase(Locale.ROOT));
		if (known != null) {
			return Optional.of(known);
		}
		return MediaTypeFactory.getMediaType(filename)
			.filter((type) -> !MediaType.APPLICATION_OCTET_STREAM.equals(type))
			.map(MediaType::toString);
	}

	private static String resolveMimeType(@Nullable String mimeType, @Nullable String filename, byte[] data,
			String description) {
		if (StringUtils.hasText(mimeType)) {
			return mimeType;
		}
		Optional<String> detected = (filename != null) ? mimeTypeOf(filename) : Optional.empty();
		return detected.or(() -> sniff(data))
			.orElseThrow(() -> new IllegalArgumentException("Cannot detect the MIME type of " + description
					+ ": pass it explicitly, such as Media.inline(path, \"image/png\")"));
	}

	/** Detect the MIME type of data from its leading bytes (magic numbers). */
	static Optional<String> sniff(byte[] data) {
		if (startsWith(data, 0, new byte[] { (byte) 0x89, 'P', 'N', 'G' })) {
			return Optional.of("image/png");
		}
		if (startsWith(data, 0, new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF })) {
			return Optional.of("image/jpeg");
		}
		if (startsWith(data, 0, ascii("GIF8"))) {
			return Optional.of("image/gif");
		}
		if (startsWith(data, 0, ascii("%PDF"))) {
			return Optional.of("application/pdf");
		}
		if (startsWith(data, 0, ascii("RIFF")) && startsWith(data, 8, ascii("WEBP"))) {
			return Optional.of("image/webp");
		}
		if (startsWith(data, 0, ascii("RIFF")) && startsWith(data, 8, ascii("WAVE"))) {
			return Optional.of("audio/wav");
		}
		if (startsWith(data, 0, ascii("FORM")) && startsWith(data, 8, ascii("AIF"))) {
			return Optional.of("audio/aiff");
		}
		if (startsWith(data, 0, ascii("fLaC"))) {
			return Optional.of("audio/flac");
		}
		if (startsWith(data, 0, ascii("OggS"))) {
			return Optional.of("audio/ogg");
		}
		if (startsWith(data, 0, ascii("ID3")) || (data.length > 1 && (data[0] & 0xFF) == 0xFF
				&& ((data[1] & 0xE0) == 0xE0) && (data[1] & 0x06) != 0)) {
			return Optional.of("audio/mp3");
		}
		if (startsWith(data, 0, new byte[] { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3 })) {
			return Optional.of("video/webm");
		}
		if (startsWith(data, 4, ascii("ftyp")) && data.length >= 12) {
			String brand = new String(data, 8, 4, StandardCharsets.US_ASCII);
			return switch (brand) {
				case "heic", "heix", "heim", "heis", "hevc", "hevx" -> Optional.of("image/heic");
				case "mif1", "msf1" -> Optional.of("image/heif");
				case "qt  " -> Optional.of("video/mov");
				case "M4A " -> Optional.of("audio/aac");
				case "3gp4", "3gp5", "3gp6", "3ge6", "3gg6" -> Optional.of("video/3gpp");
				default -> Optional.of("video/mp4");
			};
		}
		return Optional.empty();
	}

	private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
		if (data.length < offset + prefix.length || offset + prefix.length > SNIFF_LENGTH) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (data[offset + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static void checkSize(long rawSize, String description) {
		if (rawSize > MAX_RAW_INLINE_DATA_SIZE) {
			throw new IllegalArgumentException(description + " is " + describeSize(rawSize) + ", too large to send "
					+ "inline: Gemini accepts at most " + describeSize(MAX_INLINE_DATA_SIZE) + " of base64-encoded "
					+ "inline data per request (about " + describeSize(MAX_RAW_INLINE_DATA_SIZE) + " of raw bytes). "
					+ "Upload it with the Files API, or put it where Gemini can fetch it, and reference it with "
					+ "Media.file(uri, mimeType)");
		}
	}

	/** Describe a size in bytes for a message, such as {@code 12.5 MB}. */
	static String describeSize(long bytes) {
		if (bytes < 1024 * 1024) {
			return bytes + " bytes";
		}
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
