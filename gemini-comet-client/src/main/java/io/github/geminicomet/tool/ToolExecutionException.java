package io.github.geminicomet.tool;

import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.FunctionCall;

/**
 * Signals that a {@code @GeminiTool} method failed under {@link ToolErrorPolicy#FAIL}, or was called
 * with arguments it could not take: the tool's own exception is the cause. The function-calling loop of
 * {@code GeminiOperations.withTools(...)} reports it as a {@code GeminiToolException}; callers of
 * {@link GeminiTools} in manual mode see it as is.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public class ToolExecutionException extends RuntimeException {

	private final FunctionCall functionCall;

	/**
	 * Create a new exception.
	 * @param message the detail message, naming the function and the reason
	 * @param functionCall the call that failed
	 * @param cause the tool's exception
	 */
	public ToolExecutionException(String message, FunctionCall functionCall, @Nullable Throwable cause) {
		super(message, cause);
		this.functionCall = functionCall;
	}

	/**
	 * Return the function call that failed.
	 * @return the call
	 */
	public FunctionCall getFunctionCall() {
		return this.functionCall;
	}

}
