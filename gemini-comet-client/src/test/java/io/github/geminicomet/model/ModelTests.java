package io.github.geminicomet.model;

import org.junit.jupiter.api.Test;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Model} and {@link ListModelsResponse}.
 */
class ModelTests {

	@Test
	void listModelsResponseIsRead() {
		String json = """
				{"models":[
				  {"name":"models/gemini-3.5-flash-lite","version":"001","displayName":"Gemini 2.5 Flash",
				   "description":"Fast model","inputTokenLimit":1048576,"outputTokenLimit":65536,
				   "supportedGenerationMethods":["generateContent","countTokens","createCachedContent"],
				   "temperature":1.0,"topP":0.95,"topK":64,"maxTemperature":2.0,"thinking":true,"newField":"x"},
				  {"name":"models/gemini-embedding-001","supportedGenerationMethods":["embedContent"]}],
				 "nextPageToken":"page-2"}
				""";
		ListModelsResponse response = mapper.readValue(json, ListModelsResponse.class);
		assertThat(response.nextPageToken()).isEqualTo("page-2");
		assertThat(response.models()).hasSize(2);
		Model flash = response.models().get(0);
		assertThat(flash.name()).isEqualTo("models/gemini-3.5-flash-lite");
		assertThat(flash.inputTokenLimit()).isEqualTo(1048576);
		assertThat(flash.outputTokenLimit()).isEqualTo(65536);
		assertThat(flash.supportedGenerationMethods()).contains("generateContent");
		assertThat(flash.maxTemperature()).isEqualTo(2.0);
		assertThat(flash.thinking()).isTrue();
		assertThat(response.models().get(1).thinking()).isNull();
	}

}
