/**
 * Decoding building blocks of the client, for internal use: not part of the supported API.
 */
@NullMarked
package io.github.geminicomet.codec;

import org.jspecify.annotations.NullMarked;
