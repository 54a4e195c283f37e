package io.github.geminicomet.springai;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.Assert;

import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;

/**
 * Spring AI {@link ChatModel} (and so {@code StreamingChatModel}) over a reactive {@link GeminiOperations},
 * usually the application's {@link GeminiTemplate}: put it under a {@code ChatClient} and its advisors,
 * chat memory and tools talk to Gemini through CometAPI's native endpoint.
 *
 * <ul>
 * <li>{@link #stream(Prompt)} emits one {@link ChatResponse} per server-sent event as it arrives (the last
 * carries the finish reason and usage); cancelling the {@code Flux} closes the connection.
 * {@link #call(Prompt)} blocks the calling thread until the answer is in, as Spring AI's synchronous API
 * requires: never call it on an event loop.</li>
 * <li>Messages map both ways: system messages to {@code systemInstruction}; user text and {@code Media}
 * (bytes inline, a URL or URI as a file URI); the assistant's text and tool calls (with Gemini's call id,
 * or {@code gemini-comet-call-N} when Gemini gave none, which is not sent back); tool responses to
 * {@code functionResponse} parts with the calls' ids.</li>
 * <li>Thought signatures (which Gemini 3 requires back on the next turn) are kept in the assistant message's
 * metadata, one key per function call ({@link #callSignatureKey(String)}) and one for the text
 * ({@link #TEXT_THOUGHT_SIGNATURE}), so that they survive Spring AI's {@code MessageAggregator} merging a
 * streamed turn, and are sent back on the right parts. Thought summaries are under {@link #THOUGHTS}, never
 * in the text.</li>
 * <li>Tools the Spring AI 2 way: the options' {@code ToolCallback}s are declared as functions and the model
 * returns the tool calls; {@code ChatClient}'s tool-calling advisor runs them and calls again. Gemini's
 * built-in tools (Google Search, Maps, URL context, code execution) are options; grounding, URL context,
 * safety and citation metadata reach each generation's metadata.</li>
 * <li>A blocked prompt is an empty generation whose finish reason is the block reason, with the prompt
 * feedback in its metadata; not an exception.</li>
 * <li>Observation: this model starts none of its own. Each call is observed once, by the template's
 * {@code gen_ai.client.operation} observation (and its meters), so nothing is counted twice.</li>
 * </ul>
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public class GeminiCometChatModel implements ChatModel {

	/**
	 * Key of the thought summaries in the assistant message's metadata.
	 */
	public static final String THOUGHTS = "thoughts";

	/**
	 * Key of the thought signature of the assistant message's text (or of its empty trailing part).
	 */
	public static final String TEXT_THOUGHT_SIGNATURE = "gemini.thoughtSignature.text";

	/**
	 * Prefix of the keys of the thought signatures of function calls, followed by the call id.
	 */
	public static final String CALL_THOUGHT_SIGNATURE_PREFIX = "gemini.thoughtSignature.call.";

	/**
	 * Prefix of the ids given to function calls that Gemini sent without one; such ids are not sent back.
	 */
	public static final String SYNTHETIC_CALL_ID_PREFIX = "gemini-comet-call-";

	/**
	 * Key of the executable code parts (code execution) in the assistant message's metadata.
	 */
	public static final String EXECUTABLE_CODE = "executableCode";

	/**
	 * Key of the code execution results in the assistant message's metadata.
	 */
	public static final String CODE_EXECUTION_RESULT = "codeExecutionResult";

	/**
	 * Key of the grounding metadata (Google Search, Maps) in a generation's metadata.
	 */
	public static final String GROUNDING_METADATA = "groundingMetadata";

	/**
	 * Key of the URL context metadata in a generation's metadata.
	 */
	public static final String URL_CONTEXT_METADATA = "urlContextMetadata";

	/**
	 * Key of the citation metadata in a generation's metadata.
	 */
	public static final String CITATION_METADATA = "citationMetadata";

	/**
	 * Key of the safety ratings in a generation's metadata.
	 */
	public static final String SAFETY_RATINGS = "safetyRatings";

	/**
	 * Key of the finish message in a generation's metadata.
	 */
	public static final String FINISH_MESSAGE = "finishMessage";

	/**
	 * Key of the prompt feedback in the response metadata (and in the generation's metadata of a blocked
	 * prompt).
	 */
	public static final String PROMPT_FEEDBACK = "promptFeedback";

	/**
	 * Key of the options' labels in the response metadata.
	 */
	public static final String LABELS = "labels";

	private final GeminiOperations gemini;

	private final GeminiCometChatOptions defaultOptions;

	private final JsonMapper jsonMapper;

	private final PromptConverter promptConverter;

	/**
	 * Create a chat model with no default options (the template's default model).
	 * @param gemini the operations to call Gemini with
	 */
	public GeminiCometChatModel(GeminiOperations gemini) {
		this(gemini, GeminiCometChatOptions.builder().build());
	}

	/**
	 * Create a chat model.
	 * @param gemini the operations to call Gemini with
	 * @param defaultOptions the options of every call, under those of each prompt
	 */
	public GeminiCometChatModel(GeminiOperations gemini, GeminiCometChatOptions defaultOptions) {
		Assert.notNull(gemini, "'gemini' must not be null");
		Assert.notNull(defaultOptions, "'defaultOptions' must not be null");
		this.gemini = gemini;
		this.defaultOptions = defaultOptions;
		this.jsonMapper = (gemini instanceof GeminiTemplate template) ? template.getJsonMapper() : JsonMapper.shared();
		this.promptConverter = new PromptConverter(this.jsonMapper);
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		ChatResponse response = callReactive(prompt).block();
		Assert.state(response != null, "Gemini answered nothing");
		return response;
	}

	/**
	 * Return the answer to the prompt without blocking: the reactive counterpart of {@link #call(Prompt)}.
	 * @param prompt the prompt
	 * @return a {@code Mono} of the response, cold
	 */
	public Mono<ChatResponse> callReactive(Prompt prompt) {
		Assert.notNull(prompt, "'prompt' must not be null");
		return Mono.defer(() -> {
			GeminiCometChatOptions options = this.defaultOptions.merge(prompt.getOptions());
			GenerateContentRequest request = this.promptConverter.toRequest(prompt, options);
			ResponseConverter converter = converter(options);
			return generate(options.getModel(), request).map(converter::toChatResponse);
		});
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		Assert.notNull(prompt, "'prompt' must not be null");
		return Flux.defer(() -> {
			GeminiCometChatOptions options = this.defaultOptions.merge(prompt.getOptions());
			GenerateContentRequest request = this.promptConverter.toRequest(prompt, options);
			ResponseConverter converter = converter(options);
			return stream(options.getModel(), request).map(converter::toChatResponse);
		});
	}

	@Override
	public GeminiCometChatOptions getOptions() {
		return this.defaultOptions;
	}

	/**
	 * Return the metadata key of the thought signature of the function call with the given id.
	 * @param callId the id of the call ({@code AssistantMessage.ToolCall#id()})
	 * @return the key
	 */
	public static String callSignatureKey(String callId) {
		return CALL_THOUGHT_SIGNATURE_PREFIX + callId;
	}

	/**
	 * The id to send for a tool call or response: Gemini's own, or none for one this model made up.
	 */
	static @Nullable String wireCallId(@Nullable String id) {
		return (id == null || id.isEmpty() || id.startsWith(SYNTHETIC_CALL_ID_PREFIX)) ? null : id;
	}

	private ResponseConverter converter(GeminiCometChatOptions options) {
		return new ResponseConverter(this.jsonMapper, options.getModel(), options.getLabels());
	}

	private Mono<GenerateContentResponse> generate(@Nullable String model, GenerateContentRequest request) {
		return (model != null) ? this.gemini.generateContent(model, request) : this.gemini.generateContent(request);
	}

	private Flux<GenerateContentResponse> stream(@Nullable String model, GenerateContentRequest request) {
		return (model != null) ? this.gemini.streamGenerateContent(model, request)
				: this.gemini.streamGenerateContent(request);
	}

}
