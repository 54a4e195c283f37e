package io.github.geminicomet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import io.github.geminicomet.model.FunctionCallingConfig.Mode;
import io.github.geminicomet.model.Schema.Type;

import static io.github.geminicomet.model.ModelFixtures.json;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GenerateContentRequest}.
 */
class GenerateContentRequestTests {

	@Test
	void ofPromptWritesOneUserContentWithOneTextPart() {
		assertThat(write(GenerateContentRequest.of("hi")))
			.isEqualTo("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");
	}

	@Test
	void ofContentsWritesTheConversationInOrder() {
		GenerateContentRequest request = GenerateContentRequest.of(Content.user("Hi"), Content.model("Hello!"),
				Content.user("Bye"));
		assertThat(write(request)).isEqualTo("{\"contents\":[" + "{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]},"
				+ "{\"role\":\"model\",\"parts\":[{\"text\":\"Hello!\"}]},"
				+ "{\"role\":\"user\",\"parts\":[{\"text\":\"Bye\"}]}]}");
	}

	@Test
	void fullRequestWritesEveryFieldThatWasSet() throws Exception {
		Schema parameters = Schema.builder()
			.type(Type.OBJECT)
			.property("city", Schema.builder().type(Type.STRING).description("City name").build())
			.property("unit", Schema.builder().type(Type.STRING).format("enum").enumValues("C", "F").build())
			.required("city")
			.build();
		Schema answer = Schema.builder()
			.type(Type.OBJECT)
			.property("summary", Schema.of(Type.STRING))
			.property("tempC", Schema.builder().type(Type.NUMBER).nullable(true).build())
			.required("summary")
			.propertyOrdering("summary", "tempC")
			.build();
		GenerateContentRequest request = GenerateContentRequest.builder()
			.systemInstruction("You are a terse weather assistant.")
			.addContent(Content.user("Weather in Lisbon, as JSON?"))
			.addContent(Content.model(Part.functionCall("get_weather", Map.of("city", "Lisbon"))))
			.addContent(Content.user(Part.functionResponse("fc-1", "get_weather", Map.of("tempC", 21.5))))
			.addTool(Tool.GOOGLE_SEARCH)
			.addTool(Tool.CODE_EXECUTION)
			.addTool(Tool.functions(FunctionDeclaration.of("get_weather", "Current weather for a city", parameters)))
			.toolConfig(ToolConfig.functionCalling(Mode.ANY, "get_weather"))
			.addSafetySetting(
					SafetySetting.of(HarmCategory.HARM_CATEGORY_HARASSMENT, HarmBlockThreshold.BLOCK_ONLY_HIGH))
			.addSafetySetting(
					SafetySetting.of(HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT, HarmBlockThreshold.BLOCK_NONE))
			.generationConfig(GenerationConfig.builder()
				.candidateCount(1)
				.stopSequences("END")
				.maxOutputTokens(1024)
				.temperature(0.2)
				.topP(0.95)
				.topK(40)
				.responseMimeType("application/json")
				.responseSchema(answer)
				.responseModalities(Modality.TEXT)
				.thinkingConfig(ThinkingConfig.level(ThinkingLevel.LOW).withIncludeThoughts(true))
				.build())
			.cachedContent("cachedContents/weather-cache-1")
			.build();
		JSONAssert.assertEquals(json("request-full.json"), write(request), JSONCompareMode.STRICT);
	}

	@Test
	void emptyBuilderWritesAnEmptyObject() {
		assertThat(write(GenerateContentRequest.builder().build())).isEqualTo("{}");
	}

	@Test
	void unsetFieldsAreOmitted() {
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(Content.user("hi"))
			.generationConfig(GenerationConfig.builder().temperature(0.5).build())
			.build();
		assertThat(write(request)).isEqualTo("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
				+ "\"generationConfig\":{\"temperature\":0.5}}");
	}

	@Test
	void systemInstructionFromTextHasNoRole() {
		GenerateContentRequest request = GenerateContentRequest.builder().systemInstruction("Be brief.").build();
		assertThat(write(request)).isEqualTo("{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]}}");
	}

	@Test
	void toBuilderKeepsEveryFieldAndLeavesTheOriginalUnchanged() {
		GenerateContentRequest original = GenerateContentRequest.builder()
			.addContent(Content.user("one"))
			.systemInstruction("sys")
			.addTool(Tool.URL_CONTEXT)
			.toolConfig(ToolConfig.functionCalling(Mode.AUTO))
			.addSafetySetting(SafetySetting.of(HarmCategory.HARM_CATEGORY_HATE_SPEECH, HarmBlockThreshold.OFF))
			.generationConfig(GenerationConfig.builder().seed(7).build())
			.cachedContent("cachedContents/c1")
			.build();
		assertThat(original.toBuilder().build()).isEqualTo(original);
		GenerateContentRequest changed = original.toBuilder().addContent(Content.user("two")).build();
		assertThat(changed.contents()).hasSize(2);
		assertThat(original.contents()).hasSize(1);
	}

	@Test
	void listsAreCopiedAndUnmodifiable() {
		List<Content> contents = new ArrayList<>(List.of(Content.user("one")));
		GenerateContentRequest request = GenerateContentRequest.builder().contents(contents).build();
		contents.add(Content.user("two"));
		assertThat(request.contents()).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.contents().add(Content.user("three")));
	}

	@Test
	void requestIsReadBack() {
		GenerateContentRequest read = ModelFixtures.read("request-full.json", GenerateContentRequest.class);
		assertThat(read.cachedContent()).isEqualTo("cachedContents/weather-cache-1");
		assertThat(read.tools()).hasSize(3);
		assertThat(read.tools().get(0).googleSearch()).isNotNull();
		assertThat(read.tools().get(1).codeExecution()).isNotNull();
		assertThat(read.generationConfig().thinkingConfig().thinkingLevel()).isEqualTo(ThinkingLevel.LOW);
		assertThat(read.generationConfig().responseSchema().properties()).containsOnlyKeys("summary", "tempC");
		assertThat(read.model()).isNull();
	}

}
