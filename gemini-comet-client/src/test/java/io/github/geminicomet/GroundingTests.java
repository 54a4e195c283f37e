package io.github.geminicomet;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.CodeExecutionResult;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.ExecutableCode;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GroundingChunk;
import io.github.geminicomet.model.GroundingMetadata;
import io.github.geminicomet.model.GroundingSupport;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.Segment;
import io.github.geminicomet.model.Tool;
import io.github.geminicomet.model.UrlMetadata;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the server-side tools (Google Search, URL context, code execution, Google Maps): the tools on
 * the wire, typed grounding metadata, and answers with citation markers at UTF-8 byte offsets.
 */
@ExtendWith(BlockHoundExtension.class)
class GroundingTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String URL = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	// "Zürich" has a 2-byte character and each of "東京は日本の首都です。" is 3 bytes: byte offsets differ from
	// char offsets, so markers land in the wrong place unless offsets are read as UTF-8 bytes
	private static final String GROUNDED = """
			{"candidates":[{"content":{"role":"model","parts":[
			  {"text":"Zürich liegt in der Schweiz. 東京は日本の首都です。 Both are big cities."}]},
			 "finishReason":"STOP","index":0,
			 "groundingMetadata":{
			  "webSearchQueries":["Zürich Land","東京 首都"],
			  "searchEntryPoint":{"renderedContent":"<div class=\\"chips\\">Zürich</div>"},
			  "groundingChunks":[
			   {"web":{"uri":"https://example.org/zurich","title":"example.org"}},
			   {"web":{"uri":"https://example.jp/tokyo","title":"example.jp"}},
			   {"web":{"uri":"https://example.com/cities","title":"example.com"}}],
			  "groundingSupports":[
			   {"segment":{"startIndex":0,"endIndex":29,"text":"Zürich liegt in der Schweiz."},
			    "groundingChunkIndices":[0],"confidenceScores":[0.93]},
			   {"segment":{"startIndex":30,"endIndex":63,"text":"東京は日本の首都です。"},
			    "groundingChunkIndices":[1,2],"confidenceScores":[0.88,0.61]},
			   {"segment":{"startIndex":64,"endIndex":84,"text":"Both are big cities."},
			    "groundingChunkIndices":[0,2],"confidenceScores":[0.7,0.72]}]}}],
			 "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":30,"toolUsePromptTokenCount":95,
			  "totalTokenCount":137}}""";

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@Test
	void serverSideToolsAreOneLinersOnTheWire() throws Exception {
		respondWith(GROUNDED);
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(Content.user("Where are Zürich and Tokyo?"))
			.addTool(Tool.GOOGLE_SEARCH)
			.addTool(Tool.URL_CONTEXT)
			.addTool(Tool.CODE_EXECUTION)
			.addTool(Tool.GOOGLE_MAPS)
			.build();
		this.template.generateContent("gemini-3.5-flash-lite", request).block(TIMEOUT);
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[{"text":"Where are Zürich and Tokyo?"}]}],
				 "tools":[{"googleSearch":{}},{"urlContext":{}},{"codeExecution":{}},{"googleMaps":{}}]}""",
				wireMock.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void groundingMetadataIsTyped() {
		respondWith(GROUNDED);
		GroundingMetadata metadata = generate().firstCandidate().groundingMetadata();
		assertThat(metadata.webSearchQueries()).containsExactly("Zürich Land", "東京 首都");
		assertThat(metadata.searchEntryPoint().renderedContent()).isEqualTo("<div class=\"chips\">Zürich</div>");
		assertThat(metadata.groundingChunks()).extracting(GroundingChunk::web)
			.extracting(GroundingChunk.Web::uri)
			.containsExactly("https://example.org/zurich", "https://example.jp/tokyo", "https://example.com/cities");
		GroundingSupport second = metadata.groundingSupports().get(1);
		assertThat(second.segment()).isEqualTo(new Segment(null, 30, 63, "東京は日本の首都です。"));
		assertThat(second.groundingChunkIndices()).containsExactly(1, 2);
		assertThat(second.confidenceScores()).containsExactly(0.88, 0.61);
	}

	@Test
	void textWithCitationsInsertsMarkersAtUtf8ByteOffsets() {
		respondWith(GROUNDED);
		GenerateContentResponse response = generate();
		assertThat(response.textWithCitations())
			.isEqualTo("Zürich liegt in der Schweiz.[1] 東京は日本の首都です。[2][3] Both are big cities.[1][3]");
		assertThat(response.text()).isEqualTo("Zürich liegt in der Schweiz. 東京は日本の首都です。 Both are big cities.");
	}

	@Test
	void textWithCitationsTakesACustomMarker() {
		respondWith(GROUNDED);
		Candidate candidate = generate().firstCandidate();
		List<GroundingChunk> chunks = candidate.groundingMetadata().groundingChunks();
		String linked = candidate.textWithCitations((support) -> support.confidenceScores().get(0) < 0.8 ? ""
				: " ([" + chunks.get(support.groundingChunkIndices().get(0)).web().title() + "]("
						+ chunks.get(support.groundingChunkIndices().get(0)).web().uri() + "))");
		assertThat(linked).isEqualTo("Zürich liegt in der Schweiz. ([example.org](https://example.org/zurich)) "
				+ "東京は日本の首都です。 ([example.jp](https://example.jp/tokyo)) Both are big cities.");
	}

	@Test
	void textWithCitationsCountsOffsetsFromTheSegmentsPart() {
		Content content = new Content("model", List.of(Part.text("Zürich ist schön. "), Part.text("東京も。")));
		GroundingMetadata metadata = new GroundingMetadata(null, null, List.of(
				new GroundingSupport(new Segment(0, 0, 19, "Zürich ist schön."), List.of(0), null),
				new GroundingSupport(new Segment(1, 0, 12, "東京も。"), List.of(1), null),
				new GroundingSupport(new Segment(1, 0, 4, "東"), List.of(2), null)), null, null, null);
		Candidate candidate = new Candidate(0, content, null, null, null, null, null, metadata, null, null, null);
		// the third segment ends inside 京 (bytes 3 to 5 of its part): the marker moves to the character's end
		assertThat(candidate.textWithCitations()).isEqualTo("Zürich ist schön.[1] 東京[3]も。[2]");
	}

	@Test
	void textWithoutGroundingIsReturnedAsIs() {
		Candidate candidate = new Candidate(0, Content.model("Plain."), null, null, null, null, null, null, null, null,
				null);
		assertThat(candidate.textWithCitations()).isEqualTo("Plain.");
		assertThat(new GenerateContentResponse(null, null, null, null, null, null).textWithCitations()).isEmpty();
	}

	@Test
	void codeExecutionAndUrlContextResultsAreTyped() {
		respondWith("""
				{"candidates":[{"content":{"role":"model","parts":[
				  {"executableCode":{"language":"PYTHON","code":"print(sum(range(101)))"}},
				  {"codeExecutionResult":{"outcome":"OUTCOME_OK","output":"5050\\n"}},
				  {"text":"The sum is 5050."}]},
				 "finishReason":"STOP","index":0,
				 "urlContextMetadata":{"urlMetadata":[{"retrievedUrl":"https://example.org/math",
				   "urlRetrievalStatus":"URL_RETRIEVAL_STATUS_SUCCESS"}]}}]}""");
		Candidate candidate = generate().firstCandidate();
		List<Part> parts = candidate.content().parts();
		assertThat(parts.get(0).executableCode().language()).isEqualTo(ExecutableCode.Language.PYTHON);
		assertThat(parts.get(0).executableCode().code()).isEqualTo("print(sum(range(101)))");
		assertThat(parts.get(1).codeExecutionResult().outcome()).isEqualTo(CodeExecutionResult.Outcome.OUTCOME_OK);
		assertThat(parts.get(1).codeExecutionResult().output()).isEqualTo("5050\n");
		assertThat(candidate.text()).isEqualTo("The sum is 5050.");
		assertThat(candidate.urlContextMetadata().urlMetadata()).singleElement()
			.satisfies((url) -> {
				assertThat(url.retrievedUrl()).isEqualTo("https://example.org/math");
				assertThat(url.urlRetrievalStatus()).isEqualTo(UrlMetadata.UrlRetrievalStatus.URL_RETRIEVAL_STATUS_SUCCESS);
			});
	}

	private GenerateContentResponse generate() {
		return this.template.generateContent("gemini-3.5-flash-lite", GenerateContentRequest.of("Where?")).block(TIMEOUT);
	}

	private static void respondWith(String body) {
		wireMock.stubFor(post(urlEqualTo(URL)).willReturn(okJson(body)));
	}

}
