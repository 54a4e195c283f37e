/**
 * Client-side quota shared by the templates of one API key: the limits, the store SPI that keeps their
 * state (in memory, or in Redis for many instances) and the statistics.
 */
@NullMarked
package io.github.geminicomet.quota;

import org.jspecify.annotations.NullMarked;
