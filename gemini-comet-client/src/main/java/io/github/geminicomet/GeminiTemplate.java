package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.micrometer.observation.ObservationRegistry;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.geminicomet.codec.ResponseReader;
import io.github.geminicomet.model.BatchEmbedContentsRequest;
import io.github.geminicomet.model.BatchEmbedContentsResponse;
import io.github.geminicomet.model.CountTokensResponse;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbedContentResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Model;
import io.github.geminicomet.model.ServiceTier;
import io.github.geminicomet.observation.GeminiObservationConvention;
import io.github.geminicomet.quota.QuotaSettings;
import io.github.geminicomet.quota.QuotaStatistics;
import io.github.geminicomet.quota.QuotaStore;
import io.github.geminicomet.quota.TokenEstimate;
import io.github.geminicomet.schema.StructuredOutputValidator;
import io.github.geminicomet.tool.ToolCallingOptions;

/**
 * Default implementation of {@link GeminiOperations}, on Reactor Netty (and optionally {@link WebClient}).
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
 * <p>The template holds its collaborators and delegates to them: the request goes out through a
 * {@link GeminiTransport} chosen once at build time (see {@link Transport}), wrapped by the call pipeline
 * (concurrency limit, retries, call timeout); answers, streams and errors are decoded by codecs of their
 * own; every call is observed. The endpoint families are operations objects ({@link #cachedContents()}).
 *
 * <p>A template built without an explicit {@link Builder#connector(ClientHttpConnector) connector}
 * owns its connection pool; {@link #close()} releases it (Spring calls it when the bean is
 * destroyed). Templates derived with {@link #mutate()} share the pool of the template they came from.
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
	public static final String DEFAULT_MODEL = "gemini-3.5-flash-lite";

	private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");

	private final Builder builder;

	private final JsonMapper jsonMapper;

	private final ResponseReader responseReader;

	private final ObjectWriter requestWriter;

	private final String modelsUrl;

	private final ModelUris modelUris;

	private final String defaultModel;

	private final @Nullable GenerationConfig defaultGenerationConfig;

	private final RequestValidator requestValidator;

	private final @Nullable HttpClient httpClient;

	private final @Nullable ConnectionProvider ownedConnectionProvider;

	private final CallPipeline pipeline;

	private final GeminiExchange exchange;

	private final @Nullable QuotaTokenCounter tokenCounter;

	private final CallObserver observer;

	private final GeminiEndpoints endpoints;

	private final CachedContentOperations cachedContents;

	private final FileOperations files;

	private final BatchOperations batches;

	private final StructuredOutputSupport structuredOutput;

	GeminiTemplate(Builder builder, JsonMapper jsonMapper, TransportFactory.Transports transports) {
		this.builder = builder;
		this.jsonMapper = jsonMapper;
		this.responseReader = ResponseReader.of(jsonMapper);
		this.requestWriter = jsonMapper.writerFor(GenerateContentRequest.class);
		String apiUrl = ApiBaseUrl.apiUrl(builder.baseUrl, builder.apiVersion);
		this.modelsUrl = apiUrl + "models/";
		this.modelUris = new ModelUris(this.modelsUrl);
		this.defaultModel = builder.defaultModel;
		this.defaultGenerationConfig = builder.defaultGenerationConfig;
		this.requestValidator = new RequestValidator(builder.thinkingValidation, builder.maxInlineDataSize,
				builder.defaultGenerationConfig);
		this.httpClient = transports.httpClient();
		this.ownedConnectionProvider = transports.ownedProvider();
		this.pipeline = new CallPipeline(
				ConcurrencyLimiter.of(builder.maxConcurrentRequests, builder.maxQueuedRequests, builder.sharedLimiter),
				builder.maxQueueWait, QuotaGate.of(builder.quota, builder.quotaStore, String.valueOf(builder.apiKey), builder.sharedQuota),
				builder.retrySettings, builder.callTimeout);
		GeminiErrorDecoder errorDecoder = new GeminiErrorDecoder(jsonMapper, builder.maxInMemorySize);
		this.exchange = new GeminiExchange(transports.transport(), this.pipeline,
				new JsonBodyDecoder(builder.maxInMemorySize),
				new GeminiEventStreamDecoder(this.responseReader, errorDecoder,
						builder.maxEventSize),
				errorDecoder, new FailureTranslator(builder.maxInMemorySize, builder.connectTimeout,
						builder.readTimeout, builder.firstByteTimeout),
				builder.firstByteTimeout);
		this.observer = new CallObserver(builder.observationRegistry, builder.observationConvention);
		this.tokenCounter = (this.pipeline.quota().isEnabled() && builder.quota.tokensPerMinute() > 0
				&& builder.quota.tokenEstimate() == TokenEstimate.COUNT_TOKENS)
						? new QuotaTokenCounter(this.exchange, this.observer, this.modelsUrl, jsonMapper,
								builder.defaultGenerationConfig)
						: null;
		GeminiApi api = new GeminiApi(apiUrl, jsonMapper, this.exchange, this.observer);
		this.endpoints = new GeminiEndpoints(api);
		this.cachedContents = new DefaultCachedContentOperations(api);
		String rootUrl = ApiBaseUrl.rootUrl(builder.baseUrl, builder.apiVersion);
		URI baseUri = URI.create(rootUrl);
		URI uploadUri = URI.create(rootUrl + "/upload/" + builder.apiVersion + "/files");
		this.files = new DefaultFileOperations(api, new ResumableUpload(this.exchange, jsonMapper, uploadUri, baseUri,
				builder.retrySettings, builder.maxInMemorySize), uploadUri);
		this.batches = new DefaultBatchOperations(api, this.files, builder.maxInMemorySize);
		this.structuredOutput = new StructuredOutputSupport(this::generateContent, this::streamGenerateContent,
				jsonMapper, builder.structuredOutputValidator, builder.structuredOutputMaxRepairAttempts);
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
			copy.sharedHttpClient = this.httpClient;
			copy.sharedClientSettings = TransportFactory.clientSettings(this.builder);
		}
		copy.sharedLimiter = this.pipeline.limiter();
		copy.sharedQuota = this.pipeline.quota();
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
		return this.observer.statistics();
	}

	/**
	 * Return how this template's client-side quota is doing: waits, rejections, reserved tokens, and
	 * whether its store answers.
	 * @return a snapshot of the quota statistics ({@code enabled() == false} without a quota)
	 * @since 0.2.0
	 */
	public QuotaStatistics getQuotaStatistics() {
		return this.pipeline.quotaStatistics();
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
		ModelUris.Uris uris = uris(model);
		String name = uris.model();
		this.requestValidator.validate(name, request);
		URI uri = uris.generate();
		Mono<GenerateContentResponse> call = this.exchange.unary(HttpMethod.POST, uri, () -> writeRequest(request),
				BodyReader.responses(this.responseReader), tokenCount(name, request));
		return this.observer.generate(call, name, uri, request);
	}

	@Override
	public Flux<GenerateContentResponse> streamGenerateContent(GenerateContentRequest request) {
		return streamGenerateContent(this.defaultModel, request);
	}

	@Override
	public Flux<GenerateContentResponse> streamGenerateContent(String model, GenerateContentRequest request) {
		Assert.notNull(request, "'request' must not be null");
		ModelUris.Uris uris = uris(model);
		String name = uris.model();
		this.requestValidator.validate(name, request);
		URI uri = uris.stream();
		return this.observer.stream(this.exchange.stream(uri, () -> writeRequest(request), tokenCount(name, request)),
				name, uri, request);
	}

	@Override
	public Mono<Model> getModel(String model) {
		return this.endpoints.getModel(modelName(model));
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
		return this.cachedContents;
	}

	@Override
	public FileOperations files() {
		return this.files;
	}

	@Override
	public BatchOperations batches() {
		return this.batches;
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

	@Override
	public Mono<String> generateText(String prompt) {
		return generateText(this.defaultModel, prompt);
	}

	@Override
	public Flux<String> streamText(String prompt) {
		return streamText(this.defaultModel, prompt);
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

	/**
	 * The URIs of a model, the name checked only the first time it is seen.
	 */
	private ModelUris.Uris uris(String model) {
		ModelUris.Uris known = (model != null) ? this.modelUris.known(model) : null;
		return (known != null) ? known : this.modelUris.of(modelName(model));
	}

	static String modelName(String model) {
		Assert.notNull(model, "'model' must not be null");
		String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
		if (!MODEL_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid Gemini model name '" + model
					+ "': use a name such as 'gemini-3.5-flash-lite' (letters, digits, '.', '-' and '_'; no '/', "
					+ "spaces or query characters)");
		}
		return name;
	}

	/**
	 * The quota's {@code countTokens} of a generate request, or {@code null} when the quota estimates
	 * tokens from the request's size (or limits no tokens).
	 */
	private @Nullable Mono<QuotaGate.TokenCount> tokenCount(String model, GenerateContentRequest request) {
		QuotaTokenCounter counter = this.tokenCounter;
		return (counter != null) ? counter.count(model, request) : null;
	}

	private byte[] writeRequest(GenerateContentRequest request) {
		GenerateContentRequest effective = request;
		if (this.defaultGenerationConfig != null) {
			GenerationConfig config = request.generationConfig();
			GenerationConfig merged = (config != null) ? config.mergedOver(this.defaultGenerationConfig)
					: this.defaultGenerationConfig;
			effective = request.toBuilder().generationConfig(merged).build();
		}
		if ((this.builder.defaultServiceTier != null && effective.serviceTier() == null)
				|| (!this.builder.defaultLabels.isEmpty())) {
			effective = withBillingDefaults(effective);
		}
		return this.requestWriter.writeValueAsBytes(effective);
	}

	/** The template's default service tier and labels under the request's own. */
	private GenerateContentRequest withBillingDefaults(GenerateContentRequest request) {
		Map<String, String> labels = new LinkedHashMap<>(this.builder.defaultLabels);
		if (request.labels() != null) {
			labels.putAll(request.labels());
		}
		return request.toBuilder()
			.serviceTier((request.serviceTier() != null) ? request.serviceTier() : this.builder.defaultServiceTier)
			.labels(labels.isEmpty() ? null : labels)
			.build();
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

		String baseUrl = DEFAULT_BASE_URL;

		String apiVersion = DEFAULT_API_VERSION;

		@Nullable String apiKey;

		AuthScheme authScheme = AuthScheme.API_KEY_HEADER;

		String defaultModel = DEFAULT_MODEL;

		@Nullable GenerationConfig defaultGenerationConfig;

		@Nullable ServiceTier defaultServiceTier;

		Map<String, String> defaultLabels = Map.of();

		final HttpHeaders defaultHeaders = new HttpHeaders();

		Duration connectTimeout = Duration.ofSeconds(10);

		Duration readTimeout = Duration.ofMinutes(2);

		int maxInMemorySize = 32 * 1024 * 1024;

		int maxEventSize = 32 * 1024 * 1024;

		WebClient.@Nullable Builder webClientBuilder;

		@Nullable JsonMapper jsonMapper;

		@Nullable ClientHttpConnector connector;

		@Nullable StructuredOutputValidator structuredOutputValidator;

		int structuredOutputMaxRepairAttempts;

		@Nullable HttpClient sharedHttpClient;

		Transport transport = Transport.REACTOR_NETTY;

		@Nullable Object sharedClientSettings;

		RetrySettings retrySettings = RetrySettings.DEFAULT;

		@Nullable Duration firstByteTimeout;

		@Nullable Duration callTimeout = Duration.ofMinutes(5);

		ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		@Nullable GeminiObservationConvention observationConvention;

		ConnectionPoolSettings connectionPool = ConnectionPoolSettings.DEFAULT;

		boolean wiretap;

		@Nullable ProxySettings proxy;

		@Nullable SslSettings ssl;

		@Nullable SslContext sslContext;

		HttpVersion httpVersion = HttpVersion.HTTP_1_1;

		int maxConcurrentRequests;

		int maxQueuedRequests = 1_000;

		@Nullable Duration maxQueueWait;

		@Nullable ConcurrencyLimiter sharedLimiter;

		QuotaSettings quota = QuotaSettings.NONE;

		@Nullable QuotaStore quotaStore;

		@Nullable QuotaGate sharedQuota;

		ThinkingValidation thinkingValidation = ThinkingValidation.STRICT;

		long maxInlineDataSize = Media.MAX_INLINE_DATA_SIZE;

		ToolCallingOptions toolCallingOptions = ToolCallingOptions.DEFAULT;

		Builder() {
		}

		Builder(Builder other) {
			this.baseUrl = other.baseUrl;
			this.apiVersion = other.apiVersion;
			this.apiKey = other.apiKey;
			this.authScheme = other.authScheme;
			this.defaultModel = other.defaultModel;
			this.defaultGenerationConfig = other.defaultGenerationConfig;
			this.defaultServiceTier = other.defaultServiceTier;
			this.defaultLabels = other.defaultLabels;
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
			this.proxy = other.proxy;
			this.ssl = other.ssl;
			this.sslContext = other.sslContext;
			this.httpVersion = other.httpVersion;
			this.transport = other.transport;
			this.maxConcurrentRequests = other.maxConcurrentRequests;
			this.maxQueuedRequests = other.maxQueuedRequests;
			this.maxQueueWait = other.maxQueueWait;
			this.sharedLimiter = other.sharedLimiter;
			this.quota = other.quota;
			this.quotaStore = other.quotaStore;
			this.sharedQuota = other.sharedQuota;
			this.thinkingValidation = other.thinkingValidation;
			this.maxInlineDataSize = other.maxInlineDataSize;
			this.toolCallingOptions = other.toolCallingOptions;
		}

		/**
		 * Set the base URL of the gateway, default {@value GeminiTemplate#DEFAULT_BASE_URL}. A trailing API
		 * version segment equal to the {@linkplain #apiVersion(String) API version}
		 * ({@code https://api.cometapi.com/v1beta}) is ignored; another version segment
		 * ({@code https://api.cometapi.com/v1}) fails the build.
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
		 * Set the API key. It is only ever sent in a request header. Whitespace around it (the newline a key
		 * file often ends with) is removed; a key with any other control character is rejected by
		 * {@link #build()}, since it would end the header and start another.
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
		 * Set the service tier of every request that names none.
		 * @param serviceTier the default tier, or {@code null} to let the API choose
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder defaultServiceTier(@Nullable ServiceTier serviceTier) {
			this.defaultServiceTier = serviceTier;
			return this;
		}

		/**
		 * Set labels sent with every request; a request's own labels win over these.
		 * @param labels the default labels, such as {@code Map.of("team", "search")}
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder defaultLabels(Map<String, String> labels) {
			Assert.notNull(labels, "'labels' must not be null");
			this.defaultLabels = Map.copyOf(labels);
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
		 * Set the proxy the template reaches the gateway through. Without one (the default), the JVM's
		 * standard proxy system properties apply ({@code https.proxyHost}, {@code https.proxyPort},
		 * {@code http.proxyHost}, {@code socksProxyHost}, {@code http.nonProxyHosts}, ...), as Reactor Netty
		 * reads them. Ignored when a {@link #connector connector} is given.
		 * @param proxy the proxy, or {@code null} for the system properties
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder proxy(@Nullable ProxySettings proxy) {
			this.proxy = proxy;
			return this;
		}

		/**
		 * Set how the template's connections to an {@code https} gateway are secured: trusted certificates
		 * (a private CA), a client certificate, TLS versions, ciphers and implementation. The template builds
		 * the Netty {@code SslContext} for the {@link #httpVersion(HttpVersion) HTTP version} in use. Default:
		 * the JVM's trust store. Ignored when an {@link #sslContext(SslContext) SslContext} or a
		 * {@link #connector connector} is given.
		 * @param ssl the TLS settings, or {@code null} for the defaults
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder ssl(@Nullable SslSettings ssl) {
			this.ssl = ssl;
			return this;
		}

		/**
		 * Set the Netty {@code SslContext} of the template's connections to an {@code https} gateway, used as
		 * it is (for {@link HttpVersion#H2 h2} it must offer {@code h2} through ALPN, as one from Reactor
		 * Netty's {@code Http2SslContextSpec} does). Wins over {@link #ssl(SslSettings) ssl}. Ignored when a
		 * {@link #connector connector} is given.
		 * @param sslContext the client {@code SslContext}, or {@code null} for none
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder sslContext(@Nullable SslContext sslContext) {
			Assert.isTrue(sslContext == null || sslContext.isClient(), "'sslContext' must be a client context");
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Set the HTTP version spoken to the gateway, default {@link HttpVersion#HTTP_1_1}. {@link HttpVersion#H2}
		 * needs an {@code https} base URL and falls back to HTTP/1.1 when the server does not offer h2;
		 * {@link HttpVersion#H2C} needs an {@code http} one. Ignored when a {@link #connector connector} is
		 * given.
		 * @param httpVersion the HTTP version
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder httpVersion(HttpVersion httpVersion) {
			Assert.notNull(httpVersion, "'httpVersion' must not be null");
			this.httpVersion = httpVersion;
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
		 * beyond that it fails at once with a {@link GeminiConcurrencyLimitException}, and past
		 * {@link #maxQueueWait(Duration) maxQueueWait}, when set, with a client-side
		 * {@link GeminiRateLimitException}. A stream holds its place until it ends; a retry queues again;
		 * time spent waiting counts toward the call timeout of a unary call. Variants derived with {@link GeminiTemplate#mutate()} share the limit while it is
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
		 * Set the longest a request waits for a place when {@link #maxConcurrentRequests(int)
		 * maxConcurrentRequests} are in flight: past it, the request leaves the queue and fails with a
		 * client-side {@link GeminiRateLimitException} ({@code getQuotaLimit()} is
		 * {@code MAX_CONCURRENT_REQUESTS}) without sending anything; a place that frees as the wait ends
		 * goes to the next request, never lost. Spring Boot sets it from
		 * {@code cometapi.gemini.quota.max-wait}, like the quota's own {@link QuotaSettings#maxWait()}.
		 * Default {@code null}: a request waits as long as it takes, a unary call within its call timeout.
		 * The wait runs on a timer and holds no thread. Variants derived with {@link GeminiTemplate#mutate()}
		 * share the limit whatever their max wait.
		 * @param maxQueueWait the longest wait for a place, or {@code null} for no bound
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder maxQueueWait(@Nullable Duration maxQueueWait) {
			Assert.isTrue(maxQueueWait == null || !maxQueueWait.isNegative(), "'maxQueueWait' must not be negative");
			this.maxQueueWait = maxQueueWait;
			return this;
		}

		/**
		 * Set the client-side quota: requests and tokens per minute, how long a call may wait for room, and
		 * what happens when the {@link #quotaStore(QuotaStore) store} cannot be reached. Default
		 * {@link QuotaSettings#NONE}. Before each attempt the template reserves one request and the
		 * estimated tokens (a quarter of the request's JSON bytes; with
		 * {@link io.github.geminicomet.quota.TokenEstimate#COUNT_TOKENS COUNT_TOKENS} and a tokens-per-minute
		 * limit, what the model's {@code countTokens} counts, asked once per call, plus the request's
		 * {@code maxOutputTokens}), waiting without holding a thread up to the max wait, else failing with a
		 * client-side {@link GeminiRateLimitException} without sending anything; the answer's
		 * {@code usageMetadata} settles the tokens (a stream's at its end, or the last one it reported when
		 * cancelled or failed). A 429 answer with a retry delay pauses every caller sharing the quota. The
		 * wait for a place under {@link #maxConcurrentRequests(int) maxConcurrentRequests} is bounded by
		 * {@link #maxQueueWait(Duration)}. Variants derived with {@link GeminiTemplate#mutate()} share the
		 * quota while it is unchanged.
		 * @param quota the quota settings
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder quota(QuotaSettings quota) {
			Assert.notNull(quota, "'quota' must not be null");
			this.quota = quota;
			return this;
		}

		/**
		 * Set where the quota's state lives: by default in this template's memory; a
		 * {@link io.github.geminicomet.quota.RedisQuotaStore} shares it with every instance that uses the
		 * same API key. Keys are derived from a hash of the API key, never the key itself.
		 * @param quotaStore the store, or {@code null} for one in memory
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder quotaStore(@Nullable QuotaStore quotaStore) {
			this.quotaStore = quotaStore;
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
		 * @throws IllegalArgumentException if the default generation config sets the thinking parameter
		 * of the other model generation than the default model's (under {@link ThinkingValidation#STRICT}),
		 * with the message a call would fail with
		 */
		public GeminiTemplate build() {
			if (!StringUtils.hasText(this.apiKey)) {
				throw new IllegalStateException("A Gemini API key is required: set it with "
						+ "GeminiTemplate.builder().apiKey(...) (with Spring Boot: the cometapi.gemini.api-key "
						+ "property or the COMETAPI_KEY environment variable)");
			}
			String key = this.apiKey.strip();
			String problem = ApiKeys.problem(key);
			if (problem != null) {
				throw new IllegalStateException("The Gemini API key set with GeminiTemplate.builder().apiKey(...) "
						+ problem + " (with Spring Boot: the cometapi.gemini.api-key property or the COMETAPI_KEY "
						+ "environment variable)");
			}
			validateBaseUrl(this.baseUrl);
			ApiBaseUrl.checkVersion(this.baseUrl, this.apiVersion);
			new RequestValidator(this.thinkingValidation, this.maxInlineDataSize, this.defaultGenerationConfig)
				.checkDefaults(this.defaultModel);
			validateHttpVersion(this.baseUrl, this.httpVersion);
			JsonMapper mapper = (this.jsonMapper != null) ? this.jsonMapper : defaultJsonMapper();
			return new GeminiTemplate(new Builder(this), mapper, TransportFactory.create(this, key));
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

		private static void validateHttpVersion(String baseUrl, HttpVersion httpVersion) {
			boolean https = baseUrl.toLowerCase(Locale.ROOT).startsWith("https:");
			if (httpVersion == HttpVersion.H2 && !https) {
				throw new IllegalStateException("HTTP version h2 needs an https base URL, not '" + baseUrl
						+ "': use h2c for a plain-http gateway (cometapi.gemini.http-version or the builder's "
						+ "httpVersion)");
			}
			if (httpVersion == HttpVersion.H2C && https) {
				throw new IllegalStateException("HTTP version h2c is HTTP/2 over plain http, but the base URL '"
						+ baseUrl + "' is https: use h2 (cometapi.gemini.http-version or the builder's httpVersion)");
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
