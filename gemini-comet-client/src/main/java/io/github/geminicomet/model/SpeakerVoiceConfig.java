package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The voice of one speaker of a multi-speaker conversation.
 *
 * @param speaker the name of the speaker, as used in the prompt
 * @param voiceConfig the voice of the speaker
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpeakerVoiceConfig(@Nullable String speaker, @Nullable VoiceConfig voiceConfig) {

}
