package io.github.geminicomet;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.timeout.ReadTimeoutException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.geminicomet.model.BatchEmbedContentsRequest;
import io.github.geminicomet.model.BatchEmbedContentsResponse;
import io.github.geminicomet.model.CountTokensResponse;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbedContentResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Model;
import io.github.geminicomet.observation.DefaultGeminiObservationConvention;
import io.github.geminicomet.observation.GeminiObservationContext;
import io.github.geminicomet.observation.GeminiObservationConvention;
import io.github.geminicomet.observation.GeminiObservationDocumentation;
import io.github.geminicomet.schema.StructuredOutputValidator;
import io.github.geminicomet.tool.ToolCallingOperations;
import io.github.geminicomet.tool.ToolCallingOptions;

/**
 * Default implementation of {@link GeminiOperations}, on {@link WebClient} and Reactor Netty.
 * Thread-safe and immutable once built; create one with {@link #builder()} or derive a variant with
 * {@link #mutate()}.
 *
 * <pre class="code">
 * GeminiTemplate gemini = GeminiTemplate.builder()
 *     .apiKey(System.getenv("COMETAPI_KEY"))
 *     .build();
 * gemini.generateText("Name a dog").subscribe(System.out::println);
 * </pre>
 *
 * <p>A template built without an explicit {@link Builder#connector(ClientHttpConnector) connector}
 * owns its connection pool; {@link #close()} releases it (Spring calls it when the bean is
 * destroyed). Templates derived with {@link #mutate()} share the pool of the template they came from.
 * Its calls go straight to that pool's Reactor Netty {@code HttpClient}, or through {@link WebClient}
 * (see {@link Transport}).
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiTemplate implements GeminiOperations, AutoCloseable {

	/**
	 * Default base URL: CometAPI's gateway.
	 */
	public static final String DEFAULT_BASE_URL = "https://api.cometapi.com";

	/**
	 * Default API version.
	 */
	public static final String DEFAULT_API_VERSION = "v1beta";

	/**
	 * Default model.
	 */
	public static final String DEFAULT_MODEL = "gemini-2.5-flash";

	static final String API_KEY_HEADER = "x-goog-api-key";

	private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");

	private static final MediaType TEXT_EVENT_STREAM = MediaType.TEXT_EVENT_STREAM;

	private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

	private final WebClient webClient;

	/** The template's own Reactor Netty client for calls that take and give JSON, unless they go through WebClient. */
	private final @Nullable HttpClient jsonClient;

	/** The same with a JSON body to send. */
	private final @Nullable HttpClient jsonBodyClient;

	/** The same for streams of server-sent events. */
	private final @Nullable HttpClient eventStreamClient;

	/** The client those are derived from, shared with variants made by {@link #mutate()}. */
	private final @Nullable HttpClient httpClient;

	private final NettyDataBufferFactory bufferFactory = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

	private final ObjectReader responseReader;

	private final ObjectReader treeReader;

	private final ObjectReader mapReader;

	private final ObjectWriter requestWriter;

	private final JsonMapper jsonMapper;

	private final String modelsUrl;

	private final String defaultModel;

	private final @Nullable GenerationConfig defaultGenerationConfig;

	private final int maxInMemorySize;

	private final int maxEventSize;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final Builder builder;

	private final ClientHttpConnector connector;

	private final @Nullable ConnectionProvider ownedConnectionProvider;

	private final RetrySettings retrySettings;

	private final GeminiRetry unaryRetry;

	private final @Nullable Duration firstByteTimeout;

	private final @Nullable Duration callTimeout;

	private final ObservationRegistry observationRegistry;

	private final @Nullable GeminiObservationConvention observationConvention;

	private final CallRecorder callRecorder = new CallRecorder();

	private final ConcurrencyLimiter limiter;

	private final RequestValidator requestValidator;

	private final GeminiEndpoints endpoints = new GeminiEndpoints(this);

	private final StructuredOutputSupport structuredOutput;

	private static final GeminiObservationConvention DEFAULT_CONVENTION = new DefaultGeminiObservationConvention();

	GeminiTemplate(Builder builder, WebClient webClient, ClientHttpConnector connector,
			@Nullable HttpClient httpClient, JsonMapper jsonMapper,
			@Nullable ConnectionProvider ownedConnectionProvider) {
		this.builder = builder;
		this.connector = connector;
		this.webClient = webClient;
		this.httpClient = httpClient;
		if (httpClient != null && builder.transport == Transport.REACTOR_NETTY) {
			// headers fixed once here, so that a call only copies the client's configuration once (post())
			HttpHeaders defaults = builder.defaultHeaders;
			HttpClient direct = defaults.isEmpty() ? httpClient
					: httpClient.headers((headers) -> defaults.forEach(headers::set));
			this.jsonClient = direct.headers((headers) -> headers.set(HttpHeaderNames.ACCEPT, MediaType.APPLICATION_JSON_VALUE));
			this.jsonBodyClient = this.jsonClient
				.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE));
			this.eventStreamClient = direct.headers((headers) -> headers
				.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.set(HttpHeaderNames.ACCEPT, MediaType.TEXT_EVENT_STREAM_VALUE));
		}
		else {
			this.jsonClient = null;
			this.jsonBodyClient = null;
			this.eventStreamClient = null;
		}
		this.jsonMapper = jsonMapper;
		this.responseReader = jsonMapper.readerFor(GenerateContentResponse.class);
		// made here, off the event loops: Jackson creates a deserializer under a lock the first time it
		// is needed, and error bodies are decoded on event loops, often several at once
		this.treeReader = jsonMapper.readerFor(JsonNode.class);
		this.mapReader = jsonMapper.readerFor(Map.class);
		this.requestWriter = jsonMapper.writerFor(GenerateContentRequest.class);
		this.modelsUrl = trimTrailingSlash(builder.baseUrl) + "/" + builder.apiVersion + "/models/";
		this.defaultModel = builder.defaultModel;
		this.defaultGenerationConfig = builder.defaultGenerationConfig;
		this.requestValidator = new RequestValidator(builder.thinkingValidation, builder.maxInlineDataSize,
				builder.defaultGenerationConfig);
		this.maxInMemorySize = builder.maxInMemorySize;
		this.maxEventSize = builder.maxEventSize;
		this.connectTimeout = builder.connectTimeout;
		this.readTimeout = builder.readTimeout;
		this.ownedConnectionProvider = ownedConnectionProvider;
		this.structuredOutput = new StructuredOutputSupport(this::generateContent, this::streamGenerateContent,
				jsonMapper, builder.structuredOutputValidator, builder.structuredOutputMaxRepairAttempts);
		this.retrySettings = builder.retrySettings;
		this.unaryRetry = new GeminiRetry(builder.retrySettings, GeminiTemplate::isRetryable);
		this.firstByteTimeout = builder.firstByteTimeout;
		this.callTimeout = builder.callTimeout;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.limiter = ConcurrencyLimiter.of(builder.maxConcurrentRequests, builder.maxQueuedRequests,
				builder.sharedLimiter);
	}

	/**
	 * Return a new builder with the defaults: {@value #DEFAULT_BASE_URL}, {@value #DEFAULT_API_VERSION},
	 * model {@value #DEFAULT_MODEL}, key in the {@code x-goog-api-key} header.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder initialized with this template's settings, to build a variant (for example with
	 * another default model). Unless its timeouts are changed, the variant shares this template's
	 * connection pool, which stays open until this template is closed.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder copy = new Builder(this.builder);
		if (copy.connector == null) {
			copy.sharedConnector = this.connector;
			copy.sharedHttpClient = this.httpClient;
			copy.sharedConnectorSettings = this.builder.connectorSettings();
		}
		copy.sharedLimiter = this.limiter;
		return copy;
	}

	/**
	 * Return the model used by the methods that take none.
	 * @return the default model name
	 */
	public String getDefaultModel() {
		return this.defaultModel;
	}

	/**
	 * Return the base URL of the gateway this template calls.
	 * @return the base URL, such as {@code https://api.cometapi.com}
	 */
	public String getBaseUrl() {
		return this.builder.baseUrl;
	}

	/**
	 * Return how this template's recent calls went.
	 * @return a snapshot of the call statistics
	 */
	public CallStatistics getCallStatistics() {
		return this.callRecorder.snapshot();
	}

	/**
	 * Return the JSON mapper this template reads and writes the wire model with.
	 * @return the JSON mapper
	 */
	public JsonMapper getJsonMapper() {
		return this.jsonMapper;
	}

	@Override
	public Mono<GenerateContentResponse> generateContent(GenerateContentRequest request) {
		return generateContent(this.defaultModel, request);
	}

	@Override
	public Mono<GenerateContentResponse> generateContent(String model, GenerateContentRequest request) {
		Assert.notNull(request, "'request' must not be null");
		String name = modelName(model);
		this.requestValidator.validate(name, request);
		URI uri = URI.create(this.modelsUrl + name + ":generateContent");
		Mono<GenerateContentResponse> attempt = Mono
			.defer(() -> send(HttpMethod.POST, uri, writeRequest(request), this.responseReader));
		Mono<GenerateContentResponse> retried = retriedWithinCallTimeout(attempt, HttpMethod.POST, uri);
		return Mono.deferContextual((contextView) -> {
			ObservedCall observed = observe(contextView, GeminiObservationContext.GENERATE_CONTENT, name, false, uri,
					request);
			return retried.doOnNext(observed::onResponse)
				.doOnError(observed::onError)
				.doOnCancel(observed::onCancel)
				.doFinally(observed::finish)
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observed.observation));
		});
	}

	@Override
	public Flux<GenerateContentResponse> streamGenerateContent(GenerateContentRequest request) {
		return streamGenerateContent(this.defaultModel, request);
	}

	@Override
	public Flux<GenerateContentResponse> streamGenerateContent(String model, GenerateContentRequest request) {
		Assert.notNull(request, "'request' must not be null");
		String name = modelName(model);
		this.requestValidator.validate(name, request);
		URI uri = URI.create(this.modelsUrl + name + ":streamGenerateContent?alt=sse");
		return Flux.deferContextual((contextView) -> {
			ObservedCall observed = observe(contextView, GeminiObservationContext.GENERATE_CONTENT, name, true, uri,
					request);
			AtomicBoolean emitted = new AtomicBoolean();
			return this.limiter.limit(streamAttempt(uri, request), HttpMethod.POST, uri)
				.doOnNext((event) -> emitted.set(true))
				.transform(new GeminiRetry(this.retrySettings, (ex) -> !emitted.get() && isRetryable(ex))::apply)
				.doOnNext(observed::onChunk)
				.doOnError(observed::onError)
				.doOnCancel(observed::onCancel)
				.doFinally(observed::finish)
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observed.observation));
		});
	}

	private Flux<GenerateContentResponse> streamAttempt(URI uri, GenerateContentRequest request) {
		return Flux.defer(() -> {
			StreamState state = new StreamState(uri);
			byte[] body = writeRequest(request);
			Flux<GenerateContentResponse> events;
			if (this.eventStreamClient != null) {
				events = this.eventStreamClient.post()
					.uri(uri)
					.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
					.response((response, content) -> {
						state.responded = true;
						Flux<DataBuffer> buffers = dataBuffers(content);
						HttpStatusCode status = HttpStatusCode.valueOf(response.status().code());
						return status.is2xxSuccessful() ? readStream(buffers, state)
								: this.<GenerateContentResponse>errorFrom(status,
										response.responseHeaders().get(HttpHeaders.RETRY_AFTER), buffers,
										HttpMethod.POST, uri)
									.flux();
					});
			}
			else {
				events = this.webClient.post()
					.uri(uri)
					.contentType(MediaType.APPLICATION_JSON)
					.accept(TEXT_EVENT_STREAM)
					.bodyValue(body)
					.exchangeToFlux((response) -> {
						state.responded = true;
						return response.statusCode().is2xxSuccessful()
								? readStream(response.body(BodyExtractors.toDataBuffers()), state)
								: this.<GenerateContentResponse>errorFrom(response, HttpMethod.POST, uri).flux();
					});
			}
			return events
				.transform((flux) -> (this.firstByteTimeout != null)
						? flux.timeout(Mono.delay(this.firstByteTimeout), (event) -> Mono.never()) : flux)
				.onErrorMap((ex) -> translate(ex, HttpMethod.POST, uri, state.events, !state.responded));
		});
	}

	private ObservedCall observe(reactor.util.context.ContextView contextView, String operation, String model,
			boolean streaming, URI uri, @Nullable GenerateContentRequest request) {
		GeminiObservationContext context = new GeminiObservationContext(operation, model, streaming, uri, request);
		Observation observation = GeminiObservationDocumentation.CLIENT_OPERATION.observation(
				this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry);
		Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		observation.parentObservation(parent).start();
		return new ObservedCall(observation, context, this.callRecorder);
	}

	private static boolean isRetryable(Throwable ex) {
		if (ex instanceof GeminiResponseException response) {
			int status = response.getStatusCode().value();
			return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
		}
		return ex instanceof GeminiRequestException request && request.isConnectionFailure();
	}

	@Override
	public Mono<Model> getModel(String model) {
		return exchange(HttpMethod.GET, "models/" + modelName(model), null, Model.class);
	}

	@Override
	public Mono<CountTokensResponse> countTokens(GenerateContentRequest request) {
		return countTokens(this.defaultModel, request);
	}

	@Override
	public Mono<CountTokensResponse> countTokens(String model, GenerateContentRequest request) {
		return this.endpoints.countTokens(modelName(model), request);
	}

	@Override
	public Flux<Model> listModels() {
		return this.endpoints.listModels();
	}

	@Override
	public Mono<EmbedContentResponse> embedContent(String model, EmbedContentRequest request) {
		return this.endpoints.embedContent(modelName(model), request);
	}

	@Override
	public Mono<BatchEmbedContentsResponse> batchEmbedContents(String model, BatchEmbedContentsRequest request) {
		return this.endpoints.batchEmbedContents(modelName(model), request);
	}

	@Override
	public CachedContentOperations cachedContents() {
		return this.endpoints;
	}

	/**
	 * Return operations that let the model call the {@code @GeminiTool} methods of the given objects,
	 * with this template's {@link Builder#toolCallingOptions(ToolCallingOptions) tool-calling options}
	 * and JSON mapper.
	 * @param toolObjects objects with {@code @GeminiTool} methods
	 * @return operations with the tools
	 * @since 0.1.0
	 */
	@Override
	public ToolCallingOperations withTools(Object... toolObjects) {
		return ToolCallingOperations.of(this, this.builder.toolCallingOptions.withDefaultJsonMapper(this.jsonMapper),
				toolObjects);
	}

	/**
	 * Send {@code body} (as JSON, when not {@code null}) to {@code path} under the API version, and read
	 * the answer as JSON of the given type ({@code Void} for an answer whose body is ignored), with the
	 * error mapping, retries and call timeout of every unary call.
	 */
	<T> Mono<T> exchange(HttpMethod method, String path, @Nullable Object body, Class<T> responseType) {
		URI uri = apiUri(path);
		ObjectReader reader = (responseType != Void.class) ? this.jsonMapper.readerFor(responseType) : null;
		Mono<T> attempt = Mono
			.defer(() -> send(method, uri, (body != null) ? this.jsonMapper.writeValueAsBytes(body) : null, reader));
		return retriedWithinCallTimeout(attempt, method, uri);
	}

	/**
	 * {@link #exchange} observed as {@code operation} on {@code model}, like generate calls: the
	 * observation (with its meters) and the call statistics.
	 */
	<T> Mono<T> observedExchange(String operation, String model, @Nullable GenerateContentRequest request,
			HttpMethod method, String path, Object body, Class<T> responseType) {
		Mono<T> call = exchange(method, path, body, responseType);
		URI uri = apiUri(path);
		return Mono.deferContextual((contextView) -> {
			ObservedCall observed = observe(contextView, operation, model, false, uri, request);
			return call.doOnError(observed::onError)
				.doOnCancel(observed::onCancel)
				.doFinally(observed::finish)
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observed.observation));
		});
	}

	private URI apiUri(String path) {
		return URI.create(this.modelsUrl.substring(0, this.modelsUrl.length() - "models/".length()) + path);
	}

	/**
	 * One attempt of a unary call: send the body (JSON, if any) and read the answer whole, within the
	 * in-memory limit, as JSON with the reader ({@code null} to ignore it), or map the error it carries.
	 * Goes straight to the template's own Reactor Netty client, or through WebClient for
	 * {@link Transport#WEB_CLIENT} or a given connector.
	 */
	private <T> Mono<T> send(HttpMethod method, URI uri, byte @Nullable [] body, @Nullable ObjectReader reader) {
		// whether the status line arrived: a failure before it (but a read timeout) may not have reached Gemini
		boolean[] responded = new boolean[1];
		Mono<T> exchange;
		if (this.jsonClient != null && this.jsonBodyClient != null) {
			HttpClient.RequestSender sender = ((body != null) ? this.jsonBodyClient : this.jsonClient)
				.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
				.uri(uri);
			HttpClient.ResponseReceiver<?> receiver = (body != null)
					? sender.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body))) : sender;
			exchange = receiver.response((response, received) -> {
				responded[0] = true;
				HttpStatusCode status = HttpStatusCode.valueOf(response.status().code());
				if (!status.is2xxSuccessful()) {
					return errorFrom(status, response.responseHeaders().get(HttpHeaders.RETRY_AFTER),
							dataBuffers(received), method, uri);
				}
				return (reader != null) ? this.<T>readBody(dataBuffers(received), status, method, uri, reader)
						: received.then(Mono.<T>empty());
			}).singleOrEmpty();
		}
		else {
			WebClient.RequestBodySpec spec = this.webClient.method(method).uri(uri).accept(MediaType.APPLICATION_JSON);
			WebClient.RequestHeadersSpec<?> request = (body != null)
					? spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : spec;
			exchange = request.exchangeToMono((response) -> {
				responded[0] = true;
				if (!response.statusCode().is2xxSuccessful()) {
					return errorFrom(response, method, uri);
				}
				return (reader != null) ? this.<T>readBody(response.body(BodyExtractors.toDataBuffers()),
						response.statusCode(), method, uri, reader) : response.releaseBody().then(Mono.<T>empty());
			});
		}
		return exchange.onErrorMap((ex) -> translate(ex, method, uri, -1, !responded[0]));
	}

	/**
	 * Retry the attempts of a unary call and bound the whole call, retries included, by the call timeout.
	 */
	private <T> Mono<T> retriedWithinCallTimeout(Mono<T> attempt, HttpMethod method, URI uri) {
		Mono<T> call = this.limiter.limit(attempt, method, uri).transform(this.unaryRetry::apply);
		if (this.callTimeout != null) {
			Duration limit = this.callTimeout;
			// with a fallback Reactor builds no description of the operator chain on every subscription
			call = call.timeout(limit, Mono.error(() -> new GeminiRequestException("The call took longer than the "
					+ "call timeout of " + limit + " (cometapi.gemini.call-timeout)", method, uri,
					new TimeoutException("No answer within " + limit))));
		}
		return call;
	}

	@Override
	public Mono<String> generateText(String prompt) {
		Assert.hasText(prompt, "'prompt' must not be empty");
		return generateContent(GenerateContentRequest.of(prompt)).handle((response, sink) -> {
			if (response.isBlocked()) {
				sink.error(new GeminiBlockedContentException(response));
				return;
			}
			sink.next(response.text());
		});
	}

	@Override
	public Flux<String> streamText(String prompt) {
		Assert.hasText(prompt, "'prompt' must not be empty");
		return streamGenerateContent(GenerateContentRequest.of(prompt)).handle((response, sink) -> {
			if (response.isBlocked()) {
				sink.error(new GeminiBlockedContentException(response));
				return;
			}
			String text = response.text();
			if (!text.isEmpty()) {
				sink.next(text);
			}
		});
	}

	@Override
	public <T> Mono<T> generateObject(String prompt, Class<T> type) {
		Assert.hasText(prompt, "'prompt' must not be empty");
		return generateObject(this.defaultModel, GenerateContentRequest.of(prompt), type);
	}

	@Override
	public <T> Mono<T> generateObject(String prompt, ParameterizedTypeReference<T> type) {
		Assert.hasText(prompt, "'prompt' must not be empty");
		return generateObject(this.defaultModel, GenerateContentRequest.of(prompt), type);
	}

	@Override
	public <T> Mono<StructuredResponse<T>> generateObjectResponse(String model, GenerateContentRequest request,
			Class<T> type) {
		Assert.notNull(type, "'type' must not be null");
		modelName(model);
		return this.structuredOutput.generate(model, request, type);
	}

	@Override
	public <T> Mono<StructuredResponse<T>> generateObjectResponse(String model, GenerateContentRequest request,
			ParameterizedTypeReference<T> type) {
		Assert.notNull(type, "'type' must not be null");
		modelName(model);
		return this.structuredOutput.generate(model, request, type.getType());
	}

	@Override
	public <T> Flux<T> streamObjects(String model, GenerateContentRequest request, Class<T> elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		modelName(model);
		return this.structuredOutput.stream(model, request, elementType);
	}

	@Override
	public <T> Flux<T> streamObjects(String model, GenerateContentRequest request,
			ParameterizedTypeReference<T> elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		modelName(model);
		return this.structuredOutput.stream(model, request, elementType.getType());
	}

	/**
	 * Release the connection pool this template created, if any. Templates given an explicit connector,
	 * and variants derived with {@link #mutate()}, leave the pool alone.
	 */
	@Override
	public void close() {
		if (this.ownedConnectionProvider != null) {
			this.ownedConnectionProvider.dispose();
		}
	}

	@Override
	public String toString() {
		return "GeminiTemplate[" + this.modelsUrl + this.defaultModel + "]";
	}

	private static String modelName(String model) {
		Assert.notNull(model, "'model' must not be null");
		String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
		if (!MODEL_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid Gemini model name '" + model
					+ "': use a name such as 'gemini-2.5-flash' (letters, digits, '.', '-' and '_'; no '/', "
					+ "spaces or query characters)");
		}
		return name;
	}

	private byte[] writeRequest(GenerateContentRequest request) {
		GenerateContentRequest effective = request;
		if (this.defaultGenerationConfig != null) {
			GenerationConfig config = request.generationConfig();
			GenerationConfig merged = (config != null) ? config.mergedOver(this.defaultGenerationConfig)
					: this.defaultGenerationConfig;
			effective = request.toBuilder().generationConfig(merged).build();
		}
		return this.requestWriter.writeValueAsBytes(effective);
	}

	/**
	 * A response body from Reactor Netty as data buffers, each holding a reference of its own for its
	 * reader to release: Reactor Netty releases its reference once the buffer is handed on, and the rest
	 * of a body nobody reads when the exchange ends. Cancelling the body closes the connection.
	 */
	private Flux<DataBuffer> dataBuffers(reactor.netty.ByteBufFlux body) {
		return body.map((buffer) -> this.bufferFactory.wrap(buffer.retain()));
	}

	private <T> Mono<T> readBody(Flux<DataBuffer> body, HttpStatusCode status, HttpMethod method, URI uri,
			ObjectReader reader) {
		return DataBufferUtils.join(body, this.maxInMemorySize)
			.map((buffer) -> GeminiTemplate.<T>parseBody(buffer, reader))
			.switchIfEmpty(Mono.error(() -> new GeminiMalformedResponseException(
					"Gemini answered " + status.value() + " with an empty body", method, uri, null)));
	}

	private static <T> T parseBody(DataBuffer buffer, ObjectReader reader) {
		try (InputStream body = buffer.asInputStream(true)) {
			return reader.readValue(body);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Flux<GenerateContentResponse> readStream(Flux<DataBuffer> body, StreamState state) {
		ServerSentEventParser<GenerateContentResponse> parser = new ServerSentEventParser<>(
				(bytes, length) -> parseEventUnlessFailed(bytes, length, state), this.maxEventSize);
		// the mapper never throws and releases each buffer exactly once; a failure (error event, invalid
		// JSON, event too large) travels as the last item after the events read before it, so those
		// reach the subscriber first, as they would had they come in an earlier buffer
		return body.concatMapIterable((buffer) -> {
				try {
					return state.thenFailure(parser.feed(buffer));
				}
				catch (RuntimeException ex) {
					state.fail(ex);
					return state.thenFailure(List.of());
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.concatWith(Flux.defer(() -> Flux.fromIterable(state.thenFailure(parser.finish()))))
			.<GenerateContentResponse>handle((item, sink) -> {
				if (item instanceof GenerateContentResponse event) {
					sink.next(event);
				}
				else {
					sink.error((Throwable) item);
				}
			})
			.concatWith(Mono.defer(state::checkComplete))
			.doOnDiscard(DataBuffer.class, DataBufferUtils::release);
	}

	private @Nullable GenerateContentResponse parseEventUnlessFailed(byte[] bytes, int length, StreamState state) {
		if (state.failure != null) {
			return null;
		}
		try {
			return parseEvent(bytes, length, state);
		}
		catch (RuntimeException ex) {
			state.fail(ex);
			return null;
		}
	}

	private @Nullable GenerateContentResponse parseEvent(byte[] bytes, int length, StreamState state) {
		int start = 0;
		while (start < length && isWhitespace(bytes[start])) {
			start++;
		}
		if (start == length || isDone(bytes, start, length)) {
			return null;
		}
		if (isErrorObject(bytes, start, length)) {
			String body = new String(bytes, 0, length, StandardCharsets.UTF_8);
			GeminiError error = decodeError(body);
			int code = (error != null && error.code() != null && error.code() >= 400 && error.code() <= 599)
					? error.code() : 500;
			throw createResponseException(HttpStatusCode.valueOf(code), error, body, state.uri, null);
		}
		GenerateContentResponse event = this.responseReader.readValue(bytes, start, length - start);
		state.onEvent(event);
		return event;
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}

	private static boolean isDone(byte[] bytes, int start, int length) {
		int end = length;
		while (end > start && isWhitespace(bytes[end - 1])) {
			end--;
		}
		if (end - start != DONE.length) {
			return false;
		}
		for (int i = 0; i < DONE.length; i++) {
			if (bytes[start + i] != DONE[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the event is an object whose first key is {@code "error"}: how Gemini reports an error
	 * after a stream has begun. Checked on the bytes so normal events are parsed only once.
	 */
	private static boolean isErrorObject(byte[] bytes, int start, int length) {
		if (bytes[start] != '{') {
			return false;
		}
		int i = start + 1;
		while (i < length && isWhitespace(bytes[i])) {
			i++;
		}
		byte[] key = "\"error\"".getBytes(StandardCharsets.US_ASCII);
		if (length - i < key.length) {
			return false;
		}
		for (int k = 0; k < key.length; k++) {
			if (bytes[i + k] != key[k]) {
				return false;
			}
		}
		return true;
	}

	private <T> Mono<T> errorFrom(ClientResponse response, HttpMethod method, URI uri) {
		return errorFrom(response.statusCode(), response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER),
				response.body(BodyExtractors.toDataBuffers()), method, uri);
	}

	/**
	 * The typed error for a response that is not 2xx, with its body (read within the in-memory limit) and
	 * the server's {@code Retry-After}.
	 */
	private <T> Mono<T> errorFrom(HttpStatusCode status, @Nullable String retryAfterHeader, Flux<DataBuffer> body,
			HttpMethod method, URI uri) {
		Duration retryAfter = parseRetryAfter(retryAfterHeader);
		return DataBufferUtils.join(body, this.maxInMemorySize)
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(new byte[0])
			.flatMap((bytes) -> {
				String text = new String(bytes, StandardCharsets.UTF_8);
				return Mono.error(createResponseException(status, decodeError(text), text, method, uri, retryAfter));
			});
	}

	/**
	 * Decode a Gemini error body: {@code {"error": {...}}}, the same wrapped in an array, or either
	 * framed as server-sent events.
	 */
	@Nullable GeminiError decodeError(String body) {
		String json = body.strip();
		if (json.startsWith("data:")) {
			StringBuilder data = new StringBuilder();
			for (String line : json.split("\r\n|\r|\n")) {
				if (line.startsWith("data:")) {
					data.append(line.substring(line.startsWith("data: ") ? 6 : 5)).append('\n');
				}
			}
			json = data.toString().strip();
		}
		if (json.isEmpty()) {
			return null;
		}
		try {
			JsonNode node = this.treeReader.readValue(json);
			if (node == null) {
				return null;
			}
			if (node.isArray() && !node.isEmpty()) {
				node = node.get(0);
			}
			JsonNode error = node.get("error");
			if (error == null || !error.isObject()) {
				return null;
			}
			Integer code = error.path("code").isIntegralNumber() ? error.path("code").asInt() : null;
			String message = error.path("message").isString() ? error.path("message").asString() : null;
			String status = error.path("status").isString() ? error.path("status").asString() : null;
			List<Map<String, Object>> details = null;
			if (error.path("details").isArray()) {
				details = new ArrayList<>();
				for (JsonNode detail : error.path("details")) {
					if (detail.isObject()) {
						Map<String, Object> map = this.mapReader.readValue(detail);
						details.add(map);
					}
				}
			}
			return new GeminiError(code, message, status, details);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static GeminiResponseException createResponseException(HttpStatusCode status,
			@Nullable GeminiError error, String body, URI uri, @Nullable Duration retryAfter) {
		return createResponseException(status, error, body, HttpMethod.POST, uri, retryAfter);
	}

	private static GeminiResponseException createResponseException(HttpStatusCode status,
			@Nullable GeminiError error, String body, HttpMethod method, URI uri, @Nullable Duration retryAfter) {
		int code = status.value();
		if (code == 429) {
			return new GeminiRateLimitException(status, error, body, method, uri, retryAfter);
		}
		if (code == 401 || code == 403) {
			return new GeminiAuthenticationException(status, error, body, method, uri, retryAfter);
		}
		if (status.is5xxServerError()) {
			return new GeminiUnavailableException(status, error, body, method, uri, retryAfter);
		}
		return new GeminiResponseException(status, error, body, method, uri, retryAfter);
	}

	static @Nullable Duration parseRetryAfter(@Nullable String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String trimmed = value.trim();
		try {
			long seconds = Long.parseLong(trimmed);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration delay = Duration.between(ZonedDateTime.now(date.getZone()), date);
				return delay.isNegative() ? Duration.ZERO : delay;
			}
			catch (DateTimeParseException ignored) {
				return null;
			}
		}
	}

	/**
	 * Map a failure of one attempt to a {@link GeminiException}; {@code beforeResponse} says whether it
	 * happened before the response's status line arrived (so, unless it is a read timeout, the request
	 * may not have reached the server).
	 */
	private Throwable translate(Throwable ex, HttpMethod method, URI uri, int events, boolean beforeResponse) {
		if (ex instanceof GeminiException) {
			return ex;
		}
		if (ex instanceof ServerSentEventParser.EventTooLargeException) {
			return new GeminiMalformedResponseException(ex.getMessage() + " (raise it with cometapi.gemini.max-event-size "
					+ "or the template builder's maxEventSize)", method, uri, ex);
		}
		if (ex instanceof DataBufferLimitException) {
			return new GeminiMalformedResponseException("The response body exceeded the limit of "
					+ this.maxInMemorySize + " bytes (raise it with cometapi.gemini.max-in-memory-size or the template "
					+ "builder's maxInMemorySize)",
					method, uri, ex);
		}
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		if (cause instanceof JacksonException jackson) {
			return new GeminiMalformedResponseException(
					"Gemini sent a response that is not valid JSON: " + jackson.getOriginalMessage(), method,
					uri, ex);
		}
		String reason = describe(cause);
		if (events > 0) {
			return new GeminiIncompleteStreamException("The stream broke off after " + events + " events: " + reason,
					method, uri, events, ex);
		}
		if (cause instanceof TimeoutException && events == 0 && this.firstByteTimeout != null) {
			return new GeminiRequestException("No event arrived within the first-byte timeout of "
					+ this.firstByteTimeout + " (cometapi.gemini.first-byte-timeout)", method, uri, ex);
		}
		if (beforeResponse && !(cause instanceof ReadTimeoutException)) {
			GeminiRequestException failure = new GeminiRequestException("Request to Gemini failed: " + reason,
					method, uri, ex);
			failure.markConnectionFailure();
			return failure;
		}
		if (events == 0 && cause instanceof PrematureCloseException) {
			return new GeminiIncompleteStreamException("The stream broke off before its first event: " + reason,
					method, uri, 0, ex);
		}
		return new GeminiRequestException("Request to Gemini failed: " + reason, method, uri, ex);
	}

	private String describe(Throwable cause) {
		if (cause instanceof ReadTimeoutException) {
			return "no data received within the read timeout of " + this.readTimeout
					+ " (cometapi.gemini.read-timeout)";
		}
		if (cause instanceof ConnectTimeoutException) {
			return "could not connect within the connect timeout of " + this.connectTimeout
					+ " (cometapi.gemini.connect-timeout)";
		}
		if (cause instanceof PrematureCloseException) {
			return "the connection was closed before the response was complete";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static String trimTrailingSlash(String url) {
		String result = url;
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

	/**
	 * The observation of one call and its context, fed by the call's signals.
	 */
	private static final class ObservedCall {

		private final Observation observation;

		private final GeminiObservationContext context;

		private final CallRecorder recorder;

		private final long startNanos = System.nanoTime();

		private @Nullable Throwable error;

		ObservedCall(Observation observation, GeminiObservationContext context, CallRecorder recorder) {
			this.observation = observation;
			this.context = context;
			this.recorder = recorder;
		}

		void onResponse(GenerateContentResponse response) {
			this.context.onResponse(response);
		}

		void onChunk(GenerateContentResponse event) {
			this.context.onChunk(event, Duration.ofNanos(System.nanoTime() - this.startNanos));
		}

		void onError(Throwable error) {
			this.error = error;
			if (error instanceof GeminiException gemini) {
				this.context.setAttempts(gemini.getAttempts());
			}
			this.observation.error(error);
		}

		void onCancel() {
			this.context.setCancelled();
		}

		void finish(SignalType signal) {
			if (this.error != null) {
				this.recorder.failure(this.error);
			}
			else if (signal == SignalType.ON_COMPLETE) {
				this.recorder.success();
			}
			this.observation.stop();
		}

	}

	/**
	 * Per-subscription state of one stream: how many events arrived and whether the model finished.
	 */
	private static final class StreamState {

		private final URI uri;

		private int events;

		private boolean finished;

		private @Nullable RuntimeException failure;

		private boolean responded;

		StreamState(URI uri) {
			this.uri = uri;
		}

		void fail(RuntimeException ex) {
			if (this.failure == null) {
				this.failure = ex;
			}
		}

		/** The events, followed by the failure if one happened while reading them. */
		List<?> thenFailure(List<GenerateContentResponse> events) {
			if (this.failure == null) {
				return events;
			}
			List<Object> items = new ArrayList<>(events.size() + 1);
			items.addAll(events);
			items.add(this.failure);
			return items;
		}

		void onEvent(GenerateContentResponse event) {
			this.events++;
			if (event.finishReason() != null
					|| (event.promptFeedback() != null && event.promptFeedback().blockReason() != null)) {
				this.finished = true;
			}
		}

		Mono<GenerateContentResponse> checkComplete() {
			if (this.finished) {
				return Mono.empty();
			}
			return Mono.error(new GeminiIncompleteStreamException("The stream ended after " + this.events
					+ " events without a finishReason or blockReason; the answer is incomplete", HttpMethod.POST,
					this.uri, this.events, null));
		}

	}

	/**
	 * How a template's calls reach its Reactor Netty client.
	 *
	 * @since 0.1.0
	 */
	public enum Transport {

		/**
		 * Straight to Reactor Netty's {@code HttpClient}: the least work per call. Observed by the template's
		 * own {@code gen_ai} observation; the filters and observations of the {@link WebClient.Builder} do
		 * not see these calls.
		 */
		REACTOR_NETTY,

		/**
		 * Through a {@link WebClient} built from the {@link Builder#webClientBuilder WebClient.Builder}
		 * (Spring Boot's, with its filters and {@code http.client.requests} observation), at the cost of
		 * WebClient's exchange on every call.
		 */
		WEB_CLIENT

	}

	/**
	 * Mutable builder for {@link GeminiTemplate}. Not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private String baseUrl = DEFAULT_BASE_URL;

		private String apiVersion = DEFAULT_API_VERSION;

		private @Nullable String apiKey;

		private AuthScheme authScheme = AuthScheme.API_KEY_HEADER;

		private String defaultModel = DEFAULT_MODEL;

		private @Nullable GenerationConfig defaultGenerationConfig;

		private final HttpHeaders defaultHeaders = new HttpHeaders();

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration readTimeout = Duration.ofMinutes(2);

		private int maxInMemorySize = 32 * 1024 * 1024;

		private int maxEventSize = 32 * 1024 * 1024;

		private WebClient.@Nullable Builder webClientBuilder;

		private @Nullable JsonMapper jsonMapper;

		private @Nullable ClientHttpConnector connector;

		private @Nullable StructuredOutputValidator structuredOutputValidator;

		private int structuredOutputMaxRepairAttempts;

		private @Nullable ClientHttpConnector sharedConnector;

		private @Nullable HttpClient sharedHttpClient;

		private Transport transport = Transport.REACTOR_NETTY;

		private @Nullable Object sharedConnectorSettings;

		private RetrySettings retrySettings = RetrySettings.DEFAULT;

		private @Nullable Duration firstByteTimeout;

		private @Nullable Duration callTimeout = Duration.ofMinutes(5);

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable GeminiObservationConvention observationConvention;

		private ConnectionPoolSettings connectionPool = ConnectionPoolSettings.DEFAULT;

		private boolean wiretap;

		private int maxConcurrentRequests;

		private int maxQueuedRequests = 1_000;

		private @Nullable ConcurrencyLimiter sharedLimiter;

		private ThinkingValidation thinkingValidation = ThinkingValidation.STRICT;

		private long maxInlineDataSize = Media.MAX_INLINE_DATA_SIZE;

		private ToolCallingOptions toolCallingOptions = ToolCallingOptions.DEFAULT;

		Builder() {
		}

		Builder(Builder other) {
			this.baseUrl = other.baseUrl;
			this.apiVersion = other.apiVersion;
			this.apiKey = other.apiKey;
			this.authScheme = other.authScheme;
			this.defaultModel = other.defaultModel;
			this.defaultGenerationConfig = other.defaultGenerationConfig;
			this.defaultHeaders.addAll(other.defaultHeaders);
			this.connectTimeout = other.connectTimeout;
			this.readTimeout = other.readTimeout;
			this.maxInMemorySize = other.maxInMemorySize;
			this.maxEventSize = other.maxEventSize;
			this.webClientBuilder = other.webClientBuilder;
			this.jsonMapper = other.jsonMapper;
			this.connector = other.connector;
			this.structuredOutputValidator = other.structuredOutputValidator;
			this.structuredOutputMaxRepairAttempts = other.structuredOutputMaxRepairAttempts;
			this.retrySettings = other.retrySettings;
			this.firstByteTimeout = other.firstByteTimeout;
			this.callTimeout = other.callTimeout;
			this.observationRegistry = other.observationRegistry;
			this.observationConvention = other.observationConvention;
			this.connectionPool = other.connectionPool;
			this.wiretap = other.wiretap;
			this.transport = other.transport;
			this.maxConcurrentRequests = other.maxConcurrentRequests;
			this.maxQueuedRequests = other.maxQueuedRequests;
			this.sharedLimiter = other.sharedLimiter;
			this.thinkingValidation = other.thinkingValidation;
			this.maxInlineDataSize = other.maxInlineDataSize;
			this.toolCallingOptions = other.toolCallingOptions;
		}

		/**
		 * Set the base URL of the gateway, default {@value GeminiTemplate#DEFAULT_BASE_URL}.
		 * @param baseUrl the base URL, such as {@code https://api.cometapi.com}
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			Assert.hasText(baseUrl, "'baseUrl' must not be empty");
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Set the API version path segment, default {@value GeminiTemplate#DEFAULT_API_VERSION}.
		 * @param apiVersion the API version
		 * @return this builder
		 */
		public Builder apiVersion(String apiVersion) {
			Assert.hasText(apiVersion, "'apiVersion' must not be empty");
			this.apiVersion = apiVersion;
			return this;
		}

		/**
		 * Set the API key. It is only ever sent in a request header.
		 * @param apiKey the API key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Set how the API key is sent, default {@link AuthScheme#API_KEY_HEADER}.
		 * @param authScheme the scheme
		 * @return this builder
		 */
		public Builder authScheme(AuthScheme authScheme) {
			Assert.notNull(authScheme, "'authScheme' must not be null");
			this.authScheme = authScheme;
			return this;
		}

		/**
		 * Set the model used by the methods that take none, default {@value GeminiTemplate#DEFAULT_MODEL}.
		 * @param model the model name
		 * @return this builder
		 */
		public Builder defaultModel(String model) {
			this.defaultModel = modelName(model);
			return this;
		}

		/**
		 * Set generation options applied to every request; a request's own
		 * {@code generationConfig} fields win over these.
		 * @param generationConfig the default options, or {@code null} for none
		 * @return this builder
		 */
		public Builder defaultGenerationConfig(@Nullable GenerationConfig generationConfig) {
			this.defaultGenerationConfig = generationConfig;
			return this;
		}

		/**
		 * Add a header sent with every request.
		 * @param name the header name
		 * @param values the header values
		 * @return this builder
		 */
		public Builder defaultHeader(String name, String... values) {
			Assert.hasText(name, "'name' must not be empty");
			this.defaultHeaders.put(name, List.of(values));
			return this;
		}

		/**
		 * Manipulate the headers sent with every request.
		 * @param headersConsumer a consumer of the default headers
		 * @return this builder
		 */
		public Builder defaultHeaders(Consumer<HttpHeaders> headersConsumer) {
			headersConsumer.accept(this.defaultHeaders);
			return this;
		}

		/**
		 * Set the connect timeout, default 10 seconds. Ignored when a {@link #connector connector} is
		 * given.
		 * @param connectTimeout the connect timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Assert.isTrue(connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(),
					"'connectTimeout' must be positive");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the longest time without receiving data while a response is read, default 2 minutes. A
		 * stream keeps going while events flow; a stalled one fails. Ignored when a
		 * {@link #connector connector} is given.
		 * @param readTimeout the read timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			Assert.isTrue(readTimeout != null && !readTimeout.isNegative() && !readTimeout.isZero(),
					"'readTimeout' must be positive");
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Set the largest unary response body held in memory, default 32 MiB (generated images are
		 * large).
		 * @param maxInMemorySize the limit in bytes
		 * @return this builder
		 */
		public Builder maxInMemorySize(int maxInMemorySize) {
			Assert.isTrue(maxInMemorySize > 0, "'maxInMemorySize' must be positive");
			this.maxInMemorySize = maxInMemorySize;
			return this;
		}

		/**
		 * Set the largest single server-sent event of a stream, default 32 MiB.
		 * @param maxEventSize the limit in bytes
		 * @return this builder
		 */
		public Builder maxEventSize(int maxEventSize) {
			Assert.isTrue(maxEventSize > 0, "'maxEventSize' must be positive");
			this.maxEventSize = maxEventSize;
			return this;
		}

		/**
		 * Set a {@link WebClient.Builder} to start from (for example Spring Boot's, with its filters and
		 * observation registry). It is cloned, never changed. Its filters and observations see the calls
		 * that go through WebClient: all of them with {@link Transport#WEB_CLIENT} or a given
		 * {@link #connector connector}, none with the default {@link Transport#REACTOR_NETTY}.
		 * @param webClientBuilder the builder to clone
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.@Nullable Builder webClientBuilder) {
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/**
		 * Set the JSON mapper for the wire model. By default the template uses a private
		 * {@link JsonMapper} so that application-wide settings (naming strategies, say) cannot change
		 * the wire format.
		 * @param jsonMapper the JSON mapper
		 * @return this builder
		 */
		public Builder jsonMapper(@Nullable JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/**
		 * Set the HTTP connector. By default the template creates a Reactor Netty connector with its own
		 * connection pool and the configured timeouts.
		 * @param connector the connector
		 * @return this builder
		 */
		public Builder connector(@Nullable ClientHttpConnector connector) {
			this.connector = connector;
			return this;
		}

		/**
		 * Set how failed calls are retried, default {@link RetrySettings#DEFAULT}; {@link RetrySettings#NONE}
		 * disables retries.
		 * @param retrySettings the retry settings
		 * @return this builder
		 */
		public Builder retry(RetrySettings retrySettings) {
			Assert.notNull(retrySettings, "'retrySettings' must not be null");
			this.retrySettings = retrySettings;
			return this;
		}

		/**
		 * Set the longest wait for a stream's first event, per attempt; {@code null} (the default) leaves it
		 * to the read timeout.
		 * @param firstByteTimeout the timeout, or {@code null}
		 * @return this builder
		 */
		public Builder firstByteTimeout(@Nullable Duration firstByteTimeout) {
			Assert.isTrue(firstByteTimeout == null || (!firstByteTimeout.isNegative() && !firstByteTimeout.isZero()),
					"'firstByteTimeout' must be positive");
			this.firstByteTimeout = firstByteTimeout;
			return this;
		}

		/**
		 * Set the longest a unary call may take, retries included, default 5 minutes; {@code null} for no
		 * limit. Streams have no whole-call limit: they run as long as events keep arriving.
		 * @param callTimeout the timeout, or {@code null}
		 * @return this builder
		 */
		public Builder callTimeout(@Nullable Duration callTimeout) {
			Assert.isTrue(callTimeout == null || (!callTimeout.isNegative() && !callTimeout.isZero()),
					"'callTimeout' must be positive");
			this.callTimeout = callTimeout;
			return this;
		}

		/**
		 * Set the registry that observes every call, default {@link ObservationRegistry#NOOP}.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Set a convention that replaces the default names and tags of the observations.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable GeminiObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Set the sizing of the template's own connection pool. Ignored when a {@link #connector connector}
		 * is given.
		 * @param connectionPool the pool settings
		 * @return this builder
		 */
		public Builder connectionPool(ConnectionPoolSettings connectionPool) {
			Assert.notNull(connectionPool, "'connectionPool' must not be null");
			this.connectionPool = connectionPool;
			return this;
		}

		/**
		 * Set whether every exchange is logged as text at DEBUG under {@code io.github.geminicomet.wiretap},
		 * with the API key masked. Ignored when a {@link #connector connector} is given.
		 * @param wiretap whether to log exchanges
		 * @return this builder
		 */
		public Builder wiretap(boolean wiretap) {
			this.wiretap = wiretap;
			return this;
		}

		/**
		 * Set how calls reach the template's own Reactor Netty client: straight
		 * ({@link Transport#REACTOR_NETTY}, the default) or through {@link WebClient}
		 * ({@link Transport#WEB_CLIENT}), so that the filters and observations of the
		 * {@link #webClientBuilder WebClient.Builder} see them. Calls always go through WebClient when a
		 * {@link #connector connector} is given.
		 * @param transport the transport
		 * @return this builder
		 */
		public Builder transport(Transport transport) {
			Assert.notNull(transport, "'transport' must not be null");
			this.transport = transport;
			return this;
		}

		/**
		 * Set the most requests the template has in flight at once, so that a burst does not turn into a
		 * wall of 429 answers; {@code 0} (the default) for no limit. A request beyond the limit waits, without
		 * holding a thread, in a FIFO queue of at most {@link #maxQueuedRequests(int) maxQueuedRequests};
		 * beyond that it fails at once with a {@link GeminiConcurrencyLimitException}. A stream holds its
		 * place until it ends; a retry queues again; time spent waiting counts toward the call timeout of a
		 * unary call. Variants derived with {@link GeminiTemplate#mutate()} share the limit while it is
		 * unchanged.
		 * @param maxConcurrentRequests the limit, or {@code 0} for none
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder maxConcurrentRequests(int maxConcurrentRequests) {
			Assert.isTrue(maxConcurrentRequests >= 0, "'maxConcurrentRequests' must not be negative");
			this.maxConcurrentRequests = maxConcurrentRequests;
			return this;
		}

		/**
		 * Set the most requests that wait for a place when {@link #maxConcurrentRequests(int)
		 * maxConcurrentRequests} are in flight, default 1,000; {@code 0} rejects every request beyond the
		 * limit at once.
		 * @param maxQueuedRequests the size of the wait queue
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder maxQueuedRequests(int maxQueuedRequests) {
			Assert.isTrue(maxQueuedRequests >= 0, "'maxQueuedRequests' must not be negative");
			this.maxQueuedRequests = maxQueuedRequests;
			return this;
		}

		/**
		 * Set the validator that checks the objects read from structured-output answers
		 * ({@code generateObject}, {@code streamObjects}); an object with violations is signalled as
		 * {@link GeminiStructuredOutputException}. With Spring Boot, the application's Bean Validation
		 * validator is used when there is one. Default none.
		 * @param validator the validator, or {@code null} for none
		 * @return this builder
		 * @see io.github.geminicomet.schema.BeanValidationStructuredOutputValidator
		 */
		public Builder structuredOutputValidator(@Nullable StructuredOutputValidator validator) {
			this.structuredOutputValidator = validator;
			return this;
		}

		/**
		 * Set how many times {@code generateObject} asks the model again when its answer cannot be read
		 * or fails validation: the answer and the errors are appended to the conversation and the request
		 * is sent again. A truncated answer ({@code MAX_TOKENS}) is never retried, nor are streams.
		 * Default 0.
		 * @param maxRepairAttempts the number of repair attempts, 0 for none
		 * @return this builder
		 */
		public Builder structuredOutputMaxRepairAttempts(int maxRepairAttempts) {
			Assert.isTrue(maxRepairAttempts >= 0, "'maxRepairAttempts' must not be negative");
			this.structuredOutputMaxRepairAttempts = maxRepairAttempts;
			return this;
		}

		/**
		 * Set what happens to a request whose {@code thinkingConfig} uses the other model generation's
		 * parameter ({@code thinkingLevel} on Gemini 2.x, {@code thinkingBudget} on Gemini 3), checked
		 * after the default generation config is merged in. Default {@link ThinkingValidation#STRICT}:
		 * the call fails with an {@link IllegalArgumentException} naming the right parameter.
		 * @param thinkingValidation the policy
		 * @return this builder
		 */
		public Builder thinkingValidation(ThinkingValidation thinkingValidation) {
			Assert.notNull(thinkingValidation, "'thinkingValidation' must not be null");
			this.thinkingValidation = thinkingValidation;
			return this;
		}

		/**
		 * Set the options of {@link GeminiTemplate#withTools(Object...) function calling}: the most
		 * rounds of tool calls in one exchange, what a failing tool does, and the scheduler of blocking
		 * tools. Default {@link ToolCallingOptions#DEFAULT}; arguments and results are converted with this
		 * template's JSON mapper unless the options name another.
		 * @param toolCallingOptions the options
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder toolCallingOptions(ToolCallingOptions toolCallingOptions) {
			Assert.notNull(toolCallingOptions, "'toolCallingOptions' must not be null");
			this.toolCallingOptions = toolCallingOptions;
			return this;
		}

		/**
		 * Set the most base64-encoded inline data a request may carry, default
		 * {@value Media#MAX_INLINE_DATA_SIZE} bytes (100 MB, Gemini's limit). A request above it fails
		 * with an {@link IllegalArgumentException} before anything is sent; lower it for a gateway with a
		 * smaller request size limit.
		 * @param maxInlineDataSize the limit in bytes
		 * @return this builder
		 */
		public Builder maxInlineDataSize(long maxInlineDataSize) {
			Assert.isTrue(maxInlineDataSize > 0, "'maxInlineDataSize' must be positive");
			this.maxInlineDataSize = maxInlineDataSize;
			return this;
		}

		/**
		 * Build the template.
		 * @return a new template
		 * @throws IllegalStateException if no API key was set or the base URL is malformed
		 */
		public GeminiTemplate build() {
			if (!StringUtils.hasText(this.apiKey)) {
				throw new IllegalStateException("A Gemini API key is required: set it with "
						+ "GeminiTemplate.builder().apiKey(...) (with Spring Boot: the cometapi.gemini.api-key "
						+ "property or the COMETAPI_KEY environment variable)");
			}
			validateBaseUrl(this.baseUrl);
			JsonMapper mapper = (this.jsonMapper != null) ? this.jsonMapper : defaultJsonMapper();
			ConnectionProvider ownedProvider = null;
			ClientHttpConnector httpConnector = this.connector;
			HttpClient ownHttpClient = null;
			if (httpConnector == null && connectorSettings().equals(this.sharedConnectorSettings)) {
				httpConnector = this.sharedConnector;
				ownHttpClient = this.sharedHttpClient;
			}
			if (httpConnector == null) {
				String nettyKey = this.apiKey;
				AuthScheme nettyScheme = this.authScheme;
				ownedProvider = this.connectionPool.createProvider();
				HttpClient httpClient = HttpClient.create(ownedProvider)
					.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
							this.connectTimeout.toMillis()))
					.responseTimeout(this.readTimeout)
					.headers((headers) -> addKey(headers, nettyKey, nettyScheme));
				if (this.wiretap) {
					MaskingLoggingHandler wiretapHandler = new MaskingLoggingHandler(nettyKey);
					httpClient = httpClient.doOnChannelInit((observer, channel, address) -> {
						if (channel.pipeline().get(NettyPipeline.SslHandler) != null) {
							channel.pipeline().addAfter(NettyPipeline.SslHandler, "gemini.wiretap", wiretapHandler);
						}
						else {
							channel.pipeline().addFirst("gemini.wiretap", wiretapHandler);
						}
					});
				}
				httpConnector = new ReactorClientHttpConnector(httpClient);
				ownHttpClient = httpClient;
			}
			// with the template's own Netty client the key is added below WebClient, so no WebClient-level
			// logging, filter or observation ever sees it
			boolean keyInWebClient = (this.connector != null);
			WebClient.Builder client = (this.webClientBuilder != null) ? this.webClientBuilder.clone()
					: WebClient.builder();
			String key = this.apiKey;
			AuthScheme scheme = this.authScheme;
			HttpHeaders headers = new HttpHeaders();
			headers.addAll(this.defaultHeaders);
			client.clientConnector(httpConnector)
				.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(this.maxInMemorySize))
				.defaultHeaders((target) -> {
					target.addAll(headers);
					if (keyInWebClient) {
						if (scheme == AuthScheme.BEARER) {
							target.setBearerAuth(key);
						}
						else {
							target.set(API_KEY_HEADER, key);
						}
					}
				});
			return new GeminiTemplate(new Builder(this), client.build(), httpConnector, ownHttpClient, mapper,
					ownedProvider);
		}

		/**
		 * The settings baked into a connector the template creates; a variant shares the connector only
		 * while they are equal.
		 */
		private Object connectorSettings() {
			return List.of(this.connectTimeout, this.readTimeout, String.valueOf(this.apiKey), this.authScheme,
					this.connectionPool, this.wiretap);
		}

		private static void addKey(io.netty.handler.codec.http.HttpHeaders headers, String key, AuthScheme scheme) {
			if (scheme == AuthScheme.BEARER) {
				headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + key);
			}
			else {
				headers.set(API_KEY_HEADER, key);
			}
		}

		private static void validateBaseUrl(String baseUrl) {
			URI uri;
			try {
				uri = new URI(baseUrl);
			}
			catch (java.net.URISyntaxException ex) {
				throw new IllegalStateException("Invalid Gemini base URL '" + baseUrl + "': " + ex.getReason()
						+ " (expected something like https://api.cometapi.com)", ex);
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || !StringUtils.hasText(uri.getHost())
					|| uri.getQuery() != null || uri.getFragment() != null) {
				throw new IllegalStateException("Invalid Gemini base URL '" + baseUrl
						+ "': expected an http or https URL with a host and no query, such as https://api.cometapi.com");
			}
		}

		static JsonMapper defaultJsonMapper() {
			return JsonMapper.builder()
				.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
				.build();
		}

	}

}
