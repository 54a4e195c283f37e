package io.github.geminicomet.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An image the model generated (an {@code inlineData} part of an image type in the answer, with
 * {@code responseModalities} {@code [TEXT, IMAGE]}), decoded: its MIME type and bytes.
 *
 * <pre class="code">
 * for (GeneratedImage image : response.images()) {
 *     image.writeTo(Path.of("out." + image.fileExtension()));
 * }
 * </pre>
 *
 * @param mimeType the IANA media type, such as {@code image/png}
 * @param bytes the image bytes (a copy is returned on each access)
 * @author gemini-comet
 * @since 0.1.0
 */
public record GeneratedImage(String mimeType, byte[] bytes) {

	public GeneratedImage {
		Objects.requireNonNull(mimeType, "'mimeType' must not be null");
		Objects.requireNonNull(bytes, "'bytes' must not be null");
		bytes = bytes.clone();
	}

	/**
	 * Decode an image from an inline data blob.
	 * @param blob the blob
	 * @return the image
	 * @throws IllegalArgumentException if the data is not valid base64
	 */
	public static GeneratedImage of(Blob blob) {
		String type = (blob.mimeType() != null) ? blob.mimeType() : "application/octet-stream";
		return new GeneratedImage(type, blob.bytes());
	}

	/**
	 * Return a copy of the image bytes.
	 * @return the bytes
	 */
	@Override
	public byte[] bytes() {
		return this.bytes.clone();
	}

	/**
	 * Return the number of bytes of the image.
	 * @return the size in bytes
	 */
	public int size() {
		return this.bytes.length;
	}

	/**
	 * Return the usual file extension for the MIME type, such as {@code png} or {@code jpg}.
	 * @return the extension, without a dot ({@code bin} for an unknown type)
	 */
	public String fileExtension() {
		String type = this.mimeType.toLowerCase(Locale.ROOT);
		int semicolon = type.indexOf(';');
		if (semicolon >= 0) {
			type = type.substring(0, semicolon).strip();
		}
		return switch (type) {
			case "image/jpeg", "image/jpg" -> "jpg";
			case "image/svg+xml" -> "svg";
			default -> {
				int slash = type.indexOf('/');
				String subtype = (slash >= 0) ? type.substring(slash + 1) : "";
				yield subtype.matches("[a-z0-9]+") ? subtype : "bin";
			}
		};
	}

	/**
	 * Write the image to a file, creating or replacing it. Blocks: in a reactive pipeline, call it on a
	 * scheduler that allows blocking (such as {@code Schedulers.boundedElastic()}).
	 * @param file the file to write
	 * @return the file
	 * @throws UncheckedIOException if the file cannot be written
	 */
	public Path writeTo(Path file) {
		Objects.requireNonNull(file, "'file' must not be null");
		try {
			return Files.write(file, this.bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the generated image to '" + file + "'", ex);
		}
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof GeneratedImage image && this.mimeType.equals(image.mimeType)
				&& Arrays.equals(this.bytes, image.bytes));
	}

	@Override
	public int hashCode() {
		return 31 * this.mimeType.hashCode() + Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return "GeneratedImage[mimeType=" + this.mimeType + ", " + this.bytes.length + " bytes]";
	}

}
