package io.github.geminicomet.springai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.PromptFeedback;
import io.github.geminicomet.model.UsageMetadata;

/**
 * Reads a Gemini {@link GenerateContentResponse} (a whole answer or one server-sent event of a stream) as a
 * Spring AI {@link ChatResponse}. One converter per call: it numbers the tool calls that arrive without an
 * id across the events of a stream.
 */
final class ResponseConverter {

	private final JsonMapper jsonMapper;

	private final @Nullable String requestedModel;

	private final @Nullable Map<String, String> labels;

	private final AtomicInteger unnamedCalls = new AtomicInteger();

	ResponseConverter(JsonMapper jsonMapper, @Nullable String requestedModel, @Nullable Map<String, String> labels) {
		this.jsonMapper = jsonMapper;
		this.requestedModel = requestedModel;
		this.labels = labels;
	}

	ChatResponse toChatResponse(GenerateContentResponse response) {
		List<Generation> generations = new ArrayList<>();
		List<Candidate> candidates = (response.candidates() != null) ? response.candidates() : List.of();
		for (Candidate candidate : candidates) {
			generations.add(generation(candidate));
		}
		PromptFeedback feedback = response.promptFeedback();
		if (generations.isEmpty()) {
			// a blocked prompt (or an event carrying only usage): an empty generation, with the block reason as
			// its finish reason, as Spring AI's models report a filtered prompt
			ChatGenerationMetadata.Builder metadata = ChatGenerationMetadata.builder();
			if (feedback != null && feedback.blockReason() != null) {
				metadata.finishReason(feedback.blockReason().name());
				metadata.metadata(GeminiCometChatModel.PROMPT_FEEDBACK, feedback);
			}
			generations.add(new Generation(new AssistantMessage(""), metadata.build()));
		}
		return new ChatResponse(generations, responseMetadata(response, feedback));
	}

	private Generation generation(Candidate candidate) {
		StringBuilder text = new StringBuilder();
		StringBuilder thoughts = new StringBuilder();
		Map<String, Object> properties = new HashMap<>();
		List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
		List<Object> executableCode = new ArrayList<>();
		List<Object> codeResults = new ArrayList<>();
		Content content = candidate.content();
		List<Part> parts = (content != null && content.parts() != null) ? content.parts() : List.of();
		for (Part part : parts) {
			FunctionCall call = part.functionCall();
			if (call != null) {
				String id = (call.id() != null) ? call.id()
						: GeminiCometChatModel.SYNTHETIC_CALL_ID_PREFIX + this.unnamedCalls.incrementAndGet();
				Map<String, @Nullable Object> args = (call.args() != null) ? call.args() : Map.of();
				toolCalls.add(new AssistantMessage.ToolCall(id, "function", String.valueOf(call.name()),
						this.jsonMapper.writeValueAsString(args)));
				if (part.thoughtSignature() != null) {
					properties.put(GeminiCometChatModel.callSignatureKey(id), part.thoughtSignature());
				}
				continue;
			}
			if (part.thoughtSignature() != null) {
				properties.put(GeminiCometChatModel.TEXT_THOUGHT_SIGNATURE, part.thoughtSignature());
			}
			if (part.text() != null) {
				(part.isThought() ? thoughts : text).append(part.text());
			}
			if (part.executableCode() != null) {
				executableCode.add(part.executableCode());
			}
			if (part.codeExecutionResult() != null) {
				codeResults.add(part.codeExecutionResult());
			}
		}
		if (!thoughts.isEmpty()) {
			properties.put(GeminiCometChatModel.THOUGHTS, thoughts.toString());
		}
		if (!executableCode.isEmpty()) {
			properties.put(GeminiCometChatModel.EXECUTABLE_CODE, executableCode);
		}
		if (!codeResults.isEmpty()) {
			properties.put(GeminiCometChatModel.CODE_EXECUTION_RESULT, codeResults);
		}
		AssistantMessage message = AssistantMessage.builder()
			.content(text.toString())
			.properties(properties)
			.toolCalls(toolCalls)
			.build();
		return new Generation(message, generationMetadata(candidate));
	}

	private ChatGenerationMetadata generationMetadata(Candidate candidate) {
		ChatGenerationMetadata.Builder metadata = ChatGenerationMetadata.builder();
		if (candidate.finishReason() != null) {
			metadata.finishReason(candidate.finishReason().name());
		}
		putIfPresent(metadata, GeminiCometChatModel.FINISH_MESSAGE, candidate.finishMessage());
		putIfPresent(metadata, GeminiCometChatModel.SAFETY_RATINGS, candidate.safetyRatings());
		putIfPresent(metadata, GeminiCometChatModel.GROUNDING_METADATA, candidate.groundingMetadata());
		putIfPresent(metadata, GeminiCometChatModel.URL_CONTEXT_METADATA, candidate.urlContextMetadata());
		putIfPresent(metadata, GeminiCometChatModel.CITATION_METADATA, candidate.citationMetadata());
		return metadata.build();
	}

	private static void putIfPresent(ChatGenerationMetadata.Builder metadata, String key, @Nullable Object value) {
		if (value != null) {
			metadata.metadata(key, value);
		}
	}

	private ChatResponseMetadata responseMetadata(GenerateContentResponse response, @Nullable PromptFeedback feedback) {
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder();
		if (response.responseId() != null) {
			metadata.id(response.responseId());
		}
		String model = (response.modelVersion() != null) ? response.modelVersion() : this.requestedModel;
		if (model != null) {
			metadata.model(model);
		}
		UsageMetadata usage = response.usageMetadata();
		if (usage != null) {
			metadata.usage(usage(usage));
		}
		if (feedback != null) {
			metadata.keyValue(GeminiCometChatModel.PROMPT_FEEDBACK, feedback);
		}
		if (this.labels != null) {
			metadata.keyValue(GeminiCometChatModel.LABELS, this.labels);
		}
		return metadata.build();
	}

	/**
	 * Spring AI's usage: the prompt tokens, the output tokens (the candidates' and the thoughts', both billed
	 * as output), Gemini's total, the cached prompt tokens, and the native {@link UsageMetadata} with every
	 * count (thoughts, tool-use prompt, cached, per modality).
	 */
	static DefaultUsage usage(UsageMetadata usage) {
		Integer completion = null;
		if (usage.candidatesTokenCount() != null || usage.thoughtsTokenCount() != null) {
			completion = zeroIfNull(usage.candidatesTokenCount()) + zeroIfNull(usage.thoughtsTokenCount());
		}
		Long cached = (usage.cachedContentTokenCount() != null) ? usage.cachedContentTokenCount().longValue() : null;
		return new DefaultUsage(usage.promptTokenCount(), completion, usage.totalTokenCount(), usage, cached, null);
	}

	private static int zeroIfNull(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

}
