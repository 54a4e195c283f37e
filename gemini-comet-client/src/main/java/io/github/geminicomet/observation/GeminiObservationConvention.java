package io.github.geminicomet.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for Gemini calls; implement it (or extend
 * {@link DefaultGeminiObservationConvention}) to change names or tags.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public interface GeminiObservationConvention extends ObservationConvention<GeminiObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof GeminiObservationContext;
	}

}
