package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a file: a Files API URI or a supported URL.
 *
 * @param mimeType the IANA media type of the file
 * @param fileUri the URI of the file
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileData(@Nullable String mimeType, @Nullable String fileUri) {

}
