/**
 * Micrometer observations of Gemini calls: {@link GeminiObservationDocumentation}, the context, the
 * conventions and the handler that records the OpenTelemetry GenAI meters.
 */
@NullMarked
package io.github.geminicomet.observation;

import org.jspecify.annotations.NullMarked;
