package io.github.geminicomet.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static io.github.geminicomet.model.ModelFixtures.read;
import static io.github.geminicomet.model.ModelFixtures.tree;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Part}.
 */
class PartTests {

	@Test
	void textWritesOnlyText() {
		assertThat(write(Part.text("hello"))).isEqualTo("{\"text\":\"hello\"}");
	}

	@Test
	void inlineDataWritesBase64OfTheBytes() {
		Part part = Part.inlineData("application/octet-stream", new byte[] { 0, 1, 2, (byte) 0xfb, (byte) 0xff });
		assertThat(write(part))
			.isEqualTo("{\"inlineData\":{\"mimeType\":\"application/octet-stream\",\"data\":\"AAEC+/8=\"}}");
		assertThat(part.inlineData().bytes()).containsExactly(0, 1, 2, 0xfb, 0xff);
	}

	@Test
	void fileDataWritesTheUri() {
		assertThat(write(Part.fileData("video/mp4", "https://example.com/files/abc")))
			.isEqualTo("{\"fileData\":{\"mimeType\":\"video/mp4\",\"fileUri\":\"https://example.com/files/abc\"}}");
	}

	@Test
	void functionCallWritesNameAndArgs() {
		assertThat(write(Part.functionCall("lookup", Map.of("q", "x"))))
			.isEqualTo("{\"functionCall\":{\"name\":\"lookup\",\"args\":{\"q\":\"x\"}}}");
	}

	@Test
	void functionResponseWritesNameAndResponse() {
		assertThat(write(Part.functionResponse("lookup", Map.of("output", 3))))
			.isEqualTo("{\"functionResponse\":{\"name\":\"lookup\",\"response\":{\"output\":3}}}");
	}

	@Test
	void functionResponseWithIdWritesTheId() {
		assertThat(write(Part.functionResponse("fc-9", "lookup", Map.of("error", "not found"))))
			.isEqualTo("{\"functionResponse\":{\"id\":\"fc-9\",\"name\":\"lookup\","
					+ "\"response\":{\"error\":\"not found\"}}}");
	}

	@Test
	void nullValuesOfStructMapsAreKeptInOrder() {
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("z", null);
		response.put("a", List.of(1, 2));
		Part part = Part.functionResponse("f", response);
		assertThat(write(part))
			.isEqualTo("{\"functionResponse\":{\"name\":\"f\",\"response\":{\"z\":null,\"a\":[1,2]}}}");
		assertThat(part.functionResponse().response()).containsKeys("z", "a");
	}

	@Test
	void isThoughtReflectsTheThoughtFlag() {
		assertThat(mapper.readValue("{\"text\":\"t\",\"thought\":true}", Part.class).isThought()).isTrue();
		assertThat(mapper.readValue("{\"text\":\"t\",\"thought\":false}", Part.class).isThought()).isFalse();
		assertThat(mapper.readValue("{\"text\":\"t\"}", Part.class).isThought()).isFalse();
	}

	@Test
	void thoughtFlagIsReadAndWrittenDespiteTheIsThoughtMethod() {
		Part part = mapper.readValue("{\"text\":\"t\",\"thought\":true}", Part.class);
		assertThat(part.thought()).isTrue();
		assertThat(write(part)).isEqualTo("{\"text\":\"t\",\"thought\":true}");
		assertThat(write(Part.text("t"))).doesNotContain("thought");
	}

	@Test
	void thoughtSignatureSurvivesAReadWriteRoundTripByteForByte() {
		String original = tree("response-thoughts-and-text.json").at("/candidates/0/content/parts/3/thoughtSignature")
			.asString();
		assertThat(original).hasSizeGreaterThan(2000).contains("+").contains("/");
		GenerateContentResponse response = read("response-thoughts-and-text.json", GenerateContentResponse.class);
		Content content = response.firstCandidate().content();
		String written = write(content);
		assertThat(mapper.readTree(written).at("/parts/3/thoughtSignature").asString()).isEqualTo(original);
		assertThat(written).contains("\"thoughtSignature\":\"" + original + "\"");
		GenerateContentRequest followUp = GenerateContentRequest.of(Content.user("Why?"), content,
				Content.user("Thanks"));
		assertThat(write(followUp)).contains("\"thoughtSignature\":\"" + original + "\"");
	}

	@Test
	void functionCallPartWithSignatureIsReplayedUnchanged() {
		GenerateContentResponse response = read("response-parallel-function-calls.json",
				GenerateContentResponse.class);
		String written = write(response.firstCandidate().content());
		assertThat(mapper.readTree(written))
			.isEqualTo(tree("response-parallel-function-calls.json").at("/candidates/0/content"));
	}

	@Test
	void serverSideToolPartsAreKept() {
		String json = "{\"toolCall\":{\"id\":\"t1\",\"toolType\":\"GOOGLE_SEARCH_WEB\",\"args\":{\"queries\":[\"q\"]}},"
				+ "\"thoughtSignature\":\"c2ln\"}";
		Part part = mapper.readValue(json, Part.class);
		assertThat(part.toolCall().toolType()).isEqualTo("GOOGLE_SEARCH_WEB");
		assertThat(mapper.readTree(write(part))).isEqualTo(mapper.readTree(json));
	}

}
