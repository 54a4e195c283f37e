/**
 * Problem details (RFC 9457) for the Gemini errors that reach a WebFlux application's endpoints.
 */
@NullMarked
package io.github.geminicomet.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
