package io.github.geminicomet.autoconfigure.health;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.geminicomet.health.GeminiHealthIndicator;

/**
 * Configuration properties of the Gemini health indicator ({@code management.health.gemini.*}).
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@ConfigurationProperties("management.health.gemini")
public class GeminiHealthIndicatorProperties {

	/**
	 * Model looked up by the health check (a models.get call, which spends no tokens). When not set,
	 * the template's default model (cometapi.gemini.model).
	 */
	private @Nullable String model;

	/**
	 * Longest the health check may take before the gateway is reported down.
	 */
	private Duration timeout = GeminiHealthIndicator.DEFAULT_TIMEOUT;

	/**
	 * How long the outcome of a health check is reused, so that frequent health requests do not call
	 * the gateway each time. Zero checks on every request.
	 */
	private Duration cacheTimeToLive = GeminiHealthIndicator.DEFAULT_TIME_TO_LIVE;

	public @Nullable String getModel() {
		return this.model;
	}

	public void setModel(@Nullable String model) {
		this.model = model;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getCacheTimeToLive() {
		return this.cacheTimeToLive;
	}

	public void setCacheTimeToLive(Duration cacheTimeToLive) {
		this.cacheTimeToLive = cacheTimeToLive;
	}

}
