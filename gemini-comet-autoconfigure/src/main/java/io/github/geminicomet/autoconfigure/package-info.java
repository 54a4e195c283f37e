/**
 * Spring Boot auto-configuration of {@link io.github.geminicomet.GeminiTemplate} from the
 * {@code cometapi.gemini.*} properties.
 */
@NullMarked
package io.github.geminicomet.autoconfigure;

import org.jspecify.annotations.NullMarked;
