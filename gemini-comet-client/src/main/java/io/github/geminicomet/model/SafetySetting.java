package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A safety filter override: the threshold from which content of a category is blocked.
 *
 * @param category the category
 * @param threshold the threshold
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SafetySetting(@Nullable HarmCategory category, @Nullable HarmBlockThreshold threshold) {

	/**
	 * Create a safety setting.
	 * @param category the category
	 * @param threshold the threshold
	 * @return the setting
	 */
	public static SafetySetting of(HarmCategory category, HarmBlockThreshold threshold) {
		return new SafetySetting(category, threshold);
	}

}
