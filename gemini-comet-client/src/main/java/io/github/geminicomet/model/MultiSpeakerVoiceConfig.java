package io.github.geminicomet.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The voices of a multi-speaker conversation.
 *
 * @param speakerVoiceConfigs one voice per speaker
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MultiSpeakerVoiceConfig(@Nullable List<SpeakerVoiceConfig> speakerVoiceConfigs) {

	public MultiSpeakerVoiceConfig {
		speakerVoiceConfigs = ModelSupport.copy(speakerVoiceConfigs);
	}

}
