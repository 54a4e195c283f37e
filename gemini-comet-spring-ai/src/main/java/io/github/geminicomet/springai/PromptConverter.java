package io.github.geminicomet.springai;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.StringUtils;

import io.github.geminicomet.model.Blob;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FileData;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.ThinkingConfig;
import io.github.geminicomet.model.Tool;

/**
 * Writes a Spring AI {@link Prompt} and its {@link GeminiCometChatOptions} as a Gemini
 * {@link GenerateContentRequest}: system messages as {@code systemInstruction}, user text and media, the
 * model's turns with their tool calls and thought signatures, tool responses as {@code functionResponse}
 * parts with the calls' ids, tool callbacks as function declarations.
 */
final class PromptConverter {

	private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper jsonMapper;

	private final OutputSchemaConverter schemaConverter;

	PromptConverter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		this.schemaConverter = new OutputSchemaConverter(jsonMapper);
	}

	GenerateContentRequest toRequest(Prompt prompt, GeminiCometChatOptions options) {
		GenerateContentRequest.Builder request = GenerateContentRequest.builder();
		List<Part> system = new ArrayList<>();
		List<Content> contents = new ArrayList<>();
		for (Message message : prompt.getInstructions()) {
			if (message instanceof SystemMessage systemMessage) {
				if (StringUtils.hasLength(systemMessage.getText())) {
					system.add(Part.text(systemMessage.getText()));
				}
			}
			else if (message instanceof UserMessage user) {
				addTurn(contents, Content.USER, userParts(user));
			}
			else if (message instanceof AssistantMessage assistant) {
				List<Part> parts = modelParts(assistant);
				if (!parts.isEmpty()) {
					addTurn(contents, Content.MODEL, parts);
				}
			}
			else if (message instanceof ToolResponseMessage toolResponses) {
				addTurn(contents, Content.USER, functionResponses(toolResponses));
			}
			else {
				throw new IllegalArgumentException("Unsupported message type " + message.getMessageType()
						+ ": GeminiCometChatModel takes system, user, assistant and tool response messages");
			}
		}
		if (!contents.isEmpty()) {
			request.contents(contents);
		}
		if (!system.isEmpty()) {
			request.systemInstruction(new Content(null, system));
		}
		request.generationConfig(generationConfig(options));
		List<Tool> tools = tools(options);
		if (!tools.isEmpty()) {
			request.tools(tools);
		}
		request.safetySettings(options.getSafetySettings());
		request.cachedContent(options.getCachedContent());
		return request.build();
	}

	/**
	 * Add a turn, or join its parts to the previous turn when that has the same role: Gemini answers 400
	 * ("multiturn requests alternate between user and model") to two turns of one role in a row, which a
	 * conversation gets from back-to-back user messages (a memory holding a message whose call failed), a
	 * tool response followed by a user message, or an assistant message with nothing to send between two
	 * user messages.
	 */
	private static void addTurn(List<Content> contents, String role, List<Part> parts) {
		int last = contents.size() - 1;
		if (last >= 0 && role.equals(contents.get(last).role())) {
			List<Part> previous = contents.get(last).parts();
			List<Part> joined = new ArrayList<>((previous != null) ? previous : List.of());
			joined.addAll(parts);
			contents.set(last, new Content(role, joined));
		}
		else {
			contents.add(new Content(role, parts));
		}
	}

	private List<Part> userParts(UserMessage user) {
		List<Part> parts = new ArrayList<>();
		for (Media media : user.getMedia()) {
			parts.add(mediaPart(media));
		}
		if (StringUtils.hasLength(user.getText())) {
			parts.add(Part.text(user.getText()));
		}
		return parts;
	}

	private Part mediaPart(Media media) {
		String mimeType = media.getMimeType().toString();
		Object data = media.getData();
		if (data instanceof byte[] bytes) {
			return Part.inlineData(Blob.of(mimeType, bytes));
		}
		if (data instanceof String || data instanceof URI || data instanceof URL) {
			return Part.fileData(mimeType, data.toString());
		}
		throw new IllegalArgumentException("Unsupported media data " + data.getClass().getName() + " ("
				+ mimeType + "): give Media bytes (sent inline) or a URL or URI (sent as a file URI)");
	}

	private List<Part> modelParts(AssistantMessage assistant) {
		Map<String, Object> metadata = assistant.getMetadata();
		List<Part> parts = new ArrayList<>();
		String signature = stringValue(metadata.get(GeminiCometChatModel.TEXT_THOUGHT_SIGNATURE));
		if (StringUtils.hasLength(assistant.getText()) || signature != null) {
			String text = (assistant.getText() != null) ? assistant.getText() : "";
			parts.add(new Part(text, null, null, null, null, null, null, null, null, null, null, signature, null));
		}
		for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
			String callSignature = stringValue(metadata.get(GeminiCometChatModel.callSignatureKey(call.id())));
			FunctionCall functionCall = new FunctionCall(GeminiCometChatModel.wireCallId(call.id()), call.name(),
					arguments(call));
			parts.add(new Part(null, null, null, functionCall, null, null, null, null, null, null, null,
					callSignature, null));
		}
		return parts;
	}

	private Map<String, @Nullable Object> arguments(AssistantMessage.ToolCall call) {
		if (!StringUtils.hasText(call.arguments())) {
			return Map.of();
		}
		try {
			return this.jsonMapper.readValue(call.arguments(), MAP);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The arguments of tool call '" + call.name() + "' (id " + call.id()
					+ ") are not a JSON object: " + ex.getOriginalMessage(), ex);
		}
	}

	private List<Part> functionResponses(ToolResponseMessage message) {
		List<Part> parts = new ArrayList<>();
		for (ToolResponseMessage.ToolResponse response : message.getResponses()) {
			parts.add(Part.functionResponse(new FunctionResponse(GeminiCometChatModel.wireCallId(response.id()),
					response.name(), responseValue(response.responseData()), null, null, null)));
		}
		return parts;
	}

	/**
	 * A tool's result as Gemini's {@code response} object: a JSON object as it is, any other JSON value (or
	 * text that is not JSON) as {@code {"result": value}}, as the template's own tool loop sends them.
	 */
	private Map<String, @Nullable Object> responseValue(@Nullable String data) {
		if (data == null || data.isBlank()) {
			return Map.of("result", "ok");
		}
		JsonNode node;
		try {
			node = this.jsonMapper.readTree(data);
		}
		catch (JacksonException ex) {
			return Map.of("result", data);
		}
		if (node.isObject()) {
			return this.jsonMapper.convertValue(node, MAP);
		}
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		result.put("result", this.jsonMapper.convertValue(node, Object.class));
		return result;
	}

	private @Nullable GenerationConfig generationConfig(GeminiCometChatOptions options) {
		GenerationConfig.Builder config = GenerationConfig.builder()
			.candidateCount(options.getCandidateCount())
			.stopSequences(options.getStopSequences())
			.maxOutputTokens(options.getMaxTokens())
			.temperature(options.getTemperature())
			.topP(options.getTopP())
			.topK(options.getTopK())
			.seed(options.getSeed())
			.presencePenalty(options.getPresencePenalty())
			.frequencyPenalty(options.getFrequencyPenalty())
			.responseMimeType(options.getResponseMimeType());
		if (options.getThinkingBudget() != null || options.getThinkingLevel() != null
				|| options.getIncludeThoughts() != null) {
			config.thinkingConfig(new ThinkingConfig(options.getIncludeThoughts(), options.getThinkingBudget(),
					options.getThinkingLevel()));
		}
		if (options.getResponseSchema() != null) {
			config.responseSchema(options.getResponseSchema());
		}
		else if (StringUtils.hasText(options.getOutputSchema())) {
			config.responseSchema(this.schemaConverter.convert(options.getOutputSchema()));
		}
		if ((options.getResponseSchema() != null || StringUtils.hasText(options.getOutputSchema()))
				&& options.getResponseMimeType() == null) {
			config.responseMimeType("application/json");
		}
		GenerationConfig built = config.build();
		return built.equals(GenerationConfig.builder().build()) ? null : built;
	}

	private List<Tool> tools(GeminiCometChatOptions options) {
		List<Tool> tools = new ArrayList<>();
		List<ToolCallback> callbacks = options.getToolCallbacks();
		if (callbacks != null && !callbacks.isEmpty()) {
			List<FunctionDeclaration> declarations = new ArrayList<>();
			for (ToolCallback callback : callbacks) {
				ToolDefinition definition = callback.getToolDefinition();
				declarations.add(FunctionDeclaration.ofJsonSchema(definition.name(), definition.description(),
						this.jsonMapper.readTree(definition.inputSchema())));
			}
			tools.add(Tool.functions(declarations));
		}
		if (Boolean.TRUE.equals(options.getGoogleSearch())) {
			tools.add(Tool.GOOGLE_SEARCH);
		}
		if (Boolean.TRUE.equals(options.getGoogleMaps())) {
			tools.add(Tool.GOOGLE_MAPS);
		}
		if (Boolean.TRUE.equals(options.getUrlContext())) {
			tools.add(Tool.URL_CONTEXT);
		}
		if (Boolean.TRUE.equals(options.getCodeExecution())) {
			tools.add(Tool.CODE_EXECUTION);
		}
		return tools;
	}

	private static @Nullable String stringValue(@Nullable Object value) {
		return (value instanceof String string && !string.isEmpty()) ? string : null;
	}

}
