/**
 * Ahead-of-time support: the runtime hints a native image of an application using the client needs.
 */
@NullMarked
package io.github.geminicomet.aot;

import org.jspecify.annotations.NullMarked;
