package io.github.geminicomet.springai;

import java.net.URI;
import java.util.Base64;
import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GroundingMetadata;
import io.github.geminicomet.model.HarmCategory;
import io.github.geminicomet.model.HarmProbability;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.SafetyRating;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiCometChatModel}'s mapping of media and response metadata, and for its one
 * observation per call.
 */
class GeminiCometChatModelMappingTests {

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private FakeGemini gemini;

	private GeminiTemplate template;

	private GeminiCometChatModel chatModel;

	@BeforeEach
	void start() {
		this.gemini = new FakeGemini();
		this.template = this.gemini.templateBuilder()
			.observationRegistry(this.observations)
			.build();
		this.chatModel = new GeminiCometChatModel(this.template);
	}

	@AfterEach
	void stop() {
		this.template.close();
		this.gemini.close();
	}

	@Test
	void userMediaIsSentInlineOrAsAFileUri() {
		this.gemini.reply(GeminiResponses.answer("A cat and a video"));
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 };
		UserMessage message = UserMessage.builder()
			.text("Describe these")
			.media(new Media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(png)),
					new Media(MimeType.valueOf("video/mp4"), URI.create("https://example.org/files/cat.mp4")))
			.build();
		this.chatModel.call(new Prompt(message));
		List<Part> parts = this.gemini.lastExchange().contents().get(0).parts();
		assertThat(parts).hasSize(3);
		assertThat(parts.get(0).inlineData().mimeType()).isEqualTo("image/png");
		assertThat(Base64.getDecoder().decode(parts.get(0).inlineData().data())).isEqualTo(png);
		assertThat(parts.get(1).fileData().fileUri()).isEqualTo("https://example.org/files/cat.mp4");
		assertThat(parts.get(1).fileData().mimeType()).isEqualTo("video/mp4");
		assertThat(parts.get(2).text()).isEqualTo("Describe these");
	}

	@Test
	void turnsOfOneRoleInARowGoAsOneTurn() {
		this.gemini.reply(GeminiResponses.answer("Done"));
		AssistantMessage.ToolCall call = new AssistantMessage.ToolCall("call-1", "function", "clock", "{}");
		Prompt prompt = new Prompt(List.of(new SystemMessage("Be brief"), new UserMessage("first"),
				new UserMessage("second"), AssistantMessage.builder().content("answer").build(), new UserMessage("third"),
				AssistantMessage.builder().content("").build(), new UserMessage("fourth"),
				AssistantMessage.builder().content("").toolCalls(List.of(call)).build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("call-1", "clock", "{\"time\":\"noon\"}")))
					.build(),
				new UserMessage("and now?")));
		this.chatModel.call(prompt);
		List<Content> contents = this.gemini.lastExchange().contents();
		assertThat(contents).extracting(Content::role).containsExactly("user", "model", "user", "model", "user");
		assertThat(contents.get(0).parts()).extracting(Part::text).containsExactly("first", "second");
		assertThat(contents.get(2).parts()).extracting(Part::text).containsExactly("third", "fourth");
		assertThat(contents.get(3).parts()).singleElement()
			.satisfies((part) -> assertThat(part.functionCall().name()).isEqualTo("clock"));
		assertThat(contents.get(4).parts()).hasSize(2);
		assertThat(contents.get(4).parts().get(0).functionResponse().name()).isEqualTo("clock");
		assertThat(contents.get(4).parts().get(1).text()).isEqualTo("and now?");
	}

	@Test
	void groundingAndSafetyRatingsReachTheGenerationMetadata() {
		GroundingMetadata grounding = new GroundingMetadata(null, null, null, null, List.of("euro 2024 winner"), null);
		SafetyRating rating = new SafetyRating(HarmCategory.HARM_CATEGORY_HARASSMENT, HarmProbability.NEGLIGIBLE,
				null);
		Candidate candidate = new Candidate(0, new Content(Content.MODEL, List.of(Part.text("Spain."))),
				FinishReason.STOP, null, List.of(rating), null, null, grounding, null, null, null);
		this.gemini.reply(new GenerateContentResponse(List.of(candidate), null, null, "gemini-3.5-flash-lite", "r-2", null));
		ChatResponse response = this.chatModel.call(new Prompt("Who won Euro 2024?",
				GeminiCometChatOptions.builder().googleSearch(true).build()));
		Generation generation = response.getResult();
		assertThat(generation.getOutput().getText()).isEqualTo("Spain.");
		assertThat((Object) generation.getMetadata().get(GeminiCometChatModel.GROUNDING_METADATA)).isEqualTo(grounding);
		assertThat((Object) generation.getMetadata().get(GeminiCometChatModel.SAFETY_RATINGS))
			.isEqualTo(List.of(rating));
		assertThat(this.gemini.lastExchange().tools()).singleElement()
			.satisfies((tool) -> assertThat(tool.googleSearch()).isNotNull());
	}

	@Test
	void eachCallAndStreamIsObservedOnceByTheTemplate() {
		this.gemini.reply(GeminiResponses.answer("Rex"));
		ChatClient.create(this.chatModel).prompt("Name a dog").call().content();
		assertThat(this.observations).hasNumberOfObservationsEqualTo(1)
			.hasObservationWithNameEqualTo("gen_ai.client.operation");
		ChatClient.create(this.chatModel).prompt("Name a dog").stream().content().blockLast();
		assertThat(this.observations).hasNumberOfObservationsEqualTo(2)
			.hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 2);
	}

}
