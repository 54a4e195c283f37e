package io.github.geminicomet.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.Schema;
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
	void callReturnsTheAnswerTextAndSendsSystemAndUserMessages() {
		stub.reply(GeminiResponses.answer("Rex"));
		String content = ChatClient.create(chatModel)
			.prompt()
			.system("Be brief.")
			.user("Name a dog")
			.call()
			.content();
		assertThat(content).isEqualTo("Rex");
		FakeGemini.Exchange request = stub.lastExchange();
		assertThat(request.isStreaming()).isFalse();
		assertThat(request.model()).isEqualTo(GeminiTemplate.DEFAULT_MODEL);
		assertThat(request.systemInstruction()).isEqualTo("Be brief.");
		assertThat(request.prompt()).isEqualTo("Name a dog");
	}

	@Test
	void streamDeliversEachChunkAsItArrives() {
		stub.replySlowly(Duration.ofMillis(400), GeminiResponses.event(null, GeminiResponses.text("one ", null)),
				GeminiResponses.event(null, GeminiResponses.text("two ", null)),
				GeminiResponses.event(FinishReason.STOP, GeminiResponses.text("three", null)));
		long start = System.nanoTime();
		List<Long> arrivals = new ArrayList<>();
		List<String> chunks = ChatClient.create(chatModel)
			.prompt("Count to three")
			.stream()
			.content()
			.doOnNext((chunk) -> arrivals.add(System.nanoTime() - start))
			.collectList()
			.block(TIMEOUT);
		assertThat(String.join("", chunks)).isEqualTo("one two three");
		assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
		// the first chunk arrives long before the last: nothing buffers the stream
		assertThat(Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0)))
			.isGreaterThanOrEqualTo(Duration.ofMillis(600));
		assertThat(stub.lastExchange().isStreaming()).isTrue();
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
	void chatMemoryAdvisorSendsTheHistory() {
		ChatMemory memory = MessageWindowChatMemory.builder().build();
		ChatClient client = ChatClient.builder(chatModel)
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
			.build();
		stub.reply(GeminiResponses.answer("Hello Ada"));
		client.prompt("My name is Ada.").advisors((a) -> a.param(ChatMemory.CONVERSATION_ID, "c1")).call().content();
		stub.reply(GeminiResponses.answer("You are Ada"));
		String second = client.prompt("What is my name?")
			.advisors((a) -> a.param(ChatMemory.CONVERSATION_ID, "c1"))
			.call()
			.content();
		assertThat(second).isEqualTo("You are Ada");
		List<Content> contents = stub.lastExchange().contents();
		assertThat(contents).extracting(Content::role).containsExactly("user", "model", "user");
		assertThat(contents).extracting((content) -> content.parts().get(0).text())
			.containsExactly("My name is Ada.", "Hello Ada", "What is my name?");
	}

	@Test
	void entityIsReadFromNativeStructuredOutputWithResponseSchemaOnTheWire() {
		stub.reply(GeminiResponses.answer("{\"city\":\"Paris\",\"country\":\"France\",\"population\":2100000}"));
		Capital capital = ChatClient.create(chatModel)
			.prompt("The capital of France?")
			.advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
			.call()
			.entity(Capital.class);
		assertThat(capital).isEqualTo(new Capital("Paris", "France", 2100000));
		FakeGemini.Exchange request = stub.lastExchange();
		assertThat(request.generationConfig().responseMimeType()).isEqualTo("application/json");
		Schema schema = request.generationConfig().responseSchema();
		assertThat(schema.type()).isEqualTo(Schema.Type.OBJECT);
		assertThat(schema.properties()).containsOnlyKeys("city", "country", "population");
		assertThat(schema.properties().get("population").type()).isEqualTo(Schema.Type.INTEGER);
		// native structured output: no format instructions appended to the prompt
		assertThat(request.prompt()).isEqualTo("The capital of France?");
		assertThat(request.body()).doesNotContain("$schema").doesNotContain("additionalProperties");
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

	record Capital(String city, String country, int population) {
	}

}
