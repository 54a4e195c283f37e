package io.github.geminicomet;

/**
 * What the template does when a request's {@code thinkingConfig} uses the parameter of the other model
 * generation: {@code thinkingLevel} on a Gemini 2.x model, or {@code thinkingBudget} on a Gemini 3
 * model. The gateway warns that such requests can fail; models of other families are never checked.
 *
 * @author gemini-comet
 * @since 0.1.0
 * @see GeminiTemplate.Builder#thinkingValidation(ThinkingValidation)
 */
public enum ThinkingValidation {

	/**
	 * Refuse to send the request: the call fails with an {@link IllegalArgumentException} that names the
	 * parameter the model takes. The default.
	 */
	STRICT,

	/**
	 * Log a warning, once per model and parameter, and send the request as it is.
	 */
	WARN,

	/**
	 * Send the request as it is, without checking.
	 */
	OFF

}
