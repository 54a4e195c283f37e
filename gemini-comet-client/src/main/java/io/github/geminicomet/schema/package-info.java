/**
 * Structured output: Java types described as Gemini schemas
 * ({@link io.github.geminicomet.schema.GeminiSchemaGenerator}), answers read back as Java objects,
 * element by element for streamed JSON arrays, and validated.
 */
@NullMarked
package io.github.geminicomet.schema;

import org.jspecify.annotations.NullMarked;
