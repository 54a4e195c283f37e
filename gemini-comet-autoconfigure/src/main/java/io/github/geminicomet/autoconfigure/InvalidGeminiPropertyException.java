package io.github.geminicomet.autoconfigure;

/**
 * Thrown at startup when a {@code cometapi.gemini.*} property is missing or malformed; turned into a
 * readable report by {@link InvalidGeminiPropertyFailureAnalyzer}. Never carries the API key.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class InvalidGeminiPropertyException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Create a new exception.
	 * @param property the name of the property at fault
	 * @param description what is wrong
	 * @param action how to fix it
	 */
	public InvalidGeminiPropertyException(String property, String description, String action) {
		super(description);
		this.property = property;
		this.action = action;
	}

	/**
	 * Return the name of the property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return how to fix the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
