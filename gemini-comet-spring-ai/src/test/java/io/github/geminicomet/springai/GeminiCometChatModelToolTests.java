package io.github.geminicomet.springai;

import java.time.Duration;
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
import io.github.geminicomet.model.FinishReason;
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

	static class WeatherTools {

		@Tool(description = "Current weather in a city")
		String currentWeather(String city) {
			return city.equals("Paris") ? "sunny" : "rainy";
		}

	}

}
