/**
 * Auto-configuration of the Gemini observation handlers: OpenTelemetry GenAI meters and opt-in
 * content logging ({@code cometapi.gemini.observations.*}).
 */
@NullMarked
package io.github.geminicomet.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
