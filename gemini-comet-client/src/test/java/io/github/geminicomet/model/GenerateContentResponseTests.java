package io.github.geminicomet.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.JsonNode;

import static io.github.geminicomet.model.ModelFixtures.json;
import static io.github.geminicomet.model.ModelFixtures.read;
import static io.github.geminicomet.model.ModelFixtures.tree;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link GenerateContentResponse}.
 */
class GenerateContentResponseTests {

	@Test
	void thoughtsAreSeparatedFromTheVisibleText() {
		GenerateContentResponse response = read("response-thoughts-and-text.json", GenerateContentResponse.class);
		assertThat(response.text()).isEqualTo("The answer is 42.");
		assertThat(response.thoughtText())
			.isEqualTo("**Weighing the options**\nThe user wants one number, so I keep it short.");
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.functionCalls()).isEmpty();
		assertThat(response.isBlocked()).isFalse();
		List<Part> parts = response.firstCandidate().content().parts();
		assertThat(parts).hasSize(4);
		assertThat(parts.get(0).isThought()).isTrue();
		assertThat(parts.get(1).isThought()).isFalse();
		assertThat(parts.get(3).text()).isEmpty();
		assertThat(parts.get(3).thoughtSignature()).hasSizeGreaterThan(2000);
		assertThat(response.modelVersion()).isEqualTo("gemini-2.5-flash");
		assertThat(response.responseId()).isEqualTo("resp-thoughts-0001");
		UsageMetadata usage = response.usageMetadata();
		assertThat(usage.promptTokenCount()).isEqualTo(9);
		assertThat(usage.candidatesTokenCount()).isEqualTo(5);
		assertThat(usage.thoughtsTokenCount()).isEqualTo(118);
		assertThat(usage.totalTokenCount()).isEqualTo(132);
		assertThat(usage.serviceTier()).isEqualTo("standard");
		assertThat(usage.promptTokensDetails()).containsExactly(new ModalityTokenCount(Modality.TEXT, 9));
	}

	@Test
	void parallelFunctionCallsAreReadInOrderWithTheirIds() {
		GenerateContentResponse response = read("response-parallel-function-calls.json",
				GenerateContentResponse.class);
		List<FunctionCall> calls = response.functionCalls();
		assertThat(calls).extracting(FunctionCall::id).containsExactly("fc-aa11", "fc-bb22", "fc-cc33");
		assertThat(calls).extracting(FunctionCall::name).containsExactly("get_weather", "get_weather", "book_table");
		assertThat(calls.get(0).args()).containsExactly(entry("city", "Lisbon"), entry("unit", "C"));
		Map<String, Object> args = calls.get(2).args();
		assertThat(args).containsEntry("guests", 4)
			.containsEntry("outdoor", true)
			.containsEntry("note", null)
			.containsEntry("times", List.of("19:00", "19:30"))
			.containsEntry("place", Map.of("name", "Tasca", "rating", 4.5));
		assertThat(args.keySet()).containsExactly("guests", "outdoor", "note", "times", "place");
		assertThat(response.firstCandidate().content().parts().get(0).thoughtSignature()).isNotBlank();
		assertThat(response.firstCandidate().finishMessage()).isEqualTo("Model generated function call(s).");
		assertThat(response.text()).isEmpty();
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
	}

	@Test
	void groundingMetadataIsRead() {
		GenerateContentResponse response = read("response-grounding.json", GenerateContentResponse.class);
		GroundingMetadata grounding = response.firstCandidate().groundingMetadata();
		assertThat(grounding.webSearchQueries()).containsExactly("lisbon weather today", "lisbon forecast this week");
		assertThat(grounding.searchEntryPoint().renderedContent()).startsWith("<div class=\"chips\">");
		assertThat(grounding.groundingChunks()).extracting((chunk) -> chunk.web().title())
			.containsExactly("weather.example.org", "forecast.example.net");
		assertThat(grounding.groundingChunks().get(0).web().uri()).isEqualTo("https://example.org/redirect/abc");
		GroundingSupport first = grounding.groundingSupports().get(0);
		assertThat(first.segment()).isEqualTo(new Segment(null, null, 41, "Lisbon is sunny today, around 24 degrees."));
		assertThat(first.groundingChunkIndices()).containsExactly(0);
		assertThat(first.confidenceScores()).containsExactly(0.92);
		GroundingSupport second = grounding.groundingSupports().get(1);
		assertThat(second.segment().startIndex()).isEqualTo(42);
		assertThat(second.segment().endIndex()).isEqualTo(73);
		assertThat(second.groundingChunkIndices()).containsExactly(0, 1);
		assertThat(second.confidenceScores()).containsExactly(0.81, 0.64);
		assertThat(grounding.retrievalMetadata().googleSearchDynamicRetrievalScore()).isEqualTo(0.73);
		assertThat(response.usageMetadata().toolUsePromptTokenCount()).isEqualTo(97);
		assertThat(response.usageMetadata().toolUsePromptTokensDetails())
			.containsExactly(new ModalityTokenCount(Modality.TEXT, 97));
	}

	@Test
	void fileSearchChunksAndServerSideToolPartsAreRead() {
		GenerateContentResponse response = read("response-file-search.json", GenerateContentResponse.class);
		List<Part> parts = response.firstCandidate().content().parts();
		assertThat(parts.get(0).toolCall()).isEqualTo(
				new ToolCall("tc-7", "FILE_SEARCH", Map.of("queries", List.of("opening hours"))));
		assertThat(parts.get(1).toolResponse()).isEqualTo(new ToolResponse("tc-7", "FILE_SEARCH", Map.of("chunks", 2)));
		assertThat(response.text()).isEqualTo("The shop opens at nine.");
		GroundingChunk.RetrievedContext context = response.firstCandidate()
			.groundingMetadata()
			.groundingChunks()
			.get(0)
			.retrievedContext();
		assertThat(context.fileSearchStore()).isEqualTo("fileSearchStores/shop-docs-1");
		assertThat(context.title()).isEqualTo("hours.md");
		assertThat(context.customMetadata()).containsExactly(
				new GroundingChunk.CustomMetadata("source", "https://example.com/hours", null, null),
				new GroundingChunk.CustomMetadata("tags", null,
						new GroundingChunk.CustomMetadata.StringList(List.of("hours", "shop")), null),
				new GroundingChunk.CustomMetadata("version", null, null, 2.5));
	}

	@Test
	void codeExecutionPartsAreRead() {
		GenerateContentResponse response = read("response-code-execution.json", GenerateContentResponse.class);
		List<Part> parts = response.firstCandidate().content().parts();
		ExecutableCode code = parts.get(0).executableCode();
		assertThat(code.id()).isEqualTo("ex-01");
		assertThat(code.language()).isEqualTo(ExecutableCode.Language.PYTHON);
		assertThat(code.code()).isEqualTo("total = sum(range(1, 11))\nprint(total)\n");
		assertThat(parts.get(0).thoughtSignature()).isNotBlank();
		CodeExecutionResult result = parts.get(1).codeExecutionResult();
		assertThat(result).isEqualTo(new CodeExecutionResult("ex-01", CodeExecutionResult.Outcome.OUTCOME_OK, "55\n"));
		assertThat(response.text()).isEqualTo("The sum of 1 to 10 is 55.");
		assertThat(response.usageMetadata().toolUsePromptTokenCount()).isEqualTo(210);
	}

	@Test
	void inlineImageDataIsKeptAsBase64AndDecodedOnRequest() {
		GenerateContentResponse response = read("response-inline-image.json", GenerateContentResponse.class);
		Blob image = response.firstCandidate().content().parts().get(1).inlineData();
		assertThat(image.mimeType()).isEqualTo("image/png");
		assertThat(image.data()).isEqualTo(
				tree("response-inline-image.json").at("/candidates/0/content/parts/1/inlineData/data").asString());
		assertThat(image.bytes()).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A).hasSize(32);
		assertThat(response.text()).isEqualTo("Here is a tiny square.");
		assertThat(response.usageMetadata().candidatesTokensDetails()).containsExactly(
				new ModalityTokenCount(Modality.IMAGE, 1290), new ModalityTokenCount(Modality.TEXT, 6));
	}

	@Test
	void blockedPromptHasFeedbackAndNoCandidates() {
		GenerateContentResponse response = read("response-prompt-blocked.json", GenerateContentResponse.class);
		assertThat(response.candidates()).isNull();
		assertThat(response.firstCandidate()).isNull();
		assertThat(response.promptFeedback().blockReason()).isEqualTo(BlockReason.SAFETY);
		assertThat(response.promptFeedback().safetyRatings()).containsExactly(
				new SafetyRating(HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT, HarmProbability.HIGH, true),
				new SafetyRating(HarmCategory.HARM_CATEGORY_HARASSMENT, HarmProbability.NEGLIGIBLE, null));
		assertThat(response.isBlocked()).isTrue();
		assertThat(response.finishReason()).isNull();
		assertThat(response.text()).isEmpty();
		assertThat(response.thoughtText()).isEmpty();
		assertThat(response.functionCalls()).isEmpty();
	}

	@Test
	void maxTokensWithoutPartsHasNoText() {
		GenerateContentResponse response = read("response-max-tokens-no-parts.json", GenerateContentResponse.class);
		Candidate candidate = response.firstCandidate();
		assertThat(candidate.content()).isEqualTo(new Content(null, null));
		assertThat(candidate.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
		assertThat(response.text()).isEmpty();
		assertThat(response.thoughtText()).isEmpty();
		assertThat(response.functionCalls()).isEmpty();
		assertThat(response.isBlocked()).isFalse();
		assertThat(response.usageMetadata().thoughtsTokenCount()).isEqualTo(31);
		assertThat(response.usageMetadata().candidatesTokenCount()).isNull();
	}

	@Test
	void safetyFinishHasBlockedRatings() {
		GenerateContentResponse response = read("response-safety.json", GenerateContentResponse.class);
		assertThat(response.finishReason()).isEqualTo(FinishReason.SAFETY);
		assertThat(response.isBlocked()).isTrue();
		assertThat(response.text()).isEmpty();
		List<SafetyRating> ratings = response.firstCandidate().safetyRatings();
		assertThat(ratings).extracting(SafetyRating::blocked).containsExactly(true, null, null);
		assertThat(ratings.get(0).category()).isEqualTo(HarmCategory.HARM_CATEGORY_HATE_SPEECH);
		assertThat(ratings.get(0).probability()).isEqualTo(HarmProbability.MEDIUM);
	}

	@Test
	void usageCountsAreReadAsSent() {
		GenerateContentResponse response = read("response-usage-counts.json", GenerateContentResponse.class);
		UsageMetadata usage = response.usageMetadata();
		assertThat(usage).isEqualTo(new UsageMetadata(4210, 4096, 3, 17, 27, 4257,
				List.of(new ModalityTokenCount(Modality.TEXT, 114), new ModalityTokenCount(Modality.VIDEO, 4096)),
				List.of(new ModalityTokenCount(Modality.VIDEO, 3900), new ModalityTokenCount(Modality.AUDIO, 196)),
				List.of(new ModalityTokenCount(Modality.TEXT, 3)), List.of(new ModalityTokenCount(Modality.TEXT, 17)),
				"ON_DEMAND", "standard"));
		assertThat(response.createTime()).isEqualTo("2026-01-15T10:20:30.123456Z");
	}

	@Test
	void urlContextLogprobsAndCitationsAreRead() {
		Candidate candidate = read("response-url-context-logprobs.json", GenerateContentResponse.class)
			.firstCandidate();
		assertThat(candidate.urlContextMetadata().urlMetadata()).extracting(UrlMetadata::urlRetrievalStatus)
			.containsExactly(UrlMetadata.UrlRetrievalStatus.URL_RETRIEVAL_STATUS_SUCCESS,
					UrlMetadata.UrlRetrievalStatus.URL_RETRIEVAL_STATUS_PAYWALL);
		assertThat(candidate.avgLogprobs()).isEqualTo(-0.4375);
		LogprobsResult logprobs = candidate.logprobsResult();
		assertThat(logprobs.logProbabilitySum()).isEqualTo(-1.75);
		assertThat(logprobs.chosenCandidates()).containsExactly(new LogprobsResult.Candidate("The", 651, -0.125));
		assertThat(logprobs.topCandidates().get(0).candidates()).extracting(LogprobsResult.Candidate::token)
			.containsExactly("The", "This");
		assertThat(candidate.citationMetadata().citationSources())
			.containsExactly(new CitationSource(4, 35, "https://example.com/sample", "MIT"));
	}

	@Test
	void unknownFieldsAreIgnoredAndUnknownEnumValuesReadAsUnknown() {
		GenerateContentResponse response = read("response-unknown-fields-and-values.json",
				GenerateContentResponse.class);
		assertThat(response.finishReason()).isEqualTo(FinishReason.UNKNOWN);
		assertThat(response.isBlocked()).isFalse();
		assertThat(response.text()).isEqualTo("Hello from the future.");
		Candidate candidate = response.firstCandidate();
		assertThat(candidate.content().parts()).hasSize(2);
		assertThat(candidate.content().parts().get(1))
			.isEqualTo(new Part(null, null, null, null, null, null, null, null, null, null, null, null, null));
		assertThat(candidate.safetyRatings())
			.containsExactly(new SafetyRating(HarmCategory.UNKNOWN, HarmProbability.UNKNOWN, null));
		assertThat(candidate.urlContextMetadata().urlMetadata().get(0).urlRetrievalStatus())
			.isEqualTo(UrlMetadata.UrlRetrievalStatus.UNKNOWN);
		assertThat(response.usageMetadata().promptTokensDetails())
			.containsExactly(new ModalityTokenCount(Modality.UNKNOWN, 3));
		assertThat(response.usageMetadata().totalTokenCount()).isEqualTo(9);
		assertThat(response.modelVersion()).isEqualTo("gemini-9-ultra");
	}

	@Test
	void unknownBlockReasonStillCountsAsBlocked() {
		GenerateContentResponse response = ModelFixtures.mapper
			.readValue("{\"promptFeedback\":{\"blockReason\":\"BRAND_NEW_FILTER\"}}", GenerateContentResponse.class);
		assertThat(response.promptFeedback().blockReason()).isEqualTo(BlockReason.UNKNOWN);
		assertThat(response.isBlocked()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "response-thoughts-and-text.json", "response-parallel-function-calls.json",
			"response-grounding.json", "response-code-execution.json", "response-inline-image.json",
			"response-prompt-blocked.json", "response-max-tokens-no-parts.json", "response-safety.json",
			"response-usage-counts.json", "response-url-context-logprobs.json", "response-file-search.json" })
	void writingAResponseBackReproducesItExactly(String fixture) throws Exception {
		GenerateContentResponse response = read(fixture, GenerateContentResponse.class);
		JSONAssert.assertEquals(json(fixture), write(response), JSONCompareMode.STRICT);
	}

	@Test
	void convenienceMethodsAreNeverWritten() {
		GenerateContentResponse response = read("response-thoughts-and-text.json", GenerateContentResponse.class);
		JsonNode written = ModelFixtures.mapper.readTree(write(response));
		assertThat(written.propertyNames()).containsExactlyInAnyOrder("candidates", "usageMetadata", "modelVersion",
				"responseId");
		assertThat(written.get("candidates").get(0).propertyNames()).containsExactlyInAnyOrder("content",
				"finishReason", "index");
		assertThat(written.get("candidates").get(0).get("content").propertyNames())
			.containsExactlyInAnyOrder("role", "parts");
		assertThat(written.at("/candidates/0/content/parts/1").propertyNames()).containsExactly("text");
		assertThat(write(new GenerateContentResponse(null, null, null, null, null, null))).isEqualTo("{}");
	}

	@Test
	void emptyResponseHasEmptyConvenienceValues() {
		GenerateContentResponse response = new GenerateContentResponse(List.of(), null, null, null, null, null);
		assertThat(response.firstCandidate()).isNull();
		assertThat(response.text()).isEmpty();
		assertThat(response.thoughtText()).isEmpty();
		assertThat(response.functionCalls()).isEmpty();
		assertThat(response.finishReason()).isNull();
		assertThat(response.isBlocked()).isFalse();
	}

	@Test
	void candidateWithoutContentHasEmptyText() {
		GenerateContentResponse response = ModelFixtures.mapper
			.readValue("{\"candidates\":[{\"finishReason\":\"STOP\"}]}", GenerateContentResponse.class);
		assertThat(response.text()).isEmpty();
		assertThat(response.thoughtText()).isEmpty();
		assertThat(response.functionCalls()).isEmpty();
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
	}

	@Test
	void firstCandidateIsTheOneWithIndexZero() {
		GenerateContentResponse response = ModelFixtures.mapper.readValue(
				"{\"candidates\":[{\"index\":1,\"content\":{\"parts\":[{\"text\":\"second\"}]}},"
						+ "{\"index\":0,\"content\":{\"parts\":[{\"text\":\"first\"}]}}]}",
				GenerateContentResponse.class);
		assertThat(response.text()).isEqualTo("first");
	}

	@Test
	void firstCandidateWithoutIndexZeroIsTheFirstOfTheList() {
		GenerateContentResponse response = ModelFixtures.mapper.readValue(
				"{\"candidates\":[{\"index\":2,\"content\":{\"parts\":[{\"text\":\"a\"}]}},"
						+ "{\"index\":3,\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}",
				GenerateContentResponse.class);
		assertThat(response.firstCandidate().index()).isEqualTo(2);
		assertThat(response.text()).isEqualTo("a");
	}

	@ParameterizedTest
	@EnumSource(names = { "SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "IMAGE_SAFETY",
			"IMAGE_PROHIBITED_CONTENT" })
	void blockingFinishReasonMakesTheResponseBlocked(FinishReason reason) {
		assertThat(responseFinishingWith(reason).isBlocked()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(names = { "STOP", "MAX_TOKENS", "OTHER", "MALFORMED_FUNCTION_CALL", "UNKNOWN" })
	void otherFinishReasonsDoNotMakeTheResponseBlocked(FinishReason reason) {
		assertThat(responseFinishingWith(reason).isBlocked()).isFalse();
	}

	private static GenerateContentResponse responseFinishingWith(FinishReason reason) {
		Candidate candidate = new Candidate(0, Content.model("x"), reason, null, null, null, null, null, null, null,
				null);
		return new GenerateContentResponse(List.of(candidate), null, null, null, null, null);
	}

}
