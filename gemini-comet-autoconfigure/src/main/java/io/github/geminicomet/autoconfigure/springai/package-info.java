/**
 * Auto-configuration of gemini-comet as Spring AI's {@code ChatModel} and {@code EmbeddingModel}.
 */
@NullMarked
package io.github.geminicomet.autoconfigure.springai;

import org.jspecify.annotations.NullMarked;
