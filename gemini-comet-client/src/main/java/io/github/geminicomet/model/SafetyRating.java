package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The safety rating of a prompt or candidate for one category.
 *
 * @param category the category
 * @param probability the probability of harm
 * @param blocked whether the content was blocked because of this rating
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SafetyRating(@Nullable HarmCategory category, @Nullable HarmProbability probability,
		@Nullable Boolean blocked) {

}
