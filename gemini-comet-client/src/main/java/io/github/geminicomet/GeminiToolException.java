package io.github.geminicomet;

import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.FunctionCall;

/**
 * Signals that the function-calling loop could not finish: the model still asked for function calls
 * after the most iterations allowed ({@code cometapi.gemini.tools.max-iterations}), or a tool failed
 * under {@link io.github.geminicomet.tool.ToolErrorPolicy#FAIL} (the tool's exception is the cause).
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiToolException extends GeminiException {

	private final @Nullable FunctionCall functionCall;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param functionCall the call that failed, if the failure is about one call
	 * @param cause the cause, if any
	 */
	public GeminiToolException(String message, @Nullable FunctionCall functionCall, @Nullable Throwable cause) {
		super(message, cause);
		this.functionCall = functionCall;
	}

	/**
	 * Return the function call that failed.
	 * @return the call, or {@code null} when the failure is not about one call (such as too many
	 * iterations)
	 */
	public @Nullable FunctionCall getFunctionCall() {
		return this.functionCall;
	}

}
