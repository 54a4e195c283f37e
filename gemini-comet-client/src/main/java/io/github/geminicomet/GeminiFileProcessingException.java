package io.github.geminicomet;

import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.GeminiFile;

/**
 * Thrown when an uploaded file does not become usable: its processing failed, or it was still not
 * {@code ACTIVE} when {@link FileOperations#awaitActive(String, java.time.Duration)} stopped waiting.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public class GeminiFileProcessingException extends GeminiException {

	private final String fileName;

	private final GeminiFile.@Nullable State state;

	/**
	 * Create a new instance.
	 * @param message the message
	 * @param fileName the file's name
	 * @param state the file's last known state
	 */
	public GeminiFileProcessingException(String message, String fileName, GeminiFile.@Nullable State state) {
		super(message, null);
		this.fileName = fileName;
		this.state = state;
	}

	/**
	 * Return the file's name.
	 * @return the name, such as {@code files/abc-123}
	 */
	public String getFileName() {
		return this.fileName;
	}

	/**
	 * Return the file's last known state.
	 * @return the state, {@code FAILED} or the state it was in at the timeout
	 */
	public GeminiFile.@Nullable State getState() {
		return this.state;
	}

}
