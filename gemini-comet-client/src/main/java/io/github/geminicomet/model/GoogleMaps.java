package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Options of the Google Maps grounding tool; {@code new GoogleMaps(null)} is sent as {@code {}}.
 *
 * @param enableWidget whether to return a widget context token in the grounding metadata
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoogleMaps(@Nullable Boolean enableWidget) {

}
