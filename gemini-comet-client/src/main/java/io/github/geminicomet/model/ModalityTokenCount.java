package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A number of tokens of one modality.
 *
 * @param modality the modality
 * @param tokenCount the number of tokens
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModalityTokenCount(@Nullable Modality modality, @Nullable Integer tokenCount) {

}
