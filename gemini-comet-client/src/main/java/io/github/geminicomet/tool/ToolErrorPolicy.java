package io.github.geminicomet.tool;

/**
 * What the function-calling loop does when a tool method fails (throws, signals an error, or cannot
 * be called with the arguments the model sent).
 *
 * @author gemini-comet
 * @since 0.1.0
 * @see ToolCallingOptions.Builder#errorPolicy(ToolErrorPolicy)
 */
public enum ToolErrorPolicy {

	/**
	 * Send the failure to the model as the function's response, {@code {"error": "<message>"}}, and
	 * let it recover (retry with other arguments, apologise, or answer without the tool). The default.
	 */
	REPORT_TO_MODEL,

	/**
	 * End the exchange with a {@code GeminiToolException} whose cause is the tool's exception.
	 */
	FAIL

}
