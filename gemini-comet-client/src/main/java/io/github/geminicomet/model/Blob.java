package io.github.geminicomet.model;

import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Inline media bytes. The data is kept as the base64 text sent on the wire, so a large image is only
 * decoded when {@link #bytes()} is called.
 *
 * @param mimeType the IANA media type, such as {@code image/png}
 * @param data the bytes, base64-encoded
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Blob(@Nullable String mimeType, @Nullable String data) {

	/**
	 * Create a blob, base64-encoding the bytes.
	 * @param mimeType the IANA media type
	 * @param bytes the raw bytes
	 * @return the blob
	 */
	public static Blob of(String mimeType, byte[] bytes) {
		return new Blob(mimeType, Base64.getEncoder().encodeToString(bytes));
	}

	/**
	 * Decode the data.
	 * @return the raw bytes, empty when there is no data
	 * @throws IllegalArgumentException if the data is not valid base64
	 */
	public byte[] bytes() {
		if (this.data == null) {
			return new byte[0];
		}
		return (this.data.indexOf('-') >= 0 || this.data.indexOf('_') >= 0)
				? Base64.getUrlDecoder().decode(this.data) : Base64.getDecoder().decode(this.data);
	}

}
