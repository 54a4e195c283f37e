/**
 * Auto-configuration of the Gemini health indicator ({@code management.health.gemini.*}).
 */
@NullMarked
package io.github.geminicomet.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
