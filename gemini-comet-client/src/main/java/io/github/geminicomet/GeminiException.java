package io.github.geminicomet;

import org.jspecify.annotations.Nullable;

/**
 * Base class for every error signalled by {@link GeminiOperations}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public abstract class GeminiException extends RuntimeException {

	private volatile int attempts = 1;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param cause the cause, if any
	 */
	protected GeminiException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Return how many attempts were made before this error was signalled, retries included.
	 * @return the number of attempts, at least 1
	 */
	public int getAttempts() {
		return this.attempts;
	}

	void setAttempts(int attempts) {
		this.attempts = attempts;
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (this.attempts > 1) ? message + " (after " + this.attempts + " attempts)" : message;
	}

}
