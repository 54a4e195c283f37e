package io.github.geminicomet.springai;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.ThinkingLevel;
import io.github.geminicomet.model.UsageMetadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link GeminiCometChatModel} under a {@link ChatClient}, against the stub Gemini.
 */
class GeminiCometChatModelTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static FakeGemini stub;

	private static GeminiTemplate gemini;

	private static GeminiCometChatModel chatModel;

	@BeforeAll
	static void start() {
		stub = new FakeGemini();
		gemini = stub.templateBuilder().build();
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
	void cancellingTheStreamStopsIt() {
		stub.replySlowly(Duration.ofMillis(300), GeminiResponses.event(null, GeminiResponses.text("one ", null)),
				GeminiResponses.event(null, GeminiResponses.text("two ", null)),
				GeminiResponses.event(FinishReason.STOP, GeminiResponses.text("three", null)));
		List<String> first = ChatClient.create(chatModel).prompt("Count").stream().content().take(1).collectList()
			.block(TIMEOUT);
		assertThat(first).containsExactly("one ");
	}

	@Test
	void lastStreamedResponseCarriesFinishReasonAndUsage() {
		stub.reply(GeminiResponses.event(null, GeminiResponses.text("Re", null)),
				GeminiResponses.event(FinishReason.STOP, GeminiResponses.text("x", null)));
		List<ChatResponse> responses = chatModel.stream(new Prompt("Name a dog")).collectList().block(TIMEOUT);
		ChatResponse last = responses.get(responses.size() - 1);
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
		assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(10);
		assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(6 + 3);
		assertThat(responses.get(0).getResult().getMetadata().getFinishReason()).isNull();
	}

	@Test
	void responseMetadataCarriesModelIdUsageWithThoughtsAndThoughtsApartFromText() {
		stub.reply(GeminiResponses.event(FinishReason.STOP, GeminiResponses.thought("Dogs..."),
				GeminiResponses.text("Rex", "sig-text")));
		ChatResponse response = chatModel.call(new Prompt("Name a dog",
				GeminiCometChatOptions.builder().model(GeminiResponses.MODEL).thinkingLevel(ThinkingLevel.LOW)
					.includeThoughts(true).build()));
		assertThat(response.getMetadata().getId()).isEqualTo("response-1");
		assertThat(response.getMetadata().getModel()).isEqualTo(GeminiResponses.MODEL);
		Usage usage = response.getMetadata().getUsage();
		assertThat(usage.getPromptTokens()).isEqualTo(10);
		assertThat(usage.getCompletionTokens()).isEqualTo(6 + 3);
		assertThat(usage.getTotalTokens()).isEqualTo(21);
		assertThat(usage.getCacheReadInputTokens()).isEqualTo(4L);
		assertThat(usage.getNativeUsage()).isInstanceOfSatisfying(UsageMetadata.class,
				(native_) -> assertThat(native_.toolUsePromptTokenCount()).isEqualTo(2));
		AssistantMessage output = response.getResult().getOutput();
		assertThat(output.getText()).isEqualTo("Rex");
		assertThat(output.getMetadata()).containsEntry(GeminiCometChatModel.THOUGHTS, "Dogs...")
			.containsEntry(GeminiCometChatModel.TEXT_THOUGHT_SIGNATURE, "sig-text");
		FakeGemini.Exchange request = stub.lastExchange();
		assertThat(request.model()).isEqualTo(GeminiResponses.MODEL);
		assertThat(request.generationConfig().thinkingConfig().thinkingLevel()).isEqualTo(ThinkingLevel.LOW);
		assertThat(request.generationConfig().thinkingConfig().includeThoughts()).isTrue();
	}

	@Test
	void thinkingParameterOfTheWrongModelFamilyFailsBeforeAnythingIsSent() {
		Prompt prompt = new Prompt("Name a dog",
				GeminiCometChatOptions.builder().model("gemini-2.5-flash").thinkingLevel(ThinkingLevel.HIGH).build());
		assertThatIllegalArgumentException().isThrownBy(() -> chatModel.call(prompt))
			.withMessageContaining("thinkingBudget");
		assertThat(stub.exchanges()).isEmpty();
	}

	@Test
	void blockedPromptIsAnEmptyGenerationWithItsReason() {
		stub.reply(GeminiResponses.blocked(BlockReason.SAFETY));
		ChatResponse response = chatModel.call(new Prompt("Something bad"));
		Generation generation = response.getResult();
		assertThat(generation.getOutput().getText()).isEmpty();
		assertThat(generation.getMetadata().getFinishReason()).isEqualTo("SAFETY");
		assertThat((Object) response.getMetadata().get(GeminiCometChatModel.PROMPT_FEEDBACK)).isNotNull();
	}

	@Test
	void optionsAreSentMergedOverTheModelDefaults() {
		GeminiCometChatModel model = new GeminiCometChatModel(gemini,
				GeminiCometChatOptions.builder().model("gemini-2.5-pro").temperature(0.2).maxOutputTokens(100)
					.googleSearch(true).build());
		stub.reply(GeminiResponses.answer("ok"));
		ChatClient.create(model)
			.prompt("Who won Euro 2024?")
			.options(GeminiCometChatOptions.builder().temperature(0.7).thinkingBudget(512).codeExecution(true))
			.call()
			.content();
		FakeGemini.Exchange request = stub.lastExchange();
		assertThat(request.model()).isEqualTo("gemini-2.5-pro");
		assertThat(request.generationConfig().temperature()).isEqualTo(0.7);
		assertThat(request.generationConfig().maxOutputTokens()).isEqualTo(100);
		assertThat(request.generationConfig().thinkingConfig().thinkingBudget()).isEqualTo(512);
		assertThat(request.tools()).anySatisfy((tool) -> assertThat(tool.googleSearch()).isNotNull())
			.anySatisfy((tool) -> assertThat(tool.codeExecution()).isNotNull());
		assertThat(request.body()).doesNotContain("topK").doesNotContain("candidateCount");
	}

	@Test
	void streamedThoughtsStayInTheMetadataApartFromTheText() {
		stub.reply(GeminiResponses.event(null, GeminiResponses.thought("Hmm")),
				GeminiResponses.event(null, GeminiResponses.text("Re", null)),
				GeminiResponses.event(FinishReason.STOP, GeminiResponses.text("x", null),
						GeminiResponses.text("", "sig-trailer")));
		List<AssistantMessage> messages = chatModel.stream(new Prompt("Name a dog"))
			.map((response) -> response.getResult().getOutput())
			.collectList()
			.block(TIMEOUT);
		assertThat(messages).extracting(AssistantMessage::getText).containsExactly("", "Re", "x");
		assertThat(messages.get(0).getMetadata()).containsEntry(GeminiCometChatModel.THOUGHTS, "Hmm");
		assertThat(messages.get(2).getMetadata()).containsEntry(GeminiCometChatModel.TEXT_THOUGHT_SIGNATURE,
				"sig-trailer");
	}

}
