package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Location and language of the user, for retrieval tools such as Google Maps.
 *
 * @param latLng the location of the user
 * @param languageCode the language of the user, such as {@code en_US}
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievalConfig(@Nullable LatLng latLng, @Nullable String languageCode) {

}
