package io.github.geminicomet.sample;

import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/spring-ai} with {@code {"prompt": "...", "conversation": "..."}}: Spring AI's
 * {@link ChatClient} on gemini-comet's {@code ChatModel}, with a chat memory (the last 20 messages of each
 * conversation) and a Spring AI {@code @Tool} (the local time in a city). The answer is streamed from
 * Gemini and joined; the reply names the conversation, so that the next prompt can continue it.
 *
 * @author gemini-comet
 */
@RestController
@RequestMapping("/api")
class SpringAiController {

	private final ChatClient chatClient;

	private final ChatMemory memory;

	SpringAiController(ChatModel chatModel, SpringAiTools tools) {
		this.memory = MessageWindowChatMemory.builder().maxMessages(20).build();
		this.chatClient = ChatClient.builder(chatModel)
			.defaultSystem("You are a friendly assistant. Be brief.")
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(this.memory).build())
			.defaultTools(tools)
			.build();
	}

	@PostMapping("/spring-ai")
	Mono<SpringAiReply> chat(@RequestBody SpringAiRequest request) {
		String prompt = request.requiredPrompt();
		String conversation = (request.conversation() != null && !request.conversation().isBlank())
				? request.conversation() : UUID.randomUUID().toString();
		return this.chatClient.prompt(prompt)
			.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, conversation))
			.stream()
			.content()
			.collect(Collectors.joining())
			.map((text) -> new SpringAiReply(text, conversation, this.memory.get(conversation).size()));
	}

	record SpringAiRequest(@Nullable String prompt, @Nullable String conversation) {

		String requiredPrompt() {
			if (this.prompt == null || this.prompt.isBlank()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'prompt' must not be empty");
			}
			return this.prompt;
		}

	}

	/**
	 * The answer, the conversation it belongs to and how many messages the memory holds for it.
	 */
	record SpringAiReply(String text, String conversation, int remembered) {
	}

	/**
	 * The Spring AI tool of the demo: the local time in a city, from {@link ClockTools}.
	 */
	@Component
	static class SpringAiTools {

		private final ClockTools clockTools;

		SpringAiTools(ClockTools clockTools) {
			this.clockTools = clockTools;
		}

		@Tool(description = "Current local date and time in a city, with its time zone")
		ClockTools.LocalTime localTime(@ToolParam(description = "City name, such as Tokyo") String city) {
			return this.clockTools.currentTime(city);
		}

	}

}
