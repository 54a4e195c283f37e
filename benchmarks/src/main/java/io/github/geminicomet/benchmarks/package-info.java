/**
 * Benchmarks of {@code GeminiTemplate} against a raw Reactor Netty client and the peers, on a fake
 * Gemini on loopback.
 */
@NullMarked
package io.github.geminicomet.benchmarks;

import org.jspecify.annotations.NullMarked;
