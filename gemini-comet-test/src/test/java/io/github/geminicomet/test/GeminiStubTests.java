package io.github.geminicomet.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.github.geminicomet.GeminiBlockedContentException;
import io.github.geminicomet.GeminiRateLimitException;
import io.github.geminicomet.GeminiResponseException;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.RetrySettings;
import io.github.geminicomet.TextDelta;
import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GeneratedImage;
import io.github.geminicomet.model.Schema;
import io.github.geminicomet.model.Tool;
import io.github.geminicomet.tool.GeminiTool;
import io.github.geminicomet.tool.GeminiToolParam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GeminiStub}, through a {@link GeminiTemplate} as an application would use it.
 *
 * @author gemini-comet
 */
class GeminiStubTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static GeminiStub stub;

	private static GeminiTemplate gemini;

	@BeforeAll
	static void start() {
		stub = GeminiStub.start();
		gemini = GeminiTemplate.builder()
			.baseUrl(stub.baseUrl())
			.apiKey(GeminiStub.API_KEY)
			.retry(RetrySettings.NONE)
			.build();
	}

	@AfterAll
	static void stop() {
		gemini.close();
		stub.close();
	}

	@BeforeEach
	void reset() {
		stub.reset();
	}

	@Test
	void replyTextAnswersAndRecordsPromptModelAndKey() {
		stub.replyText("Rex");
		assertThat(gemini.generateText("Name a dog").block(TIMEOUT)).isEqualTo("Rex");
		RecordedRequest request = stub.lastRequest();
		assertThat(request.prompt()).isEqualTo("Name a dog");
		assertThat(request.model()).isEqualTo("gemini-3.5-flash-lite");
		assertThat(request.operation()).isEqualTo("generateContent");
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent");
		assertThat(request.header("X-Goog-Api-Key")).isEqualTo(GeminiStub.API_KEY);
		assertThat(request.body()).contains("Name a dog");
	}

	@Test
	void baseUrlIsOnLoopback() {
		assertThat(stub.baseUrl()).isEqualTo("http://127.0.0.1:" + stub.port());
	}

	@Test
	void unaryAnswerHasEstimatedUsageAndJoinedChunks() {
		stub.streamText("Hello ", "there").withThoughts("Greeting ", "back");
		GenerateContentResponse response = gemini.generateContent(GenerateContentRequest.of("Say hello please"))
			.block(TIMEOUT);
		assertThat(response.text()).isEqualTo("Hello there");
		assertThat(response.thoughtText()).isEqualTo("Greeting back");
		assertThat(response.usageMetadata().promptTokenCount()).isPositive();
		assertThat(response.usageMetadata().candidatesTokenCount()).isPositive();
		assertThat(response.usageMetadata().thoughtsTokenCount()).isPositive();
	}

	@Test
	void streamTextSendsThoughtsThenAnswerOneEventPerChunk() {
		stub.streamText("Paris ", "is the ", "capital.").withThoughts("France's capital?").withUsage(5, 4);
		StepVerifier.create(gemini.streamTextDeltas(GenerateContentRequest.of("Capital of France?")))
			.expectNext(TextDelta.thought("France's capital?"))
			.expectNext(TextDelta.answer("Paris "), TextDelta.answer("is the "), TextDelta.answer("capital."))
			.verifyComplete();
		assertThat(stub.lastRequest().isStreaming()).isTrue();
		assertThat(stub.lastRequest().query()).isEqualTo("alt=sse");
		List<GenerateContentResponse> events = gemini.streamGenerateContent(GenerateContentRequest.of("again"))
			.collectList()
			.block(TIMEOUT);
		assertThat(events).hasSize(4);
		assertThat(events.get(3).usageMetadata().totalTokenCount()).isEqualTo(9);
		assertThat(events.get(0).usageMetadata()).isNull();
	}

	@Test
	void streamWithChunkDelaySpacesTheEvents() {
		stub.streamText("a", "b", "c").withChunkDelay(Duration.ofMillis(150));
		List<Long> arrivals = new ArrayList<>();
		StepVerifier.create(gemini.streamText("letters"))
			.thenConsumeWhile((text) -> arrivals.add(System.nanoTime()))
			.verifyComplete();
		assertThat(arrivals).hasSize(3);
		assertThat(Duration.ofNanos(arrivals.get(2) - arrivals.get(0))).isGreaterThan(Duration.ofMillis(200));
	}

	@Test
	void replyJsonServesStructuredOutputAndRecordsTheSchema() {
		stub.replyJson(new Contact("Ada Lovelace", "ada@example.com", List.of("math")));
		Contact contact = gemini.generateObject("Ada Lovelace, ada@example.com, likes math", Contact.class)
			.block(TIMEOUT);
		assertThat(contact).isEqualTo(new Contact("Ada Lovelace", "ada@example.com", List.of("math")));
		Schema schema = stub.lastRequest().responseSchema();
		assertThat(schema).isNotNull();
		assertThat(schema.type()).isEqualTo(Schema.Type.OBJECT);
		assertThat(schema.properties()).containsOnlyKeys("name", "email", "topics");
		assertThat(stub.lastRequest().generationConfig().responseMimeType()).isEqualTo("application/json");
	}

	@Test
	void streamedInChunksFeedsStreamObjectsIncrementally() {
		stub.replyJson(List.of(new Contact("A", "a@example.com", List.of()), new Contact("B", "b@example.com",
				List.of()))).streamedInChunksOf(7);
		StepVerifier.create(gemini.streamObjects("gemini-3.5-flash-lite", GenerateContentRequest.of("two contacts"),
				Contact.class))
			.expectNext(new Contact("A", "a@example.com", List.of()), new Contact("B", "b@example.com", List.of()))
			.verifyComplete();
		assertThat(stub.lastRequest().isStreaming()).isTrue();
	}

	@Test
	void callFunctionThenReplyTextRunsTheToolLoop() {
		stub.callFunction("currentWeather", Map.of("city", "Paris"));
		stub.replyText("It is 21 degrees in Paris.");
		String answer = gemini.withTools(new WeatherTools()).generateText("Weather in Paris?").block(TIMEOUT);
		assertThat(answer).isEqualTo("It is 21 degrees in Paris.");
		List<RecordedRequest> requests = stub.generationRequests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).functionNames()).containsExactly("currentWeather");
		assertThat(requests.get(0).functionDeclarations().get(0).description()).isEqualTo("Current weather");
		FunctionResponse result = requests.get(1).functionResponses().get(0);
		assertThat(result.name()).isEqualTo("currentWeather");
		assertThat(result.response()).containsEntry("city", "Paris").containsEntry("celsius", 21);
		assertThat(requests.get(1).prompt()).isEqualTo("Weather in Paris?");
	}

	@Test
	void parallelFunctionCallsAreOneTurn() {
		stub.callFunction("currentWeather", Map.of("city", "Paris")).andCallFunction("currentWeather",
				Map.of("city", "Rome"));
		stub.replyText("Both sunny.");
		assertThat(gemini.withTools(new WeatherTools()).generateText("Paris and Rome?").block(TIMEOUT))
			.isEqualTo("Both sunny.");
		assertThat(stub.lastRequest().functionResponses()).extracting(FunctionResponse::name)
			.containsExactly("currentWeather", "currentWeather");
	}

	@Test
	void failWithSendsGeminiErrorBody() {
		stub.failWith(429, "Quota exceeded").withRetryDelay(Duration.ofMillis(1500));
		assertThatExceptionOfType(GeminiRateLimitException.class)
			.isThrownBy(() -> gemini.generateText("hi").block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(429);
				assertThat(ex.getMessage()).contains("Quota exceeded");
				assertThat(ex.getRetryDelay()).contains(Duration.ofMillis(1500));
			});
	}

	@Test
	void failWithFailsStreamsBeforeTheFirstEvent() {
		stub.failWith(503, "Overloaded");
		StepVerifier.create(gemini.streamText("hi"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(GeminiResponseException.class)
				.hasMessageContaining("Overloaded"))
			.verify(TIMEOUT);
	}

	@Test
	void laterAnswerServesTheRetry() {
		stub.failWith(503, "Overloaded");
		stub.replyText("Back again");
		try (GeminiTemplate retrying = gemini.mutate()
			.retry(new RetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(10), 0, Duration.ofSeconds(1)))
			.build()) {
			assertThat(retrying.generateText("hi").block(TIMEOUT)).isEqualTo("Back again");
		}
		assertThat(stub.generationRequests()).hasSize(2);
	}

	@Test
	void lastAnswerKeepsAnswering() {
		stub.replyText("one");
		stub.replyText("two");
		assertThat(gemini.generateText("a").block(TIMEOUT)).isEqualTo("one");
		assertThat(gemini.generateText("b").block(TIMEOUT)).isEqualTo("two");
		assertThat(gemini.generateText("c").block(TIMEOUT)).isEqualTo("two");
	}

	@Test
	void withoutScriptFailsWithHowToScript() {
		assertThatExceptionOfType(GeminiResponseException.class)
			.isThrownBy(() -> gemini.generateText("hi").block(TIMEOUT))
			.withMessageContaining("stub.replyText");
	}

	@Test
	void responderAnswersWhenNothingIsScripted() {
		stub.answerWith((request) -> ScriptedAnswer.text("You said: " + request.prompt()));
		assertThat(gemini.generateText("hello").block(TIMEOUT)).isEqualTo("You said: hello");
		stub.replyText("scripted");
		assertThat(gemini.generateText("hello").block(TIMEOUT)).isEqualTo("scripted");
	}

	@Test
	void withCitationGroundsThePassage() {
		stub.replyText("Spain won Euro 2024. It beat England.")
			.withCitation("Spain won Euro 2024.", "https://example.com/euro", "UEFA")
			.withSearchQueries("euro 2024 winner");
		GenerateContentResponse response = gemini.generateContent(GenerateContentRequest.builder()
			.addContent(Content.user("Who won Euro 2024?"))
			.addTool(Tool.GOOGLE_SEARCH)
			.build()).block(TIMEOUT);
		assertThat(response.textWithCitations()).isEqualTo("Spain won Euro 2024.[1] It beat England.");
		assertThat(response.firstCandidate().groundingMetadata().groundingChunks().get(0).web().uri())
			.isEqualTo("https://example.com/euro");
		assertThat(response.firstCandidate().groundingMetadata().webSearchQueries()).containsExactly("euro 2024 winner");
		assertThat(stub.lastRequest().tools()).containsExactly(Tool.GOOGLE_SEARCH);
	}

	@Test
	void replyImageSendsInlineData() {
		byte[] png = PngImage.gradient(4, 4, 0x000000, 0xFFFFFF);
		stub.replyImage("image/png", png).withText("A square");
		GenerateContentResponse response = gemini.generateContent(GenerateContentRequest.of("Draw")).block(TIMEOUT);
		assertThat(response.images()).containsExactly(new GeneratedImage("image/png", png));
		assertThat(response.text()).isEqualTo("A square");
	}

	@Test
	void blockPromptIsABlockedAnswer() {
		stub.blockPrompt(BlockReason.SAFETY);
		assertThatExceptionOfType(GeminiBlockedContentException.class)
			.isThrownBy(() -> gemini.generateText("bad").block(TIMEOUT));
	}

	@Test
	void withDelayHoldsTheAnswer() {
		stub.replyText("late").withDelay(Duration.ofMillis(300));
		long start = System.nanoTime();
		assertThat(gemini.generateText("hi").block(TIMEOUT)).isEqualTo("late");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void modelLookupCountTokensAndListAnswerByThemselves() {
		assertThat(gemini.getModel("gemini-2.5-pro").block(TIMEOUT).name()).isEqualTo("models/gemini-2.5-pro");
		assertThat(gemini.countTokens(GenerateContentRequest.of("count these words please")).block(TIMEOUT)
			.totalTokens()).isPositive();
		assertThat(stub.lastRequest().prompt()).isEqualTo("count these words please");
		assertThat(gemini.listModels().collectList().block(TIMEOUT)).isNotEmpty();
		assertThat(stub.generationRequests()).isEmpty();
		assertThat(stub.requests()).extracting(RecordedRequest::operation).containsExactly("get", "countTokens", "list");
	}

	@Test
	void resetForgetsScriptAndRequests() {
		stub.replyText("x");
		gemini.generateText("hi").block(TIMEOUT);
		stub.reset();
		assertThat(stub.requests()).isEmpty();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(stub::lastRequest);
		assertThatExceptionOfType(GeminiResponseException.class)
			.isThrownBy(() -> gemini.generateText("hi").block(TIMEOUT));
	}

	@Test
	void closedStubRefusesConnections() {
		GeminiStub other = GeminiStub.start();
		String baseUrl = other.baseUrl();
		other.close();
		other.close();
		try (GeminiTemplate template = GeminiTemplate.builder().baseUrl(baseUrl).apiKey("k")
			.retry(RetrySettings.NONE).build()) {
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> template.generateText("hi").block(TIMEOUT));
		}
	}

	record Contact(String name, String email, List<String> topics) {
	}

	static class WeatherTools {

		@GeminiTool(description = "Current weather")
		Map<String, Object> currentWeather(@GeminiToolParam(description = "City, such as Paris") String city) {
			return Map.of("city", city, "celsius", 21);
		}

	}

}
