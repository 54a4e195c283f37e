/**
 * Test support for applications that use gemini-comet: {@link io.github.geminicomet.test.GeminiStub}, a
 * scriptable stub Gemini server on loopback, the JUnit extension that starts it, and
 * {@link io.github.geminicomet.test.AutoConfigureGeminiStub} for Spring tests.
 */
@NullMarked
package io.github.geminicomet.test;

import org.jspecify.annotations.NullMarked;
