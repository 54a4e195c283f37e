package io.github.geminicomet.springai;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

import io.github.geminicomet.model.HarmBlockThreshold;
import io.github.geminicomet.model.HarmCategory;
import io.github.geminicomet.model.SafetySetting;
import io.github.geminicomet.model.ThinkingLevel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiCometChatOptions}.
 */
class GeminiCometChatOptionsTests {

	private final GeminiCometChatOptions defaults = GeminiCometChatOptions.builder()
		.model("gemini-3-pro-preview")
		.temperature(0.2)
		.thinkingLevel(ThinkingLevel.LOW)
		.safetySettings(List.of(SafetySetting.of(HarmCategory.HARM_CATEGORY_HATE_SPEECH,
				HarmBlockThreshold.BLOCK_ONLY_HIGH)))
		.googleSearch(true)
		.labels(Map.of("team", "search"))
		.build();

	@Test
	void mutateCopiesEveryOption() {
		GeminiCometChatOptions copy = this.defaults.mutate().build();
		assertThat(copy).isEqualTo(this.defaults).hasSameHashCodeAs(this.defaults).isNotSameAs(this.defaults);
		assertThat(copy.getSafetySettings()).isEqualTo(this.defaults.getSafetySettings());
		assertThat(copy.getLabels()).containsEntry("team", "search");
	}

	@Test
	void combineWithTakesEveryValueTheOtherSets() {
		GeminiCometChatOptions merged = this.defaults.mutate()
			.combineWith(GeminiCometChatOptions.builder().temperature(0.9).includeThoughts(true).codeExecution(true))
			.build();
		assertThat(merged.getModel()).isEqualTo("gemini-3-pro-preview");
		assertThat(merged.getTemperature()).isEqualTo(0.9);
		assertThat(merged.getThinkingLevel()).isEqualTo(ThinkingLevel.LOW);
		assertThat(merged.getIncludeThoughts()).isTrue();
		assertThat(merged.getGoogleSearch()).isTrue();
		assertThat(merged.getCodeExecution()).isTrue();
		assertThat(this.defaults.getTemperature()).isEqualTo(0.2);
	}

	@Test
	void portableOptionsCombineOverGeminiDefaults() {
		GeminiCometChatOptions merged = (GeminiCometChatOptions) this.defaults.mutate()
			.combineWith(ChatOptions.builder().topK(5).maxTokens(64))
			.build();
		assertThat(merged.getTopK()).isEqualTo(5);
		assertThat(merged.getMaxOutputTokens()).isEqualTo(64);
		assertThat(merged.getGoogleSearch()).isTrue();
	}

	@Test
	void promptOptionsOfAnotherTypeAreMergedOverTheDefaults() {
		GeminiCometChatOptions merged = this.defaults
			.merge(ToolCallingChatOptions.builder().temperature(0.5).toolContext("user", "ada").build());
		assertThat(merged.getTemperature()).isEqualTo(0.5);
		assertThat(merged.getModel()).isEqualTo("gemini-3-pro-preview");
		assertThat(merged.getToolContext()).containsEntry("user", "ada");
		assertThat(merged.getThinkingLevel()).isEqualTo(ThinkingLevel.LOW);
		assertThat(this.defaults.merge(null)).isSameAs(this.defaults);
	}

}
