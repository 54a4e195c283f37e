package io.github.geminicomet;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;

import io.github.geminicomet.model.BatchEmbedContentsRequest;
import io.github.geminicomet.model.BatchEmbedContentsResponse;
import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.CountTokensResponse;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbedContentResponse;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Model;
import io.github.geminicomet.model.Tool;
import io.github.geminicomet.schema.GeminiSchemaGenerator;
import io.github.geminicomet.schema.JsonArrayElementReader;
import io.github.geminicomet.schema.ResponseSchema;
import io.github.geminicomet.schema.SealedTypesIntrospector;
import io.github.geminicomet.tool.GeminiTools;
import io.github.geminicomet.tool.ToolCallingOptions;
import io.github.geminicomet.tool.ToolExecutionException;

/**
 * {@link GeminiOperations} that let the model call the {@link io.github.geminicomet.tool.GeminiTool @GeminiTool} methods of some
 * objects, and run the function-calling loop until the model answers. Returned by
 * {@link GeminiOperations#withTools(Object...)}; immutable and thread-safe, and cheap to keep (the tools
 * are described once, when it is created).
 *
 * <pre class="code">
 * GeminiOperations assistant = gemini.withTools(weatherTools, calendarTools);
 * assistant.generateText("Do I need an umbrella for my 3pm meeting?").subscribe(System.out::println);
 * </pre>
 *
 * <p><strong>The loop.</strong> {@code generateContent}, {@code streamGenerateContent},
 * {@code generateText}, {@code streamText}, {@code streamTextDeltas}, {@code generateObject},
 * {@code streamObjects} and {@link #chat() chats} send the request with the tools' function
 * declarations added (as one more {@code Tool}, after the request's own tools and keeping its
 * {@code toolConfig}). When the model answers with {@code functionCall} parts, the methods run (the
 * calls of one turn concurrently, see {@link GeminiTools}), and the request is sent again with two more
 * turns: the model's turn exactly as it was received (every part, every {@code thoughtSignature},
 * which Gemini 3 requires back) and a user turn with one {@code functionResponse} per call, in the
 * order of the calls and with their {@code id}s. This repeats until the model answers without a
 * function call, or fails with a {@link GeminiToolException} once the model has had
 * {@link ToolCallingOptions#getMaxIterations() maxIterations} rounds of calls answered
 * ({@code cometapi.gemini.tools.max-iterations}, default 10). With {@code toolConfig} mode {@code ANY}
 * the model must call a function in every turn, so the loop always ends that way: use {@code ANY}
 * for one-shot calls with {@link GeminiTools} (manual mode) instead.
 *
 * <p><strong>What is returned.</strong> The unary methods return the final answer: the last response
 * (its {@code usageMetadata} counts that request only). The streaming methods emit the events of
 * every turn as they arrive, those of the turns that end in function calls included (so a UI can
 * show "calling getWeather..."); the final answer streams incrementally. A streamed turn is
 * aggregated for the replay as {@code GeminiChat} does: text deltas merged, every signature kept on its
 * part (the empty-text trailer included). Unlike the raw {@code generateContent}, a blocked prompt or a
 * {@code SAFETY}-like finish in any turn signals a {@link GeminiBlockedContentException}.
 *
 * <p>{@code generateObject} and {@code streamObjects} run the loop with the structured-output schema;
 * the template's validator and repair attempts do not apply to them here. Other operations (models,
 * tokens, embeddings, cached content) go straight to the underlying operations; {@code countTokens}
 * counts the request with the tools' declarations.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class ToolCallingOperations implements GeminiOperations {

	private static final GeminiSchemaGenerator SCHEMA_GENERATOR = new GeminiSchemaGenerator();

	private final GeminiOperations delegate;

	private final GeminiTools tools;

	private volatile @Nullable JsonMapper readerMapper;

	private ToolCallingOperations(GeminiOperations delegate, GeminiTools tools) {
		this.delegate = delegate;
		this.tools = tools;
	}

	/**
	 * Create operations that call the {@code @GeminiTool} methods of the given objects.
	 * @param delegate the operations that send each request, such as a {@code GeminiTemplate}
	 * @param options the function-calling options
	 * @param toolObjects objects with {@code @GeminiTool} methods
	 * @return the operations
	 * @throws IllegalArgumentException as {@link GeminiTools#of(ToolCallingOptions, Object...)} does
	 */
	public static ToolCallingOperations of(GeminiOperations delegate, ToolCallingOptions options,
			Object... toolObjects) {
		Assert.notNull(delegate, "'delegate' must not be null");
		if (delegate instanceof ToolCallingOperations operations) {
			return new ToolCallingOperations(operations.delegate,
					operations.tools.withOptions(options).and(toolObjects));
		}
		return new ToolCallingOperations(delegate, GeminiTools.of(options, toolObjects));
	}

	/**
	 * Create operations that call the given tools.
	 * @param delegate the operations that send each request
	 * @param tools the tools
	 * @return the operations
	 */
	public static ToolCallingOperations of(GeminiOperations delegate, GeminiTools tools) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(tools, "'tools' must not be null");
		return new ToolCallingOperations(delegate, tools);
	}

	/**
	 * Return the tools the model may call.
	 * @return the tools
	 */
	public GeminiTools getTools() {
		return this.tools;
	}

	/**
	 * Return the function-calling options.
	 * @return the options
	 */
	public ToolCallingOptions getOptions() {
		return this.tools.getOptions();
	}

	/**
	 * Return operations with the same tools and other options, such as another
	 * {@link ToolCallingOptions.Builder#maxIterations(int) maxIterations}.
	 * @param options the options
	 * @return new operations
	 */
	public ToolCallingOperations withOptions(ToolCallingOptions options) {
		return new ToolCallingOperations(this.delegate, this.tools.withOptions(options));
	}

	/**
	 * Return operations that also call the {@code @GeminiTool} methods of more objects.
	 * @param toolObjects more objects with {@code @GeminiTool} methods
	 * @return new operations with all the tools
	 */
	@Override
	public ToolCallingOperations withTools(Object... toolObjects) {
		return new ToolCallingOperations(this.delegate, this.tools.and(toolObjects));
	}

	// ---- the loop

	@Override
	public Mono<GenerateContentResponse> generateContent(GenerateContentRequest request) {
		return loop(null, withDeclarations(request), 0);
	}

	@Override
	public Mono<GenerateContentResponse> generateContent(String model, GenerateContentRequest request) {
		Assert.notNull(model, "'model' must not be null");
		return loop(model, withDeclarations(request), 0);
	}

	@Override
	public Flux<GenerateContentResponse> streamGenerateContent(GenerateContentRequest request) {
		return streamLoop(null, withDeclarations(request), 0);
	}

	@Override
	public Flux<GenerateContentResponse> streamGenerateContent(String model, GenerateContentRequest request) {
		Assert.notNull(model, "'model' must not be null");
		return streamLoop(model, withDeclarations(request), 0);
	}

	@Override
	public Mono<String> generateText(String prompt) {
		Assert.hasText(prompt, "'prompt' must not be empty");
		return generateContent(GenerateContentRequest.of(prompt)).map(GenerateContentResponse::text);
	}

	@Override
	public Flux<String> streamText(String prompt) {
		Assert.hasText(prompt, "'prompt' must not be empty");
		return streamGenerateContent(GenerateContentRequest.of(prompt)).handle((event, sink) -> {
			String text = event.text();
			if (!text.isEmpty()) {
				sink.next(text);
			}
		});
	}

	private Mono<GenerateContentResponse> loop(@Nullable String model, GenerateContentRequest request, int round) {
		return generate(model, request).flatMap((response) -> {
			if (response.isBlocked()) {
				return Mono.error(new GeminiBlockedContentException(response));
			}
			List<FunctionCall> calls = response.functionCalls();
			if (calls.isEmpty()) {
				return Mono.just(response);
			}
			if (round >= getOptions().getMaxIterations()) {
				return Mono.error(tooManyIterations(calls));
			}
			Content modelTurn = modelTurn(response.firstCandidate());
			return respond(calls)
				.flatMap((answers) -> loop(model, append(request, modelTurn, answers), round + 1));
		});
	}

	private Flux<GenerateContentResponse> streamLoop(@Nullable String model, GenerateContentRequest request,
			int round) {
		Flux<GenerateContentResponse> events = stream(model, request);
		return Flux.defer(() -> {
			TurnAccumulator turn = new TurnAccumulator();
			return events.<GenerateContentResponse>handle((event, sink) -> {
				if (event.isBlocked()) {
					sink.error(new GeminiBlockedContentException(event));
					return;
				}
				turn.add(event);
				sink.next(event);
			}).concatWith(Flux.defer(() -> {
				Content modelTurn = turn.toContent();
				List<FunctionCall> calls = (modelTurn != null) ? modelTurn.functionCalls() : List.of();
				if (modelTurn == null || calls.isEmpty()) {
					return Flux.empty();
				}
				if (round >= getOptions().getMaxIterations()) {
					return Flux.error(tooManyIterations(calls));
				}
				return respond(calls)
					.flatMapMany((answers) -> streamLoop(model, append(request, modelTurn, answers), round + 1));
			}));
		});
	}

	/**
	 * Answer the calls with the tools; a tool that failed under {@code ToolErrorPolicy.FAIL} ends the
	 * exchange with a {@link GeminiToolException}, like every other failure of a template call.
	 */
	private Mono<Content> respond(List<FunctionCall> calls) {
		return this.tools.respond(calls)
			.onErrorMap(ToolExecutionException.class,
					(ex) -> new GeminiToolException(ex.getMessage(), ex.getFunctionCall(), ex.getCause()));
	}

	private Mono<GenerateContentResponse> generate(@Nullable String model, GenerateContentRequest request) {
		return (model != null) ? this.delegate.generateContent(model, request)
				: this.delegate.generateContent(request);
	}

	private Flux<GenerateContentResponse> stream(@Nullable String model, GenerateContentRequest request) {
		return (model != null) ? this.delegate.streamGenerateContent(model, request)
				: this.delegate.streamGenerateContent(request);
	}

	/**
	 * The request with the tools' declarations added as one more tool.
	 */
	private GenerateContentRequest withDeclarations(GenerateContentRequest request) {
		Assert.notNull(request, "'request' must not be null");
		if (request.tools() != null) {
			for (Tool tool : request.tools()) {
				if (tool.functionDeclarations() != null) {
					for (FunctionDeclaration declaration : tool.functionDeclarations()) {
						if (this.tools.getFunctionNames().contains(declaration.name())) {
							throw new IllegalArgumentException("The request already declares a function named '"
									+ declaration.name() + "', which is also a @GeminiTool method; remove one");
						}
					}
				}
			}
		}
		return request.toBuilder().addTool(this.tools.toTool()).build();
	}

	/**
	 * The model's turn as received, in the model role.
	 */
	private static Content modelTurn(@Nullable Candidate candidate) {
		Content content = (candidate != null) ? candidate.content() : null;
		Assert.state(content != null, "A response with function calls has content");
		return Content.MODEL.equals(content.role()) ? content : new Content(Content.MODEL, content.parts());
	}

	private static GenerateContentRequest append(GenerateContentRequest request, Content modelTurn, Content answers) {
		return request.toBuilder().addContent(modelTurn).addContent(answers).build();
	}

	private GeminiToolException tooManyIterations(List<FunctionCall> calls) {
		int max = getOptions().getMaxIterations();
		Set<String> names = calls.stream().map((call) -> String.valueOf(call.name())).collect(Collectors.toCollection(
				java.util.LinkedHashSet::new));
		return new GeminiToolException("The model still asked for function calls " + names + " after " + max
				+ ((max == 1) ? " round" : " rounds") + " of tool calls, the most allowed: raise "
				+ "cometapi.gemini.tools.max-iterations (or ToolCallingOptions.maxIterations), or check that "
				+ "toolConfig does not force calls (mode ANY)", null, null);
	}

	// ---- structured output through the loop

	@Override
	public <T> Mono<T> generateObject(String prompt, Class<T> type) {
		Assert.hasText(prompt, "'prompt' must not be empty");
		return this.<T>structured(null, GenerateContentRequest.of(prompt), type).map(StructuredResponse::value);
	}

	@Override
	public <T> Mono<T> generateObject(String prompt, ParameterizedTypeReference<T> type) {
		Assert.hasText(prompt, "'prompt' must not be empty");
		Assert.notNull(type, "'type' must not be null");
		return this.<T>structured(null, GenerateContentRequest.of(prompt), type.getType())
			.map(StructuredResponse::value);
	}

	@Override
	public <T> Mono<StructuredResponse<T>> generateObjectResponse(String model, GenerateContentRequest request,
			Class<T> type) {
		Assert.notNull(model, "'model' must not be null");
		return structured(model, request, type);
	}

	@Override
	public <T> Mono<StructuredResponse<T>> generateObjectResponse(String model, GenerateContentRequest request,
			ParameterizedTypeReference<T> type) {
		Assert.notNull(model, "'model' must not be null");
		Assert.notNull(type, "'type' must not be null");
		return structured(model, request, type.getType());
	}

	@Override
	public <T> Flux<T> streamObjects(String model, GenerateContentRequest request, Class<T> elementType) {
		return streamStructured(model, request, elementType);
	}

	@Override
	public <T> Flux<T> streamObjects(String model, GenerateContentRequest request,
			ParameterizedTypeReference<T> elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		return streamStructured(model, request, elementType.getType());
	}

	private <T> Mono<StructuredResponse<T>> structured(@Nullable String model, GenerateContentRequest request,
			Type type) {
		Assert.notNull(request, "'request' must not be null");
		Assert.notNull(type, "'type' must not be null");
		GenerateContentRequest structured = withSchema(withDeclarations(request), SCHEMA_GENERATOR.generate(type));
		JsonMapper mapper = readerMapper();
		ObjectReader reader = mapper.readerFor(mapper.constructType(type))
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		return loop(model, structured, 0).flatMap((response) -> {
			String text = response.text();
			String json = stripCodeFence(text);
			try {
				T value = json.isBlank() ? null : reader.readValue(json);
				if (value == null) {
					return Mono.error(new GeminiStructuredOutputException(type, text, response.finishReason(),
							List.of(json.isBlank() ? "the answer has no text" : "the answer is JSON null"), 1, response,
							null));
				}
				return Mono.just(new StructuredResponse<>(value, response));
			}
			catch (JacksonException ex) {
				return Mono.error(new GeminiStructuredOutputException(type, text, response.finishReason(),
						List.of(String.valueOf(ex.getOriginalMessage())), 1, response, ex));
			}
		});
	}

	private <T> Flux<T> streamStructured(String model, GenerateContentRequest request, Type elementType) {
		Assert.notNull(model, "'model' must not be null");
		Assert.notNull(request, "'request' must not be null");
		Assert.notNull(elementType, "'elementType' must not be null");
		Type listType = ResolvableType.forClassWithGenerics(List.class, ResolvableType.forType(elementType)).getType();
		GenerateContentRequest structured = withSchema(withDeclarations(request),
				SCHEMA_GENERATOR.generate(listType));
		JsonMapper mapper = readerMapper();
		JavaType javaType = mapper.constructType(elementType);
		Flux<GenerateContentResponse> events = streamLoop(model, structured, 0);
		return Flux.defer(() -> {
			JsonArrayElementReader<T> reader = new JsonArrayElementReader<>(mapper, javaType);
			return events.concatMapIterable((event) -> read(() -> reader.feed(event.text()), reader, elementType))
				.concatWith(Flux.defer(() -> Flux.fromIterable(read(reader::finish, reader, elementType))));
		});
	}

	private static <T> List<T> read(java.util.function.Supplier<List<T>> elements, JsonArrayElementReader<T> reader,
			Type elementType) {
		try {
			return elements.get();
		}
		catch (JacksonException | IllegalStateException ex) {
			String error = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
			throw new GeminiStructuredOutputException(elementType, reader.pendingText(), null,
					List.of(String.valueOf(error)), 1, null, ex);
		}
	}

	private static GenerateContentRequest withSchema(GenerateContentRequest request, ResponseSchema schema) {
		GenerationConfig config = request.generationConfig();
		if (config != null && (config.responseSchema() != null || config.responseJsonSchema() != null)) {
			return (config.responseMimeType() != null) ? request : request.toBuilder()
				.generationConfig(config.toBuilder().responseMimeType(ResponseSchema.JSON_MIME_TYPE).build())
				.build();
		}
		return request.toBuilder().generationConfig(schema.applyTo(config)).build();
	}

	private static String stripCodeFence(String text) {
		String trimmed = text.strip();
		int firstLineEnd = trimmed.indexOf('\n');
		if (!trimmed.startsWith("```") || firstLineEnd < 0 || !trimmed.endsWith("```")
				|| trimmed.length() < firstLineEnd + 4) {
			return trimmed;
		}
		return trimmed.substring(firstLineEnd + 1, trimmed.length() - 3).strip();
	}

	private JsonMapper readerMapper() {
		JsonMapper mapper = this.readerMapper;
		if (mapper == null) {
			JsonMapper options = getOptions().getJsonMapper();
			mapper = SealedTypesIntrospector.apply((options != null) ? options : GeminiTemplate.Builder.defaultJsonMapper());
			this.readerMapper = mapper;
		}
		return mapper;
	}

	// ---- straight to the delegate

	@Override
	public Mono<Model> getModel(String model) {
		return this.delegate.getModel(model);
	}

	@Override
	public Mono<CountTokensResponse> countTokens(GenerateContentRequest request) {
		return this.delegate.countTokens(withDeclarations(request));
	}

	@Override
	public Mono<CountTokensResponse> countTokens(String model, GenerateContentRequest request) {
		return this.delegate.countTokens(model, withDeclarations(request));
	}

	@Override
	public Flux<Model> listModels() {
		return this.delegate.listModels();
	}

	@Override
	public Mono<EmbedContentResponse> embedContent(String model, EmbedContentRequest request) {
		return this.delegate.embedContent(model, request);
	}

	@Override
	public Mono<BatchEmbedContentsResponse> batchEmbedContents(String model, BatchEmbedContentsRequest request) {
		return this.delegate.batchEmbedContents(model, request);
	}

	@Override
	public CachedContentOperations cachedContents() {
		return this.delegate.cachedContents();
	}

	@Override
	public FileOperations files() {
		return this.delegate.files();
	}

	@Override
	public BatchOperations batches() {
		return this.delegate.batches();
	}

	@Override
	public String toString() {
		return "ToolCallingOperations[" + this.tools.getFunctionNames() + " on " + this.delegate + "]";
	}

}
