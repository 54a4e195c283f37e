/**
 * Health indicator for the Gemini gateway, for Spring Boot's health endpoint.
 */
@NullMarked
package io.github.geminicomet.health;

import org.jspecify.annotations.NullMarked;
