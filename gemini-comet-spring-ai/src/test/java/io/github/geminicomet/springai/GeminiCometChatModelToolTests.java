package io.github.geminicomet.springai;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.Part;

import static io.github.geminicomet.springai.GeminiResponses.call;
import static io.github.geminicomet.springai.GeminiResponses.event;
import static io.github.geminicomet.springai.GeminiResponses.text;
import static io.github.geminicomet.springai.GeminiResponses.thought;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiCometChatModel}'s tool calls through {@link ChatClient}'s tool-calling advisor: a
 * Gemini 3 style turn with parallel calls, ids and a thought signature, then the answer.
 */
class GeminiCometChatModelToolTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static FakeGemini stub;

	private static GeminiTemplate gemini;

	private static ChatClient chatClient;

	@BeforeAll
	static void start() {
		stub = new FakeGemini();
		gemini = stub.templateBuilder().build();
		chatClient = ChatClient.create(new GeminiCometChatModel(gemini,
				GeminiCometChatOptions.builder().model(GeminiResponses.MODEL).build()));
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
	void twoTurnToolExchangeSendsSignatureAndResponsesWithMatchingIds() {
		stub.reply(event(FinishReason.STOP, call("call-a", "currentWeather", Map.of("city", "Paris"),
				"sig-a"), call("call-b", "currentWeather", Map.of("city", "Rome"), null)));
		stub.reply(event(FinishReason.STOP, text("Sunny in Paris, rainy in Rome.", "sig-answer")));
		String answer = chatClient.prompt("Weather in Paris and Rome?").tools(new WeatherTools()).call().content();
		assertThat(answer).isEqualTo("Sunny in Paris, rainy in Rome.");
		assertSecondTurn();
	}

	@Test
	void streamedTwoTurnToolExchangeSendsSignatureAndResponsesWithMatchingIds() {
		// the calls arrive in two events, the signature on the first: Spring AI merges the chunks with
		// MessageAggregator before running the tools
		stub.reply(event(null, thought("Two cities.")),
				event(null, call("call-a", "currentWeather", Map.of("city", "Paris"), "sig-a")),
				event(FinishReason.STOP, call("call-b", "currentWeather", Map.of("city", "Rome"), null)));
		stub.reply(event(null, text("Sunny in Paris, ", null)),
				event(FinishReason.STOP, text("rainy in Rome.", null), text("", "sig-answer")));
		List<String> chunks = chatClient.prompt("Weather in Paris and Rome?")
			.tools(new WeatherTools())
			.stream()
			.content()
			.collectList()
			.block(TIMEOUT);
		assertThat(String.join("", chunks)).isEqualTo("Sunny in Paris, rainy in Rome.");
		assertThat(stub.exchanges()).allSatisfy((request) -> assertThat(request.isStreaming()).isTrue());
		assertSecondTurn();
	}

	@Test
	void callsWithoutIdsGetLocalIdsThatAreNotSentBack() {
		stub.reply(event(FinishReason.STOP, call(null, "currentWeather", Map.of("city", "Paris"),
				"sig-a")));
		stub.reply(event(FinishReason.STOP, text("Sunny.", null)));
		assertThat(chatClient.prompt("Weather in Paris?").tools(new WeatherTools()).call().content())
			.isEqualTo("Sunny.");
		FakeGemini.Exchange second = stub.exchanges().get(1);
		Part modelCall = second.contents().get(1).parts().get(0);
		assertThat(modelCall.functionCall().id()).isNull();
		assertThat(modelCall.thoughtSignature()).isEqualTo("sig-a");
		assertThat(second.functionResponses()).singleElement()
			.satisfies((response) -> assertThat(response.id()).isNull());
	}

	@Test
	void signaturesSurviveMessageAggregatorMergingAStreamedTurn() {
		stub.reply(event(null, call("call-a", "currentWeather", Map.of("city", "Paris"), "sig-a")),
				event(null, call("call-b", "currentWeather", Map.of("city", "Rome"), "sig-b")),
				event(FinishReason.STOP, text("", "sig-trailer")));
		GeminiCometChatModel model = new GeminiCometChatModel(gemini);
		AtomicReference<ChatResponse> merged = new AtomicReference<>();
		new MessageAggregator().aggregate(model.stream(new Prompt("Weather?")), merged::set).blockLast(TIMEOUT);
		AssistantMessage message = merged.get().getResult().getOutput();
		assertThat(message.getToolCalls()).extracting(AssistantMessage.ToolCall::id).containsExactly("call-a",
				"call-b");
		assertThat(message.getMetadata()).containsEntry(GeminiCometChatModel.callSignatureKey("call-a"), "sig-a")
			.containsEntry(GeminiCometChatModel.callSignatureKey("call-b"), "sig-b")
			.containsEntry(GeminiCometChatModel.TEXT_THOUGHT_SIGNATURE, "sig-trailer");
	}

	private void assertSecondTurn() {
		List<FakeGemini.Exchange> requests = stub.exchanges();
		assertThat(requests).hasSize(2);
		FakeGemini.Exchange first = requests.get(0);
		assertThat(first.functionDeclarations()).extracting(FunctionDeclaration::name).containsExactly("currentWeather");
		assertThat(first.functionDeclarations().get(0).description()).isEqualTo("Current weather in a city");
		FakeGemini.Exchange second = requests.get(1);
		List<Content> contents = second.contents();
		assertThat(contents).extracting(Content::role).containsExactly("user", "model", "user");
		List<Part> modelParts = contents.get(1).parts();
		assertThat(modelParts).extracting(Part::functionCall)
			.extracting(FunctionCall::id, FunctionCall::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("call-a", "currentWeather"),
					org.assertj.core.groups.Tuple.tuple("call-b", "currentWeather"));
		assertThat(modelParts.get(0).functionCall().args()).isEqualTo(Map.of("city", "Paris"));
		assertThat(modelParts).extracting(Part::thoughtSignature).containsExactly("sig-a", null);
		assertThat(modelParts).noneMatch((part) -> part.text() != null && !part.text().isEmpty());
		assertThat(second.functionResponses()).extracting(FunctionResponse::id, FunctionResponse::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("call-a", "currentWeather"),
					org.assertj.core.groups.Tuple.tuple("call-b", "currentWeather"));
		assertThat(second.functionResponses()).extracting(FunctionResponse::response)
			.containsExactly(Map.of("result", "sunny"), Map.of("result", "rainy"));
		assertThat(second.functionDeclarations()).extracting(FunctionDeclaration::name)
			.containsExactly("currentWeather");
	}

	static class WeatherTools {

		@Tool(description = "Current weather in a city")
		String currentWeather(String city) {
			return city.equals("Paris") ? "sunny" : "rainy";
		}

	}

}
