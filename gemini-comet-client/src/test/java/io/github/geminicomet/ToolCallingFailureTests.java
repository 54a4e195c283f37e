package io.github.geminicomet;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.HarmCategory;
import io.github.geminicomet.model.SafetyRating;
import io.github.geminicomet.tool.GeminiTool;
import io.github.geminicomet.tool.ToolCallingOptions;
import io.github.geminicomet.tool.ToolErrorPolicy;

import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.asEvent;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.template;
import static io.github.geminicomet.ToolCallingTestSupport.GENERATE_URL;
import static io.github.geminicomet.ToolCallingTestSupport.JSON;
import static io.github.geminicomet.ToolCallingTestSupport.MODEL;
import static io.github.geminicomet.ToolCallingTestSupport.STREAM_URL;
import static io.github.geminicomet.ToolCallingTestSupport.bodies;
import static io.github.geminicomet.ToolCallingTestSupport.candidate;
import static io.github.geminicomet.ToolCallingTestSupport.stubTurns;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the failures of the function-calling loop: a failing tool reported to the model (or ending
 * the exchange under {@link ToolErrorPolicy#FAIL}), an unknown function, the iteration bound, and a
 * blocked prompt or safety stop in a later turn.
 */
@ExtendWith(BlockHoundExtension.class)
class ToolCallingFailureTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String BOOK_CALL = candidate("""
			{"functionCall":{"id":"b-1","name":"book","args":{"flight":"AF123"}},"thoughtSignature":"c2lnLWJvb2s="}""",
			"STOP");

	private static final String ANSWER = candidate("{\"text\":\"Sorry, that flight is full.\"}", "STOP");

	private static final String PROMPT_BLOCKED = """
			{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[
			  {"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH","blocked":true}]},
			 "modelVersion":"gemini-3-pro-preview"}""";

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@Test
	void toolExceptionIsReportedToTheModelAndTheLoopGoesOn() throws Exception {
		stubTurns(wireMock, GENERATE_URL, false, BOOK_CALL, ANSWER);
		StepVerifier.create(this.template.withTools(new FlakyTools())
			.generateContent(MODEL, GenerateContentRequest.of("Book AF123")))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("Sorry, that flight is full."))
			.expectComplete()
			.verify(TIMEOUT);
		JSONAssert.assertEquals("""
				{"role":"user","parts":[{"functionResponse":{"id":"b-1","name":"book",
				  "response":{"error":"No seats left on AF123"}}}]}""",
				JSON.readTree(bodies(wireMock, GENERATE_URL).get(1)).get("contents").get(2).toString(),
				JSONCompareMode.STRICT);
	}

	@Test
	void toolExceptionEndsTheExchangeUnderFailPolicy() {
		stubTurns(wireMock, GENERATE_URL, false, BOOK_CALL, ANSWER);
		GeminiTemplate failing = this.template.mutate()
			.toolCallingOptions(ToolCallingOptions.builder().errorPolicy(ToolErrorPolicy.FAIL).build())
			.build();
		Throwable error = errorOf(failing.withTools(new FlakyTools())
			.generateContent(MODEL, GenerateContentRequest.of("Book AF123")));
		assertThat(error).isInstanceOf(GeminiToolException.class)
			.hasMessageContaining("Function 'book'")
			.hasMessageContaining("No seats left on AF123")
			.hasCauseInstanceOf(IllegalStateException.class);
		assertThat(((GeminiToolException) error).getFunctionCall().id()).isEqualTo("b-1");
		assertThat(bodies(wireMock, GENERATE_URL)).hasSize(1);
	}

	@Test
	void unknownFunctionIsReportedToTheModel() throws Exception {
		stubTurns(wireMock, GENERATE_URL, false, candidate("""
				{"functionCall":{"id":"t-1","name":"teleport","args":{"to":"Mars"}}}""", "STOP"), ANSWER);
		StepVerifier.create(this.template.withTools(new FlakyTools())
			.generateContent(MODEL, GenerateContentRequest.of("Teleport me")))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		JSONAssert.assertEquals("""
				{"role":"user","parts":[{"functionResponse":{"id":"t-1","name":"teleport",
				  "response":{"error":"Unknown function 'teleport'; the functions are [book, ping]"}}}]}""",
				JSON.readTree(bodies(wireMock, GENERATE_URL).get(1)).get("contents").get(2).toString(),
				JSONCompareMode.STRICT);
	}

	@Test
	void modelThatKeepsCallingFailsAfterMaxIterationsNamingTheProperty() {
		stubTurns(wireMock, GENERATE_URL, false, candidate("""
				{"functionCall":{"name":"ping","args":{}}}""", "STOP"));
		GeminiTemplate bounded = this.template.mutate()
			.toolCallingOptions(ToolCallingOptions.builder().maxIterations(2).build())
			.build();
		Throwable error = errorOf(bounded.withTools(new FlakyTools())
			.generateContent(MODEL, GenerateContentRequest.of("Ping forever")));
		assertThat(error).isInstanceOf(GeminiToolException.class)
			.hasMessageContaining("The model still asked for function calls [ping] after 2 rounds of tool calls")
			.hasMessageContaining("cometapi.gemini.tools.max-iterations");
		assertThat(bodies(wireMock, GENERATE_URL)).hasSize(3);
	}

	@Test
	void streamingModelThatKeepsCallingFailsAfterMaxIterations() {
		stubTurns(wireMock, STREAM_URL, true, asEvent(candidate("""
				{"functionCall":{"name":"ping","args":{}}}""", "STOP")));
		GeminiTemplate bounded = this.template.mutate()
			.toolCallingOptions(ToolCallingOptions.builder().maxIterations(1).build())
			.build();
		StepVerifier.create(bounded.withTools(new FlakyTools())
			.streamGenerateContent(MODEL, GenerateContentRequest.of("Ping forever")))
			.expectNextCount(2)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(GeminiToolException.class)
				.hasMessageContaining("after 1 round of tool calls")
				.hasMessageContaining("cometapi.gemini.tools.max-iterations"))
			.verify(TIMEOUT);
		assertThat(bodies(wireMock, STREAM_URL)).hasSize(2);
	}

	@Test
	void blockedPromptInALaterTurnSignalsTheReasonAndRatings() {
		stubTurns(wireMock, GENERATE_URL, false, BOOK_CALL, PROMPT_BLOCKED);
		Throwable error = errorOf(this.template.withTools(new FlakyTools())
			.generateContent(MODEL, GenerateContentRequest.of("Book AF123")));
		assertThat(error).isInstanceOf(GeminiBlockedContentException.class);
		GeminiBlockedContentException blocked = (GeminiBlockedContentException) error;
		assertThat(blocked.getBlockReason()).isEqualTo(BlockReason.SAFETY);
		assertThat(blocked.getSafetyRatings()).extracting(SafetyRating::category)
			.containsExactly(HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT);
		assertThat(bodies(wireMock, GENERATE_URL)).hasSize(2);
	}

	@Test
	void safetyFinishInALaterStreamedTurnSignalsTheReason() {
		String stopped = asEvent("""
				{"candidates":[{"content":{"role":"model","parts":[{"text":"Well"}]},"finishReason":"SAFETY","index":0,
				  "safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"HIGH","blocked":true}]}]}""");
		stubTurns(wireMock, STREAM_URL, true, asEvent(BOOK_CALL), stopped);
		StepVerifier.create(this.template.withTools(new FlakyTools())
			.streamTextDeltas(MODEL, GenerateContentRequest.of("Book AF123")))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(GeminiBlockedContentException.class);
				GeminiBlockedContentException blocked = (GeminiBlockedContentException) error;
				assertThat(blocked.getFinishReason()).isEqualTo(FinishReason.SAFETY);
				assertThat(blocked.getSafetyRatings()).extracting(SafetyRating::category)
					.containsExactly(HarmCategory.HARM_CATEGORY_HARASSMENT);
			})
			.verify(TIMEOUT);
	}

	@Test
	void blockedFirstTurnSignalsBeforeAnyToolRuns() {
		stubTurns(wireMock, GENERATE_URL, false, PROMPT_BLOCKED);
		FlakyTools tools = new FlakyTools();
		assertThat(errorOf(this.template.withTools(tools).generateContent(MODEL, GenerateContentRequest.of("x"))))
			.isInstanceOf(GeminiBlockedContentException.class);
		assertThat(tools.calls).isZero();
	}

	@Test
	void requestThatAlreadyDeclaresAToolFunctionIsRejected() {
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(io.github.geminicomet.model.Content.user("x"))
			.addTool(io.github.geminicomet.model.Tool.functions(
					io.github.geminicomet.model.FunctionDeclaration.of("ping", "Ping", null)))
			.build();
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.withTools(new FlakyTools()).generateContent(MODEL, request))
			.withMessageContaining("already declares a function named 'ping'");
	}

	static class FlakyTools {

		volatile int calls;

		@GeminiTool(description = "Book a flight")
		String book(String flight) {
			this.calls++;
			throw new IllegalStateException("No seats left on " + flight);
		}

		@GeminiTool(description = "Ping")
		String ping() {
			this.calls++;
			return "pong";
		}

	}

}
