package io.github.geminicomet.autoconfigure.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.geminicomet.observation.GeminiContentLoggingObservationHandler;

/**
 * Configuration properties of the observations of Gemini calls ({@code cometapi.gemini.observations.*}).
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@ConfigurationProperties("cometapi.gemini.observations")
public class GeminiObservationProperties {

	/**
	 * Whether the text of prompts and answers is logged at DEBUG under
	 * 'io.github.geminicomet.observation.GeminiContentLoggingObservationHandler'. Prompts and answers
	 * are user data: a warning is logged at startup when this is on.
	 */
	private boolean logContent;

	/**
	 * Number of characters logged of each prompt and answer when content logging is on.
	 */
	private int contentMaxLength = GeminiContentLoggingObservationHandler.DEFAULT_MAX_LENGTH;

	public boolean isLogContent() {
		return this.logContent;
	}

	public void setLogContent(boolean logContent) {
		this.logContent = logContent;
	}

	public int getContentMaxLength() {
		return this.contentMaxLength;
	}

	public void setContentMaxLength(int contentMaxLength) {
		this.contentMaxLength = contentMaxLength;
	}

}
