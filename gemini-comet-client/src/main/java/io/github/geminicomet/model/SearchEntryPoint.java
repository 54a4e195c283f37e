package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The Google Search suggestions that must be displayed with a grounded answer.
 *
 * @param renderedContent the HTML and CSS snippet to embed in a web page
 * @param sdkBlob base64 JSON of search terms and URLs, kept as sent
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchEntryPoint(@Nullable String renderedContent, @Nullable String sdkBlob) {

}
