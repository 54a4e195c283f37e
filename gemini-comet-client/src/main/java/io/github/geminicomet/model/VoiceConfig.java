package io.github.geminicomet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The voice to speak with.
 *
 * @param prebuiltVoiceConfig a prebuilt voice
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VoiceConfig(@Nullable PrebuiltVoiceConfig prebuiltVoiceConfig) {

	/**
	 * Create a voice configuration with a prebuilt voice.
	 * @param voiceName the name of the prebuilt voice
	 * @return the configuration
	 */
	public static VoiceConfig prebuilt(String voiceName) {
		return new VoiceConfig(new PrebuiltVoiceConfig(voiceName));
	}

}
