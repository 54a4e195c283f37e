package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * How much the model thinks, and whether thought summaries are returned. Gemini 3 models take a
 * {@code thinkingLevel}, Gemini 2.5 models a {@code thinkingBudget}; sending the other one may be
 * rejected.
 *
 * @param includeThoughts whether thought summaries are returned as {@code thought: true} parts
 * @param thinkingBudget the number of thought tokens (Gemini 2.5): {@code 0} off, {@code -1} dynamic
 * @param thinkingLevel the thinking level (Gemini 3)
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThinkingConfig(@Nullable Boolean includeThoughts, @Nullable Integer thinkingBudget,
		@Nullable ThinkingLevel thinkingLevel) {

	/**
	 * Create a configuration that asks for thought summaries and leaves the amount of thinking to the
	 * model (no budget, no level), for every thinking model: {@code {"includeThoughts": true}}.
	 * @return the configuration
	 * @since 0.2.0
	 */
	public static ThinkingConfig includingThoughts() {
		return new ThinkingConfig(true, null, null);
	}

	/**
	 * Create a configuration with a thinking level, for Gemini 3 models.
	 * @param level the level
	 * @return the configuration
	 */
	public static ThinkingConfig level(ThinkingLevel level) {
		return new ThinkingConfig(null, null, level);
	}

	/**
	 * Create a configuration with a thinking budget, for Gemini 2.5 models.
	 * @param budget the number of thought tokens: {@code 0} turns thinking off, {@code -1} lets the
	 * model decide
	 * @return the configuration
	 */
	public static ThinkingConfig budget(int budget) {
		return new ThinkingConfig(null, budget, null);
	}

	/**
	 * Return a copy of this configuration that asks for thought summaries or not.
	 * @param includeThoughts whether thought summaries are returned
	 * @return a new configuration
	 */
	public ThinkingConfig withIncludeThoughts(boolean includeThoughts) {
		return new ThinkingConfig(includeThoughts, this.thinkingBudget, this.thinkingLevel);
	}

	/**
	 * Return this configuration with its unset fields taken from {@code defaults}. The budget and the
	 * level are one choice: when this configuration sets either, neither is taken from the defaults, so
	 * a per-call level never lands next to a default budget.
	 * @param defaults the defaults, may be {@code null}
	 * @return the merged configuration (this one when there are no defaults)
	 */
	public ThinkingConfig mergedOver(@Nullable ThinkingConfig defaults) {
		if (defaults == null) {
			return this;
		}
		boolean amountSet = this.thinkingBudget != null || this.thinkingLevel != null;
		return new ThinkingConfig(ModelSupport.firstNonNull(this.includeThoughts, defaults.includeThoughts),
				amountSet ? this.thinkingBudget : defaults.thinkingBudget,
				amountSet ? this.thinkingLevel : defaults.thinkingLevel);
	}

}
