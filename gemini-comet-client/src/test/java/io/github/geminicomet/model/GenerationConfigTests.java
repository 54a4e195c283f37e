package io.github.geminicomet.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GenerationConfig}.
 */
class GenerationConfigTests {

	@Test
	void builderWritesOnlyTheFieldsSet() {
		GenerationConfig config = GenerationConfig.builder()
			.maxOutputTokens(256)
			.responseModalities(Modality.TEXT, Modality.IMAGE)
			.imageConfig(ImageConfig.of("16:9", "2K"))
			.build();
		assertThat(write(config)).isEqualTo("{\"maxOutputTokens\":256,\"responseModalities\":[\"TEXT\",\"IMAGE\"],"
				+ "\"imageConfig\":{\"aspectRatio\":\"16:9\",\"imageSize\":\"2K\"}}");
	}

	@Test
	void emptyConfigWritesAnEmptyObject() {
		assertThat(write(GenerationConfig.builder().build())).isEqualTo("{}");
	}

	@Test
	void everyFieldIsWrittenAndReadBack() {
		GenerationConfig config = GenerationConfig.builder()
			.candidateCount(2)
			.stopSequences(List.of("x"))
			.maxOutputTokens(10)
			.temperature(0.1)
			.topP(0.2)
			.topK(3)
			.seed(4)
			.responseMimeType("application/json")
			.responseJsonSchema(Map.of("type", "object"))
			.presencePenalty(0.3)
			.frequencyPenalty(0.4)
			.responseLogprobs(true)
			.logprobs(5)
			.enableEnhancedCivicAnswers(false)
			.responseModalities(List.of(Modality.AUDIO))
			.speechConfig(SpeechConfig.voice("Kore"))
			.thinkingConfig(ThinkingConfig.budget(1024))
			.imageConfig(new ImageConfig("1:1", null))
			.mediaResolution(GenerationConfig.MediaResolution.MEDIA_RESOLUTION_LOW)
			.build();
		String json = write(config);
		assertThat(json)
			.contains("\"speechConfig\":{\"voiceConfig\":{\"prebuiltVoiceConfig\":{\"voiceName\":\"Kore\"}}}")
			.contains("\"thinkingConfig\":{\"thinkingBudget\":1024}")
			.contains("\"mediaResolution\":\"MEDIA_RESOLUTION_LOW\"")
			.contains("\"responseJsonSchema\":{\"type\":\"object\"}");
		assertThat(mapper.readValue(json, GenerationConfig.class)).isEqualTo(config);
		assertThat(config.toBuilder().build()).isEqualTo(config);
	}

	@Test
	void toBuilderLeavesTheOriginalUnchanged() {
		GenerationConfig original = GenerationConfig.builder().temperature(0.5).build();
		GenerationConfig changed = original.toBuilder().temperature(0.9).topK(5).build();
		assertThat(original.temperature()).isEqualTo(0.5);
		assertThat(original.topK()).isNull();
		assertThat(changed.temperature()).isEqualTo(0.9);
	}

	@Test
	void mergedOverFillsUnsetFieldsFromTheDefaults() {
		GenerationConfig defaults = GenerationConfig.builder()
			.temperature(0.7)
			.maxOutputTokens(2048)
			.stopSequences("STOP")
			.build();
		GenerationConfig perCall = GenerationConfig.builder().temperature(0.1).topK(8).build();
		GenerationConfig merged = perCall.mergedOver(defaults);
		assertThat(merged.temperature()).isEqualTo(0.1);
		assertThat(merged.topK()).isEqualTo(8);
		assertThat(merged.maxOutputTokens()).isEqualTo(2048);
		assertThat(merged.stopSequences()).containsExactly("STOP");
		assertThat(merged.topP()).isNull();
		assertThat(perCall.maxOutputTokens()).isNull();
		assertThat(defaults.temperature()).isEqualTo(0.7);
	}

	@Test
	void mergedOverNullDefaultsIsTheSameConfig() {
		GenerationConfig config = GenerationConfig.builder().seed(1).build();
		assertThat(config.mergedOver(null)).isSameAs(config);
	}

	@Test
	void mergedOverMergesThinkingConfigFieldByField() {
		GenerationConfig defaults = GenerationConfig.builder()
			.thinkingConfig(ThinkingConfig.level(ThinkingLevel.HIGH).withIncludeThoughts(true))
			.build();
		GenerationConfig perCall = GenerationConfig.builder()
			.thinkingConfig(ThinkingConfig.level(ThinkingLevel.LOW))
			.build();
		assertThat(perCall.mergedOver(defaults).thinkingConfig())
			.isEqualTo(new ThinkingConfig(true, null, ThinkingLevel.LOW));
		assertThat(GenerationConfig.builder().build().mergedOver(defaults).thinkingConfig())
			.isEqualTo(defaults.thinkingConfig());
	}

	@Test
	void mergedOverTakesNeitherSchemaFromTheDefaultsWhenOneIsSet() {
		GenerationConfig defaults = GenerationConfig.builder()
			.responseMimeType("application/json")
			.responseSchema(Schema.of(Schema.Type.STRING))
			.build();
		GenerationConfig perCall = GenerationConfig.builder().responseJsonSchema(Map.of("type", "integer")).build();
		GenerationConfig merged = perCall.mergedOver(defaults);
		assertThat(merged.responseSchema()).isNull();
		assertThat(merged.responseJsonSchema()).isEqualTo(Map.of("type", "integer"));
		assertThat(merged.responseMimeType()).isEqualTo("application/json");
		assertThat(GenerationConfig.builder().build().mergedOver(defaults).responseSchema())
			.isEqualTo(Schema.of(Schema.Type.STRING));
	}

}
