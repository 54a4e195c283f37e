/**
 * Reactive client for Gemini's native API through CometAPI: {@link io.github.geminicomet.GeminiOperations},
 * {@link io.github.geminicomet.GeminiTemplate} and the exceptions they signal.
 */
@NullMarked
package io.github.geminicomet;

import org.jspecify.annotations.NullMarked;
