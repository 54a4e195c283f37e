/**
 * Spring AI bridge: {@link io.github.geminicomet.springai.GeminiCometChatModel} and
 * {@link io.github.geminicomet.springai.GeminiCometEmbeddingModel} over a reactive
 * {@link io.github.geminicomet.GeminiOperations}.
 */
@NullMarked
package io.github.geminicomet.springai;

import org.jspecify.annotations.NullMarked;
