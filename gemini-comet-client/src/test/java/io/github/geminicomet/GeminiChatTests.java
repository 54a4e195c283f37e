package io.github.geminicomet;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.ThinkingConfig;
import io.github.geminicomet.model.Tool;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.asEvent;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiChat}: history kept and replayed exactly, streamed turns aggregated into one
 * entry, snapshots serializable, one exchange at a time.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiChatTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	private static final String MODEL = "gemini-3-pro-preview";

	private static final String GENERATE_URL = "/v1beta/models/" + MODEL + ":generateContent";

	private static final String STREAM_URL = "/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse";

	private static final String ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Noted, Ada.","thoughtSignature":"c2lnLTE="}]},
			 "finishReason":"STOP","index":0}],"modelVersion":"gemini-3-pro-preview"}""";

	private static final String STREAM = asEvent("""
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Plan","thought":true}]},"index":0}]}""")
			+ asEvent("""
					{"candidates":[{"content":{"role":"model","parts":[{"text":" more","thought":true}]},"index":0}]}""")
			+ asEvent("""
					{"candidates":[{"content":{"role":"model","parts":[{"text":"Hello","thoughtSignature":"c2lnLWE="}]},"index":0}]}""")
			+ asEvent("""
					{"candidates":[{"content":{"role":"model","parts":[{"text":", Ada"}]},"index":0}]}""")
			+ asEvent("""
					{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"lookup","args":{"q":"Ada"}},
					"thoughtSignature":"c2lnLWI="}]},"index":0}]}""")
			+ asEvent("""
					{"candidates":[{"content":{"role":"model","parts":[{"text":"","thoughtSignature":"c2lnLWM="}]},
					"finishReason":"STOP","index":0}]}""");

	private static final String AGGREGATED_TURN = """
			{"role":"model","parts":[
			  {"text":"Plan more","thought":true},
			  {"text":"Hello, Ada","thoughtSignature":"c2lnLWE="},
			  {"functionCall":{"name":"lookup","args":{"q":"Ada"}},"thoughtSignature":"c2lnLWI="},
			  {"text":"","thoughtSignature":"c2lnLWM="}]}""";

	@AutoClose
	private final GeminiTemplate template = template(wireMock);

	@Test
	void sendAppendsBothTurnsAndReplaysTheModelTurnUnchanged() throws Exception {
		answerWith(okJson(ANSWER));
		GeminiChat chat = this.template.chat(MODEL);
		StepVerifier.create(chat.send("My name is Ada.").then(chat.send("What is my name?")))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("Noted, Ada."))
			.expectComplete()
			.verify(TIMEOUT);
		List<LoggedRequest> requests = requests();
		assertThat(requests).hasSize(2);
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[{"text":"My name is Ada."}]}]}""",
				requests.get(0).getBodyAsString(), JSONCompareMode.STRICT);
		JSONAssert.assertEquals("""
				{"contents":[
				  {"role":"user","parts":[{"text":"My name is Ada."}]},
				  {"role":"model","parts":[{"text":"Noted, Ada.","thoughtSignature":"c2lnLTE="}]},
				  {"role":"user","parts":[{"text":"What is my name?"}]}]}""", requests.get(1).getBodyAsString(),
				JSONCompareMode.STRICT);
		assertThat(chat.history().size()).isEqualTo(4);
		assertThat(chat.history().last().parts().get(0).thoughtSignature()).isEqualTo("c2lnLTE=");
	}

	@Test
	void streamAggregatesTheAnswerIntoOneTurnKeepingEverySignature() throws Exception {
		wireMock.stubFor(post(urlEqualTo(STREAM_URL))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		answerWith(okJson(ANSWER));
		GeminiChat chat = this.template.chat(MODEL);
		StepVerifier.create(chat.stream("Hi, I am Ada.").count().then(chat.send("Thanks")))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		List<LoggedRequest> requests = requests();
		assertThat(requests).hasSize(2);
		JSONAssert.assertEquals("""
				{"contents":[
				  {"role":"user","parts":[{"text":"Hi, I am Ada."}]},
				  %s,
				  {"role":"user","parts":[{"text":"Thanks"}]}]}""".formatted(AGGREGATED_TURN),
				requests.get(1).getBodyAsString(), JSONCompareMode.STRICT);
		Content modelTurn = chat.history().contents().get(1);
		assertThat(modelTurn.parts()).extracting(Part::thoughtSignature)
			.containsExactly(null, "c2lnLWE=", "c2lnLWI=", "c2lnLWM=");
		assertThat(modelTurn.functionCalls()).singleElement().satisfies((call) -> assertThat(call.name()).isEqualTo("lookup"));
	}

	@Test
	void historyRoundTripsThroughTheJsonMapperAndResumesTheConversation() throws Exception {
		wireMock.stubFor(post(urlEqualTo(STREAM_URL))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		GeminiChat chat = this.template.chat(MODEL);
		StepVerifier.create(chat.stream("Hi, I am Ada.")).expectNextCount(6).expectComplete().verify(TIMEOUT);
		String json = this.template.getJsonMapper().writeValueAsString(chat.history());
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[{"text":"Hi, I am Ada."}]},%s]}""".formatted(AGGREGATED_TURN), json,
				JSONCompareMode.STRICT);
		ChatHistory restored = this.template.getJsonMapper().readValue(json, ChatHistory.class);
		assertThat(restored).isEqualTo(chat.history());

		wireMock.resetRequests();
		answerWith(okJson(ANSWER));
		GeminiChat resumed = GeminiChat.builder(this.template).model(MODEL).history(restored).build();
		StepVerifier.create(resumed.send("Still there?")).expectNextCount(1).expectComplete().verify(TIMEOUT);
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[{"text":"Hi, I am Ada."}]},%s,
				  {"role":"user","parts":[{"text":"Still there?"}]}]}""".formatted(AGGREGATED_TURN),
				requests().get(0).getBodyAsString(), JSONCompareMode.STRICT);
		assertThat(resumed.history().size()).isEqualTo(4);
		assertThat(chat.history().size()).isEqualTo(2);
	}

	@Test
	void settingsAreSentWithEveryTurn() throws Exception {
		answerWith(okJson(ANSWER));
		GeminiChat chat = GeminiChat.builder(this.template)
			.model(MODEL)
			.systemInstruction("Answer in one sentence.")
			.addTool(Tool.GOOGLE_SEARCH)
			.generationConfig(GenerationConfig.builder().temperature(0.2).build())
			.build();
		StepVerifier.create(chat.send("One").then(chat.send("Two"))).expectNextCount(1).expectComplete().verify(TIMEOUT);
		for (LoggedRequest request : requests()) {
			JSONAssert.assertEquals("""
					{"systemInstruction":{"parts":[{"text":"Answer in one sentence."}]},
					 "tools":[{"googleSearch":{}}],"generationConfig":{"temperature":0.2}}""", request.getBodyAsString(),
					JSONCompareMode.LENIENT);
		}
	}

	@Test
	void concurrentSendIsRejectedWhileATurnIsInFlight() throws Exception {
		answerWith(okJson(ANSWER).withFixedDelay(400));
		GeminiChat chat = this.template.chat(MODEL);
		CompletableFuture<GenerateContentResponse> first = chat.send("One").toFuture();
		StepVerifier.create(chat.send("Two"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("one turn at a time"))
			.verify(TIMEOUT);
		assertThat(first.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).text()).isEqualTo("Noted, Ada.");
		StepVerifier.create(chat.send("Three")).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(chat.history().contents()).extracting(Content::text)
			.containsExactly("One", "Noted, Ada.", "Three", "Noted, Ada.");
	}

	@Test
	void blockedAnswerSignalsTheReasonAndLeavesTheHistoryUnchanged() {
		answerWith(okJson(fixture("unary/finish-safety.json")));
		GeminiChat chat = this.template.chat(MODEL);
		StepVerifier.create(chat.send("Something unsafe"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(GeminiBlockedContentException.class,
					(blocked) -> {
						assertThat(blocked.getFinishReason()).isEqualTo(FinishReason.SAFETY);
						assertThat(blocked.getSafetyRatings()).isNotEmpty();
					}))
			.verify(TIMEOUT);
		assertThat(chat.history().contents()).isEmpty();
		answerWith(okJson(ANSWER));
		StepVerifier.create(chat.send("Fine")).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(chat.history().size()).isEqualTo(2);
	}

	@Test
	void failedOrCancelledTurnsAppendNothing() {
		answerWith(aResponse().withStatus(500).withBody(fixture("errors/500-internal.json")));
		GeminiChat chat = this.template.chat(MODEL);
		StepVerifier.create(chat.send("One")).expectError(GeminiUnavailableException.class).verify(TIMEOUT);
		wireMock.stubFor(post(urlEqualTo(STREAM_URL))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		StepVerifier.create(chat.stream("Two"), 1).expectNextCount(1).thenCancel().verify(TIMEOUT);
		assertThat(chat.history().contents()).isEmpty();
		StepVerifier.create(chat.stream("Three")).expectNextCount(6).expectComplete().verify(TIMEOUT);
		assertThat(chat.history().size()).isEqualTo(2);
	}

	@Test
	void invalidThinkingConfigFailsTheTurnAndReleasesTheChat() {
		GeminiChat chat = GeminiChat.builder(this.template)
			.model(MODEL)
			.generationConfig(GenerationConfig.builder()
				.thinkingConfig(ThinkingConfig.budget(128))
				.build())
			.build();
		StepVerifier.create(chat.send("One")).expectError(IllegalArgumentException.class).verify(TIMEOUT);
		StepVerifier.create(chat.send("Two")).expectError(IllegalArgumentException.class).verify(TIMEOUT);
		assertThat(requests()).isEmpty();
	}

	@Test
	void chatWithoutModelUsesTheDefaultModel() {
		wireMock.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent")).willReturn(okJson(ANSWER)));
		GeminiChat chat = this.template.chat();
		StepVerifier.create(chat.send(new Content(null, List.of(Part.text("Hi")))))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(chat.history().contents().get(0).role()).isEqualTo(Content.USER);
		assertThat(chat.toString()).isEqualTo("GeminiChat[model=(default), turns=2]");
	}

	private static void answerWith(ResponseDefinitionBuilder response) {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(response));
	}

	private static List<LoggedRequest> requests() {
		return wireMock.findAll(anyRequestedFor(anyUrl()));
	}

}
