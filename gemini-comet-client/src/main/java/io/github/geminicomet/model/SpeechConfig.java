package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Speech generation options, for the {@code AUDIO} response modality.
 *
 * @param voiceConfig the voice, for a single speaker
 * @param multiSpeakerVoiceConfig the voices, for several speakers
 * @param languageCode the BCP 47 language code of the speech, such as {@code en-US}
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpeechConfig(@Nullable VoiceConfig voiceConfig,
		@Nullable MultiSpeakerVoiceConfig multiSpeakerVoiceConfig, @Nullable String languageCode) {

	/**
	 * Create a speech configuration with one prebuilt voice.
	 * @param voiceName the name of the prebuilt voice, such as {@code Kore}
	 * @return the configuration
	 */
	public static SpeechConfig voice(String voiceName) {
		return new SpeechConfig(VoiceConfig.prebuilt(voiceName), null, null);
	}

}
