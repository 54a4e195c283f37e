/**
 * A WebFlux application that shows each capability of gemini-comet through small REST endpoints and one
 * web page, and runs offline against an embedded fake Gemini when no key is set.
 */
@NullMarked
package io.github.geminicomet.sample;

import org.jspecify.annotations.NullMarked;
