package io.github.geminicomet.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A file stored by the Files API ({@code files/{id}}): uploaded media that prompts refer to by URI
 * instead of carrying it inline, and the result files of batch jobs. A file can be used in a prompt only
 * once it is {@link State#ACTIVE}, and is deleted after 48 hours.
 *
 * @param name the resource name, such as {@code files/abc-123}
 * @param displayName the name given at upload
 * @param mimeType the MIME type
 * @param sizeBytes the size in bytes
 * @param sha256Hash the SHA-256 digest as Google sends it: base64 of the hex digest (see {@link #sha256Hex()})
 * @param uri the URI to put in a prompt ({@code Media.file(file)})
 * @param state the processing state
 * @param createTime when the file was created
 * @param updateTime when the file was last updated
 * @param expirationTime when the file will be deleted
 * @param source where the file came from: {@code UPLOADED}, {@code GENERATED} (batch results) or
 * {@code REGISTERED}
 * @param error why processing failed, when {@link State#FAILED}
 * @param videoMetadata the metadata of a video
 * @author gemini-comet
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GeminiFile(String name, @Nullable String displayName, @Nullable String mimeType,
		@Nullable Long sizeBytes, @Nullable String sha256Hash, @Nullable String uri, @Nullable State state,
		@Nullable Instant createTime, @Nullable Instant updateTime, @Nullable Instant expirationTime,
		@Nullable String source, @Nullable RpcStatus error, @Nullable VideoFileMetadata videoMetadata) {

	/**
	 * Return whether the file can be used in a prompt.
	 * @return whether the state is {@link State#ACTIVE}
	 */
	@JsonIgnore
	public boolean isActive() {
		return this.state == State.ACTIVE;
	}

	/**
	 * Return the SHA-256 digest as hex: Google sends {@code sha256Hash} as the base64 encoding of the hex
	 * digest (not of the raw digest), so it is decoded once more here.
	 * @return the hex digest, or {@code null} if none was sent or it is not base64
	 */
	@JsonIgnore
	public @Nullable String sha256Hex() {
		if (this.sha256Hash == null) {
			return null;
		}
		try {
			return new String(Base64.getDecoder().decode(this.sha256Hash), StandardCharsets.US_ASCII);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The processing state of a file.
	 */
	public enum State {

		/** Not set. */
		STATE_UNSPECIFIED,

		/** Being processed: not usable in a prompt yet. */
		PROCESSING,

		/** Ready to use. */
		ACTIVE,

		/** Processing failed (see {@link GeminiFile#error()}). */
		FAILED,

		/** A state this version does not know. */
		UNKNOWN;

		/**
		 * Read a state from its wire name, {@link #UNKNOWN} for names added later.
		 * @param value the wire name
		 * @return the state
		 */
		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		public static State of(@Nullable String value) {
			return ModelSupport.parseEnum(State.class, value, UNKNOWN);
		}

	}

	/**
	 * The metadata of a video file.
	 *
	 * @param videoDuration the duration, such as {@code "12.5s"}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record VideoFileMetadata(@Nullable String videoDuration) {

	}

}
