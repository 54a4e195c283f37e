/**
 * Wire model of Gemini's native v1beta API: requests, responses, parts, configurations and enums as
 * immutable records whose components are the JSON field names.
 */
@NullMarked
package io.github.geminicomet.model;

import org.jspecify.annotations.NullMarked;
