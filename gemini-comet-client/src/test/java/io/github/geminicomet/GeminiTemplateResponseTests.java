package io.github.geminicomet;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.CodeExecutionResult;
import io.github.geminicomet.model.ExecutableCode;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GroundingMetadata;
import io.github.geminicomet.model.HarmCategory;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.SafetyRating;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.template;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link GeminiTemplate}: unary response shapes are parsed and returned as the API sent them.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateResponseTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String GENERATE_URL = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	private static final String SIGNATURE = "rIRMu7yrCHabPxnQt5krXT8PZ6cBeJma1M1r7L/TfhyEvY7BdG9N2xzAD6jPuTDU4akeO1wflKZq"
			+ "BasIeX+4vtoXSiaBhgXoh0UseqCy4O/AGCeTcVD80l9ekR0a5KskwL7UMpMBuGJVb6VL0CaxotmNKBXT85iYfdRTLZubcVjexL5i2Ow"
			+ "NfgM2ukShsHno2gsfN+BeDhCOG9aRZwDlkV5dgsIVVDIDq0ySNaf+vbCBv28=";

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@ParameterizedTest
	@ValueSource(strings = { "text.json", "thoughts-text-signature.json", "parallel-function-calls.json",
			"grounding.json", "code-execution.json", "inline-image.json", "prompt-blocked.json", "finish-safety.json",
			"max-tokens-no-parts.json" })
	void generateContentReturnsTheResponseAsSent(String name) throws Exception {
		String body = fixture("unary/" + name);
		respondWith(body);
		GenerateContentResponse response = generate();
		JSONAssert.assertEquals(body, this.template.getJsonMapper().writeValueAsString(response),
				JSONCompareMode.STRICT);
	}

	@Test
	void generateContentReadsPlainText() {
		respondWith(fixture("unary/text.json"));
		GenerateContentResponse response = generate();
		assertThat(response.text()).isEqualTo("Otters hold hands while they sleep.");
		assertThat(response.thoughtText()).isEmpty();
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.isBlocked()).isFalse();
		assertThat(response.usageMetadata().totalTokenCount()).isEqualTo(15);
		assertThat(response.modelVersion()).isEqualTo("gemini-2.5-flash");
		assertThat(response.responseId()).isEqualTo("tpl-text-0001");
	}

	@Test
	void generateContentKeepsThoughtsApartAndTheSignatureIntact() {
		respondWith(fixture("unary/thoughts-text-signature.json"));
		GenerateContentResponse response = generate();
		assertThat(response.text()).isEqualTo("Two spiders have 16 legs.");
		assertThat(response.thoughtText())
			.isEqualTo("**Counting legs**\nA spider has eight legs, so two spiders have sixteen.");
		List<Part> parts = response.firstCandidate().content().parts();
		assertThat(parts).hasSize(3);
		assertThat(parts).extracting(Part::isThought).containsExactly(true, false, false);
		assertThat(parts.get(2).text()).isEmpty();
		assertThat(parts.get(2).thoughtSignature()).isEqualTo(SIGNATURE);
		assertThat(response.usageMetadata().thoughtsTokenCount()).isEqualTo(64);
	}

	@Test
	void generateContentReadsParallelFunctionCallsWithIds() {
		respondWith(fixture("unary/parallel-function-calls.json"));
		GenerateContentResponse response = generate();
		List<FunctionCall> calls = response.functionCalls();
		assertThat(calls).extracting(FunctionCall::id).containsExactly("call-k1", "call-k2", "call-k3");
		assertThat(calls).extracting(FunctionCall::name).containsExactly("find_flights", "find_flights", "local_time");
		assertThat(calls.get(0).args()).containsExactly(entry("from", "OPO"), entry("to", "ZRH"));
		assertThat(calls.get(1).args()).containsExactly(entry("from", "OPO"), entry("to", "GVA"));
		assertThat(calls.get(2).args()).isEmpty();
		assertThat(response.firstCandidate().content().parts().get(0).thoughtSignature())
			.isEqualTo("c2lnbmF0dXJlLW9uZQ==");
		assertThat(response.firstCandidate().finishMessage()).isEqualTo("Model generated function call(s).");
		assertThat(response.text()).isEmpty();
	}

	@Test
	void generateContentReadsGroundingMetadata() {
		respondWith(fixture("unary/grounding.json"));
		GenerateContentResponse response = generate();
		GroundingMetadata grounding = response.firstCandidate().groundingMetadata();
		assertThat(grounding.webSearchQueries()).containsExactly("tallest lighthouse portugal");
		assertThat(grounding.groundingChunks()).extracting((chunk) -> chunk.web().uri())
			.containsExactly("https://example.org/lighthouses/pt", "https://example.net/cabo");
		assertThat(grounding.groundingSupports()).singleElement().satisfies((support) -> {
			assertThat(support.groundingChunkIndices()).containsExactly(0, 1);
			assertThat(support.confidenceScores()).containsExactly(0.91, 0.42);
			assertThat(support.segment().endIndex()).isEqualTo(60);
		});
		assertThat(grounding.searchEntryPoint().renderedContent()).contains("tallest lighthouse portugal");
		assertThat(response.usageMetadata().toolUsePromptTokenCount()).isEqualTo(120);
	}

	@Test
	void generateContentReadsCodeExecutionParts() {
		respondWith(fixture("unary/code-execution.json"));
		GenerateContentResponse response = generate();
		List<Part> parts = response.firstCandidate().content().parts();
		assertThat(parts.get(0).executableCode().language()).isEqualTo(ExecutableCode.Language.PYTHON);
		assertThat(parts.get(0).executableCode().code()).isEqualTo("print(sum(range(1, 101)))\n");
		assertThat(parts.get(1).codeExecutionResult().outcome()).isEqualTo(CodeExecutionResult.Outcome.OUTCOME_OK);
		assertThat(parts.get(1).codeExecutionResult().output()).isEqualTo("5050\n");
		assertThat(response.text()).isEqualTo("The sum of 1 to 100 is 5050.");
	}

	@Test
	void generateContentReadsInlineImageData() {
		respondWith(fixture("unary/inline-image.json"));
		GenerateContentResponse response = generate();
		Part image = response.firstCandidate().content().parts().get(1);
		assertThat(image.inlineData().mimeType()).isEqualTo("image/png");
		assertThat(image.inlineData().bytes()).containsExactly(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0,
				0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89);
		assertThat(response.text()).isEqualTo("Here is a one-pixel image.");
	}

	@Test
	void generateContentReturnsBlockedPromptAsSent() {
		respondWith(fixture("unary/prompt-blocked.json"));
		GenerateContentResponse response = generate();
		assertThat(response.isBlocked()).isTrue();
		assertThat(response.candidates()).isNull();
		assertThat(response.promptFeedback().blockReason()).isEqualTo(BlockReason.PROHIBITED_CONTENT);
		assertThat(response.text()).isEmpty();
	}

	@Test
	void generateTextWhenPromptBlockedSignalsBlockedContentException() {
		respondWith(fixture("unary/prompt-blocked.json"));
		assertThat(errorOf(this.template.generateText("Something forbidden")))
			.isInstanceOfSatisfying(GeminiBlockedContentException.class, (ex) -> {
				assertThat(ex.getBlockReason()).isEqualTo(BlockReason.PROHIBITED_CONTENT);
				assertThat(ex.getFinishReason()).isNull();
				assertThat(ex.getSafetyRatings()).extracting(SafetyRating::category)
					.containsExactly(HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT);
				assertThat(ex.getResponse().responseId()).isEqualTo("tpl-blocked-0007");
				assertThat(ex).hasMessageContaining("PROHIBITED_CONTENT");
			});
	}

	@Test
	void generateContentReturnsSafetyFinishAsSent() {
		respondWith(fixture("unary/finish-safety.json"));
		GenerateContentResponse response = generate();
		assertThat(response.isBlocked()).isTrue();
		assertThat(response.finishReason()).isEqualTo(FinishReason.SAFETY);
		assertThat(response.firstCandidate().content().parts()).isNull();
		assertThat(response.text()).isEmpty();
	}

	@Test
	void generateTextWhenAnswerStoppedForSafetySignalsBlockedContentException() {
		respondWith(fixture("unary/finish-safety.json"));
		assertThat(errorOf(this.template.generateText("Something rude")))
			.isInstanceOfSatisfying(GeminiBlockedContentException.class, (ex) -> {
				assertThat(ex.getBlockReason()).isNull();
				assertThat(ex.getFinishReason()).isEqualTo(FinishReason.SAFETY);
				assertThat(ex.getSafetyRatings()).hasSize(2);
				assertThat(ex).hasMessageContaining("SAFETY").hasMessageContaining("HARM_CATEGORY_HARASSMENT");
			});
	}

	@Test
	void generateContentReturnsMaxTokensWithoutParts() {
		respondWith(fixture("unary/max-tokens-no-parts.json"));
		GenerateContentResponse response = generate();
		Candidate candidate = response.firstCandidate();
		assertThat(candidate.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
		assertThat(candidate.content().role()).isEqualTo("model");
		assertThat(candidate.content().parts()).isNull();
		assertThat(response.isBlocked()).isFalse();
		assertThat(response.usageMetadata().thoughtsTokenCount()).isEqualTo(31);
	}

	@Test
	void generateTextWhenMaxTokensWithoutPartsReturnsEmptyText() {
		respondWith(fixture("unary/max-tokens-no-parts.json"));
		StepVerifier.create(this.template.generateText("Think hard")).expectNext("").expectComplete().verify(TIMEOUT);
	}

	@Test
	void generateTextReturnsVisibleTextOnly() {
		respondWith(fixture("unary/thoughts-text-signature.json"));
		StepVerifier.create(this.template.generateText("How many legs?"))
			.expectNext("Two spiders have 16 legs.")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void generateContentToleratesUnknownFieldsAndValues() {
		respondWith("""
				{"candidates": [{"content": {"parts": [{"text": "ok", "futurePartField": {"x": 1}}], "role": "model"},
				  "finishReason": "SOME_FUTURE_REASON", "index": 0, "futureCandidateField": true}],
				 "futureTopLevelField": [1, 2, 3]}""");
		GenerateContentResponse response = generate();
		assertThat(response.text()).isEqualTo("ok");
		assertThat(response.finishReason()).isEqualTo(FinishReason.UNKNOWN);
	}

	@Test
	void generateContentWhenBodyIsNotJsonSignalsMalformedResponse() {
		respondWith("not json {");
		assertThat(errorOf(this.template.generateContent(GenerateContentRequest.of("Hi"))))
			.isInstanceOfSatisfying(GeminiMalformedResponseException.class, (ex) -> {
				assertThat(ex.getMethod().name()).isEqualTo("POST");
				assertThat(ex.getUri()).hasToString(baseUrl(wireMock) + GENERATE_URL);
				assertThat(ex).hasMessageContaining("not valid JSON");
			});
	}

	@Test
	void generateContentWhenBodyIsEmptySignalsMalformedResponse() {
		respondWith("");
		assertThat(errorOf(this.template.generateContent(GenerateContentRequest.of("Hi"))))
			.isInstanceOf(GeminiMalformedResponseException.class)
			.hasMessageContaining("empty body");
	}

	@Test
	void generateContentWhenBodyExceedsMaxInMemorySizeSignalsMalformedResponse() {
		respondWith(fixture("unary/grounding.json"));
		try (GeminiTemplate small = templateBuilder(baseUrl(wireMock)).maxInMemorySize(256).build()) {
			assertThat(errorOf(small.generateContent(GenerateContentRequest.of("Hi"))))
				.isInstanceOf(GeminiMalformedResponseException.class)
				.hasMessageContaining("256 bytes")
				.hasMessageContaining("maxInMemorySize");
		}
	}

	private GenerateContentResponse generate() {
		AtomicReference<GenerateContentResponse> result = new AtomicReference<>();
		StepVerifier.create(this.template.generateContent(GenerateContentRequest.of("Hi")))
			.consumeNextWith(result::set)
			.expectComplete()
			.verify(TIMEOUT);
		return result.get();
	}

	private static void respondWith(String body) {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(body)));
	}

}
