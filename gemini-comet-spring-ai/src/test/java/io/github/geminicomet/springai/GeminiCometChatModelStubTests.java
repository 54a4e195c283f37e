package io.github.geminicomet.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.RetrySettings;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.Schema;
import io.github.geminicomet.springai.GeminiCometChatModelToolTests.WeatherTools;
import io.github.geminicomet.test.GeminiStub;
import io.github.geminicomet.test.RecordedRequest;
import io.github.geminicomet.test.ScriptedAnswer;

import static io.github.geminicomet.springai.GeminiResponses.call;
import static io.github.geminicomet.springai.GeminiResponses.event;
import static io.github.geminicomet.springai.GeminiResponses.thought;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiCometChatModel} under {@link ChatClient}, against {@code gemini-comet-test}'s
 * {@link GeminiStub}, asserting the requests as they arrived on the wire. The Gemini 3 style tool turns
 * (call ids, thought signatures) are scripted as raw responses ({@link ScriptedAnswer#of}), since the
 * stub's {@code callFunction} sends neither.
 */
class GeminiCometChatModelStubTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static GeminiStub stub;

	private static GeminiTemplate gemini;

	private static GeminiCometChatModel chatModel;

	@BeforeAll
	static void start() {
		stub = GeminiStub.start();
		gemini = GeminiTemplate.builder()
			.baseUrl(stub.baseUrl())
			.apiKey(GeminiStub.API_KEY)
			.retry(RetrySettings.NONE)
			.build();
		chatModel = new GeminiCometChatModel(gemini);
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
	void callContentSendsSystemAndUserMessages() {
		stub.replyText("Rex");
		String content = ChatClient.create(chatModel)
			.prompt()
			.system("Be brief.")
			.user("Name a dog")
			.call()
			.content();
		assertThat(content).isEqualTo("Rex");
		RecordedRequest request = stub.lastRequest();
		assertThat(request.path()).isEqualTo("/v1beta/models/" + GeminiTemplate.DEFAULT_MODEL + ":generateContent");
		assertThat(request.isStreaming()).isFalse();
		assertThat(request.header("x-goog-api-key")).isEqualTo(GeminiStub.API_KEY);
		assertThat(request.systemInstruction()).isEqualTo("Be brief.");
		assertThat(request.contents()).extracting(Content::role).containsExactly(Content.USER);
		assertThat(request.prompt()).isEqualTo("Name a dog");
		assertThat(request.tools()).isEmpty();
	}

	@Test
	void streamContentDeliversEachChunkAsItArrives() {
		stub.streamText("one ", "two ", "three").withChunkDelay(Duration.ofMillis(400));
		long start = System.nanoTime();
		List<Long> arrivals = new ArrayList<>();
		List<String> chunks = ChatClient.create(chatModel)
			.prompt("Count to three")
			.stream()
			.content()
			.doOnNext((chunk) -> arrivals.add(System.nanoTime() - start))
			.collectList()
			.block(TIMEOUT);
		assertThat(chunks).containsExactly("one ", "two ", "three");
		// the stub waits 400ms before each event: the first chunk arrives long before the last
		assertThat(Duration.ofNanos(arrivals.get(2) - arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(600));
		RecordedRequest request = stub.lastRequest();
		assertThat(request.path()).endsWith(":streamGenerateContent");
		assertThat(request.query()).isEqualTo("alt=sse");
		assertThat(request.prompt()).isEqualTo("Count to three");
	}

	@Test
	void twoTurnToolExchangeSendsTheSignatureAndResponsesWithMatchingIds() {
		stub.reply(ScriptedAnswer.of(event(FinishReason.STOP,
				call("call-a", "currentWeather", Map.of("city", "Paris"), "sig-a"),
				call("call-b", "currentWeather", Map.of("city", "Rome"), null))));
		stub.replyText("Sunny in Paris, rainy in Rome.");
		String answer = gemini3Client().prompt("Weather in Paris and Rome?")
			.tools(new WeatherTools())
			.call()
			.content();
		assertThat(answer).isEqualTo("Sunny in Paris, rainy in Rome.");
		assertThat(stub.generationRequests()).noneMatch(RecordedRequest::isStreaming);
		assertSecondTurnCarriesSignatureAndIds();
	}

	@Test
	void streamedTwoTurnToolExchangeSendsTheSignatureAndResponsesWithMatchingIds() {
		// the calls arrive in two events, the signature on the first: ChatClient merges the chunks with
		// MessageAggregator before running the tools
		stub.reply(ScriptedAnswer.of(event(null, thought("Two cities.")),
				event(null, call("call-a", "currentWeather", Map.of("city", "Paris"), "sig-a")),
				event(FinishReason.STOP, call("call-b", "currentWeather", Map.of("city", "Rome"), null))));
		stub.streamText("Sunny in Paris, ", "rainy in Rome.");
		List<String> chunks = gemini3Client().prompt("Weather in Paris and Rome?")
			.tools(new WeatherTools())
			.stream()
			.content()
			.collectList()
			.block(TIMEOUT);
		assertThat(String.join("", chunks)).isEqualTo("Sunny in Paris, rainy in Rome.");
		assertThat(stub.generationRequests()).allMatch(RecordedRequest::isStreaming);
		assertSecondTurnCarriesSignatureAndIds();
		// the thought stays out of the history sent back
		assertThat(stub.lastRequest().contents().get(1).parts()).noneMatch((part) -> Boolean.TRUE.equals(part.thought()));
	}

	@Test
	void parallelCallsScriptedWithoutIdsAreAnsweredByName() {
		stub.callFunction("currentWeather", Map.of("city", "Paris")).andCallFunction("currentWeather",
				Map.of("city", "Rome"));
		stub.replyText("Sunny and rainy.");
		assertThat(ChatClient.create(chatModel).prompt("Weather?").tools(new WeatherTools()).call().content())
			.isEqualTo("Sunny and rainy.");
		RecordedRequest second = stub.lastRequest();
		assertThat(second.contents().get(1).parts()).extracting(Part::functionCall)
			.extracting(FunctionCall::id, FunctionCall::name)
			.containsExactly(Tuple.tuple(null, "currentWeather"), Tuple.tuple(null, "currentWeather"));
		assertThat(second.functionResponses()).extracting(FunctionResponse::id, FunctionResponse::response)
			.containsExactly(Tuple.tuple(null, Map.of("result", "sunny")), Tuple.tuple(null, Map.of("result", "rainy")));
	}

	@Test
	void chatMemoryAdvisorSendsTheHistory() {
		ChatMemory memory = MessageWindowChatMemory.builder().build();
		ChatClient client = ChatClient.builder(chatModel)
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
			.build();
		stub.replyText("Hello Ada");
		stub.replyText("You are Ada");
		client.prompt("My name is Ada.").advisors((a) -> a.param(ChatMemory.CONVERSATION_ID, "c1")).call().content();
		String second = client.prompt("What is my name?")
			.advisors((a) -> a.param(ChatMemory.CONVERSATION_ID, "c1"))
			.call()
			.content();
		assertThat(second).isEqualTo("You are Ada");
		List<RecordedRequest> requests = stub.generationRequests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).contents()).extracting(Content::text).containsExactly("My name is Ada.");
		assertThat(requests.get(1).contents()).extracting(Content::role)
			.containsExactly(Content.USER, Content.MODEL, Content.USER);
		assertThat(requests.get(1).contents()).extracting(Content::text)
			.containsExactly("My name is Ada.", "Hello Ada", "What is my name?");
	}

	@Test
	void entityIsReadFromNativeStructuredOutputWithResponseSchemaOnTheWire() {
		stub.replyJson(new Capital("Paris", "France", 2100000));
		Capital capital = ChatClient.create(chatModel)
			.prompt("The capital of France?")
			.advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
			.call()
			.entity(Capital.class);
		assertThat(capital).isEqualTo(new Capital("Paris", "France", 2100000));
		RecordedRequest request = stub.lastRequest();
		assertThat(request.generationConfig().responseMimeType()).isEqualTo("application/json");
		Schema schema = request.responseSchema();
		assertThat(schema.type()).isEqualTo(Schema.Type.OBJECT);
		assertThat(schema.properties()).containsOnlyKeys("city", "country", "population");
		assertThat(schema.properties().get("population").type()).isEqualTo(Schema.Type.INTEGER);
		// native structured output: no format instructions appended to the prompt
		assertThat(request.prompt()).isEqualTo("The capital of France?");
		assertThat(request.body()).doesNotContain("$schema").doesNotContain("additionalProperties");
	}

	private static ChatClient gemini3Client() {
		return ChatClient.create(new GeminiCometChatModel(gemini,
				GeminiCometChatOptions.builder().model(GeminiResponses.MODEL).build()));
	}

	private static void assertSecondTurnCarriesSignatureAndIds() {
		List<RecordedRequest> requests = stub.generationRequests();
		assertThat(requests).hasSize(2);
		assertThat(requests).allSatisfy((request) -> {
			assertThat(request.model()).isEqualTo(GeminiResponses.MODEL);
			assertThat(request.functionNames()).containsExactly("currentWeather");
		});
		FunctionDeclaration declaration = requests.get(0).functionDeclarations().get(0);
		assertThat(declaration.description()).isEqualTo("Current weather in a city");
		RecordedRequest second = requests.get(1);
		List<Content> contents = second.contents();
		assertThat(contents).extracting(Content::role).containsExactly(Content.USER, Content.MODEL, Content.USER);
		List<Part> modelParts = contents.get(1).parts();
		assertThat(modelParts).extracting(Part::functionCall)
			.extracting(FunctionCall::id, FunctionCall::name, FunctionCall::args)
			.containsExactly(Tuple.tuple("call-a", "currentWeather", Map.of("city", "Paris")),
					Tuple.tuple("call-b", "currentWeather", Map.of("city", "Rome")));
		assertThat(modelParts).extracting(Part::thoughtSignature).containsExactly("sig-a", null);
		assertThat(second.functionResponses()).extracting(FunctionResponse::id, FunctionResponse::name,
				FunctionResponse::response)
			.containsExactly(Tuple.tuple("call-a", "currentWeather", Map.of("result", "sunny")),
					Tuple.tuple("call-b", "currentWeather", Map.of("result", "rainy")));
		// the signature travels as sent, on the wire
		assertThat(second.body()).contains("\"thoughtSignature\":\"sig-a\"");
	}

	record Capital(String city, String country, int population) {
	}

}
