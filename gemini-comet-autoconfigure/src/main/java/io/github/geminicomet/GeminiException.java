package io.github.geminicomet;

import org.jspecify.annotations.Nullable;

/**
 * Base class for every error signalled by {@link GeminiOperations}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public abstract class GeminiException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param cause the cause, if any
	 */
	protected GeminiException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
