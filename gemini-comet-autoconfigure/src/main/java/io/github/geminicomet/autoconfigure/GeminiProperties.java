package io.github.geminicomet.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.github.geminicomet.AuthScheme;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.HttpVersion;
import io.github.geminicomet.ProxySettings;
import io.github.geminicomet.ThinkingValidation;
import io.github.geminicomet.model.ServiceTier;
import io.github.geminicomet.model.ThinkingLevel;
import io.github.geminicomet.quota.QuotaStoreFailurePolicy;
import io.github.geminicomet.quota.RedisQuotaStore;
import io.github.geminicomet.quota.TokenEstimate;
import io.github.geminicomet.tool.ToolErrorPolicy;

/**
 * Configuration properties for the Gemini client ({@code cometapi.gemini.*}).
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@ConfigurationProperties("cometapi.gemini")
public class GeminiProperties {

	/**
	 * CometAPI key, sent in a request header and never logged. Falls back to the COMETAPI_KEY
	 * environment variable when not set.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the gateway's native Gemini endpoint.
	 */
	private String baseUrl = "https://api.cometapi.com";

	/**
	 * API version path segment.
	 */
	private String apiVersion = "v1beta";

	/**
	 * Model used when a call names none.
	 */
	private String model = "gemini-3.5-flash-lite";

	/**
	 * Service tier of requests that name none: standard, flex or priority. Unset lets the API choose.
	 */
	private @Nullable ServiceTier serviceTier;

	/**
	 * Labels sent with every request (billing breakdown); a request's own labels win.
	 */
	private Map<String, String> labels = new LinkedHashMap<>();

	/**
	 * How the API key is sent: in the x-goog-api-key header or as a bearer token.
	 */
	private AuthScheme authScheme = AuthScheme.API_KEY_HEADER;

	/**
	 * Connect timeout.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Longest time without receiving data while a response is read. Streams keep going while events
	 * flow; a stalled stream, or a unary answer slower than this, fails.
	 */
	private Duration readTimeout = Duration.ofMinutes(2);

	/**
	 * Longest wait for a stream's first event, per attempt. When not set, the read timeout applies.
	 */
	private @Nullable Duration firstByteTimeout;

	/**
	 * Longest a unary call may take, retries included. Streams have no whole-call limit.
	 */
	private @Nullable Duration callTimeout = Duration.ofMinutes(5);

	/**
	 * Whether every exchange is logged as text at DEBUG under 'io.github.geminicomet.wiretap', with the
	 * API key masked.
	 */
	private boolean wiretap;

	/**
	 * How calls reach the template's Reactor Netty client: 'reactor-netty' sends them straight (the least
	 * work per call); 'web-client' sends them through a WebClient cloned from Spring Boot's
	 * WebClient.Builder, so that its filters and 'http.client.requests' observations see them too.
	 */
	private GeminiTemplate.Transport transport = GeminiTemplate.Transport.REACTOR_NETTY;

	/**
	 * Most requests in flight at once, so that a burst does not turn into a wall of 429 answers; 0 for no
	 * limit. Further requests wait in a queue of at most max-queued-requests, then are rejected.
	 */
	private int maxConcurrentRequests;

	/**
	 * Most requests waiting for a place when max-concurrent-requests are in flight; beyond it a request
	 * fails at once with GeminiConcurrencyLimitException.
	 */
	private int maxQueuedRequests = 1000;

	/**
	 * Client-side quota of the API key, shared by every instance through Redis when asked.
	 */
	private final Quota quota = new Quota();

	/**
	 * Largest unary response body held in memory (generated images are large).
	 */
	private DataSize maxInMemorySize = DataSize.ofMegabytes(32);

	/**
	 * Largest single server-sent event of a stream.
	 */
	private DataSize maxEventSize = DataSize.ofMegabytes(32);

	/**
	 * What to do with a request whose thinking parameter belongs to the other model generation
	 * (thinkingLevel on Gemini 2.x, thinkingBudget on Gemini 3): 'strict' fails the call with a message
	 * naming the right parameter, 'warn' logs a warning once per model and parameter and sends it, 'off'
	 * sends it unchecked. Models of other families are never checked.
	 */
	private ThinkingValidation thinkingValidation = ThinkingValidation.STRICT;

	/**
	 * Most base64-encoded inline data (images, audio, documents) a request may carry; a larger request
	 * fails before it is sent. Gemini's own limit is 100MB.
	 */
	private DataSize maxInlineDataSize = DataSize.ofMegabytes(100);

	/**
	 * Headers sent with every request, in addition to the key header.
	 */
	private Map<String, String> defaultHeaders = new LinkedHashMap<>();

	/**
	 * Generation options applied to every request unless the request sets them.
	 */
	private final Generation generation = new Generation();

	/**
	 * Retry options.
	 */
	private final Retry retry = new Retry();

	/**
	 * Connection pool options.
	 */
	private final Pool pool = new Pool();

	/**
	 * Proxy the gateway is reached through. Without a host, the JVM's proxy system properties apply
	 * (https.proxyHost, http.nonProxyHosts, ...).
	 */
	private final Proxy proxy = new Proxy();

	/**
	 * TLS options of the connections to the gateway.
	 */
	private final Ssl ssl = new Ssl();

	/**
	 * HTTP version spoken to the gateway: 'http-1-1', 'h2' (TLS with ALPN, falling back to HTTP/1.1) or
	 * 'h2c' (HTTP/2 over plain http).
	 */
	private HttpVersion httpVersion = HttpVersion.HTTP_1_1;

	/**
	 * Structured output options (generateObject, streamObjects).
	 */
	private final StructuredOutput structuredOutput = new StructuredOutput();

	/**
	 * Function calling options (withTools).
	 */
	private final Tools tools = new Tools();

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String getApiVersion() {
		return this.apiVersion;
	}

	public void setApiVersion(String apiVersion) {
		this.apiVersion = apiVersion;
	}

	public String getModel() {
		return this.model;
	}

	public void setModel(String model) {
		this.model = model;
	}

	public @Nullable ServiceTier getServiceTier() {
		return this.serviceTier;
	}

	public void setServiceTier(@Nullable ServiceTier serviceTier) {
		this.serviceTier = serviceTier;
	}

	public Map<String, String> getLabels() {
		return this.labels;
	}

	public void setLabels(Map<String, String> labels) {
		this.labels = labels;
	}

	public AuthScheme getAuthScheme() {
		return this.authScheme;
	}

	public void setAuthScheme(AuthScheme authScheme) {
		this.authScheme = authScheme;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public DataSize getMaxInMemorySize() {
		return this.maxInMemorySize;
	}

	public void setMaxInMemorySize(DataSize maxInMemorySize) {
		this.maxInMemorySize = maxInMemorySize;
	}

	public DataSize getMaxEventSize() {
		return this.maxEventSize;
	}

	public void setMaxEventSize(DataSize maxEventSize) {
		this.maxEventSize = maxEventSize;
	}

	public ThinkingValidation getThinkingValidation() {
		return this.thinkingValidation;
	}

	public void setThinkingValidation(ThinkingValidation thinkingValidation) {
		this.thinkingValidation = thinkingValidation;
	}

	public DataSize getMaxInlineDataSize() {
		return this.maxInlineDataSize;
	}

	public void setMaxInlineDataSize(DataSize maxInlineDataSize) {
		this.maxInlineDataSize = maxInlineDataSize;
	}

	public Map<String, String> getDefaultHeaders() {
		return this.defaultHeaders;
	}

	public void setDefaultHeaders(Map<String, String> defaultHeaders) {
		this.defaultHeaders = defaultHeaders;
	}

	public Generation getGeneration() {
		return this.generation;
	}

	public @Nullable Duration getFirstByteTimeout() {
		return this.firstByteTimeout;
	}

	public void setFirstByteTimeout(@Nullable Duration firstByteTimeout) {
		this.firstByteTimeout = firstByteTimeout;
	}

	public @Nullable Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(@Nullable Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public boolean isWiretap() {
		return this.wiretap;
	}

	public void setWiretap(boolean wiretap) {
		this.wiretap = wiretap;
	}

	public GeminiTemplate.Transport getTransport() {
		return this.transport;
	}

	public void setTransport(GeminiTemplate.Transport transport) {
		this.transport = transport;
	}

	public int getMaxConcurrentRequests() {
		return this.maxConcurrentRequests;
	}

	public void setMaxConcurrentRequests(int maxConcurrentRequests) {
		this.maxConcurrentRequests = maxConcurrentRequests;
	}

	public int getMaxQueuedRequests() {
		return this.maxQueuedRequests;
	}

	public void setMaxQueuedRequests(int maxQueuedRequests) {
		this.maxQueuedRequests = maxQueuedRequests;
	}

	public Quota getQuota() {
		return this.quota;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public HttpVersion getHttpVersion() {
		return this.httpVersion;
	}

	public void setHttpVersion(HttpVersion httpVersion) {
		this.httpVersion = httpVersion;
	}

	public StructuredOutput getStructuredOutput() {
		return this.structuredOutput;
	}

	public Tools getTools() {
		return this.tools;
	}

	@Override
	public String toString() {
		return "GeminiProperties[baseUrl=" + this.baseUrl + ", model=" + this.model + ", apiKey="
				+ ((this.apiKey != null) ? "******" : "null") + "]";
	}

	/**
	 * Function calling options.
	 */
	public static class Tools {

		/**
		 * Most rounds of function calls the automatic loop runs in one exchange; a model that still asks
		 * for function calls after that many rounds ends the exchange with an error.
		 */
		private int maxIterations = 10;

		/**
		 * What a failing tool method does: report the error to the model as the function's response, or
		 * fail the exchange.
		 */
		private ToolErrorPolicy errorPolicy = ToolErrorPolicy.REPORT_TO_MODEL;

		public int getMaxIterations() {
			return this.maxIterations;
		}

		public void setMaxIterations(int maxIterations) {
			this.maxIterations = maxIterations;
		}

		public ToolErrorPolicy getErrorPolicy() {
			return this.errorPolicy;
		}

		public void setErrorPolicy(ToolErrorPolicy errorPolicy) {
			this.errorPolicy = errorPolicy;
		}

	}

	/**
	 * Structured output options.
	 */
	public static class StructuredOutput {

		/**
		 * How many times generateObject asks the model again, with its answer and the errors appended to
		 * the conversation, when the answer cannot be read as the requested type or fails validation.
		 * Truncated answers (MAX_TOKENS) and streams are never retried.
		 */
		private int maxRepairAttempts;

		/**
		 * Whether objects read from structured-output answers are checked with the application's Bean
		 * Validation validator, when there is one.
		 */
		private boolean validate = true;

		public int getMaxRepairAttempts() {
			return this.maxRepairAttempts;
		}

		public void setMaxRepairAttempts(int maxRepairAttempts) {
			this.maxRepairAttempts = maxRepairAttempts;
		}

		public boolean isValidate() {
			return this.validate;
		}

		public void setValidate(boolean validate) {
			this.validate = validate;
		}

	}

	/**
	 * Default generation options.
	 */
	public static class Generation {

		/**
		 * Sampling temperature; higher is more random.
		 */
		private @Nullable Double temperature;

		/**
		 * Nucleus sampling: the cumulative probability of the tokens considered.
		 */
		private @Nullable Double topP;

		/**
		 * Largest number of tokens considered at each step.
		 */
		private @Nullable Integer topK;

		/**
		 * Largest number of tokens in an answer.
		 */
		private @Nullable Integer maxOutputTokens;

		/**
		 * Thinking options.
		 */
		private final Thinking thinking = new Thinking();

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Double getTopP() {
			return this.topP;
		}

		public void setTopP(@Nullable Double topP) {
			this.topP = topP;
		}

		public @Nullable Integer getTopK() {
			return this.topK;
		}

		public void setTopK(@Nullable Integer topK) {
			this.topK = topK;
		}

		public @Nullable Integer getMaxOutputTokens() {
			return this.maxOutputTokens;
		}

		public void setMaxOutputTokens(@Nullable Integer maxOutputTokens) {
			this.maxOutputTokens = maxOutputTokens;
		}

		public Thinking getThinking() {
			return this.thinking;
		}

	}

	/**
	 * Retry options: 429, 500, 502, 503, 504 and connection failures before any byte of the answer are
	 * retried; a stream only before its first event.
	 */
	public static class Retry {

		/**
		 * Whether failed calls are retried.
		 */
		private boolean enabled = true;

		/**
		 * Total number of attempts, the first included.
		 */
		private int maxAttempts = 3;

		/**
		 * Delay before the first retry, doubled for each further retry.
		 */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/**
		 * Longest computed backoff.
		 */
		private Duration maxBackoff = Duration.ofSeconds(20);

		/**
		 * Random jitter factor applied to computed backoffs, from 0 to 1.
		 */
		private double jitter = 0.5;

		/**
		 * Longest delay the server may ask for (RetryInfo or Retry-After) that is honoured; a longer one
		 * fails the call at once.
		 */
		private Duration maxServerDelay = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public Duration getMaxServerDelay() {
			return this.maxServerDelay;
		}

		public void setMaxServerDelay(Duration maxServerDelay) {
			this.maxServerDelay = maxServerDelay;
		}

	}

	/**
	 * TLS options.
	 */
	public static class Ssl {

		/**
		 * Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) that secures the connections to the
		 * gateway: a private CA, a client certificate. Defaults to spring.http.clients.ssl.bundle.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Proxy options.
	 */
	public static class Proxy {

		/**
		 * Kind of proxy.
		 */
		private ProxySettings.Type type = ProxySettings.Type.HTTP;

		/**
		 * Host name or IP address of the proxy. When not set, the JVM's proxy system properties apply.
		 */
		private @Nullable String host;

		/**
		 * Port of the proxy.
		 */
		private @Nullable Integer port;

		/**
		 * User the proxy authenticates.
		 */
		private @Nullable String username;

		/**
		 * Password of the proxy user, never logged.
		 */
		private @Nullable String password;

		/**
		 * Hosts reached without the proxy: names or addresses, '*' matching any characters.
		 */
		private List<String> nonProxyHosts = new ArrayList<>();

		public ProxySettings.Type getType() {
			return this.type;
		}

		public void setType(ProxySettings.Type type) {
			this.type = type;
		}

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

		@Override
		public String toString() {
			return "Proxy[type=" + this.type + ", host=" + this.host + ", port=" + this.port + ", username="
					+ this.username + ", password=" + ((this.password != null) ? "******" : "null") + "]";
		}

	}

	/**
	 * Options of the client's own connection pool. Each open stream holds one connection.
	 */
	public static class Pool {

		/**
		 * Most connections open at once.
		 */
		private int maxConnections = 10_000;

		/**
		 * Most calls waiting for a connection.
		 */
		private int pendingAcquireMaxCount = 10_000;

		/**
		 * Longest a call waits for a connection.
		 */
		private Duration pendingAcquireTimeout = Duration.ofSeconds(45);

		/**
		 * How long an idle connection is kept.
		 */
		private @Nullable Duration maxIdleTime = Duration.ofSeconds(30);

		/**
		 * How long a connection is used at most.
		 */
		private @Nullable Duration maxLifeTime;

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getPendingAcquireMaxCount() {
			return this.pendingAcquireMaxCount;
		}

		public void setPendingAcquireMaxCount(int pendingAcquireMaxCount) {
			this.pendingAcquireMaxCount = pendingAcquireMaxCount;
		}

		public Duration getPendingAcquireTimeout() {
			return this.pendingAcquireTimeout;
		}

		public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
			this.pendingAcquireTimeout = pendingAcquireTimeout;
		}

		public @Nullable Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		public void setMaxIdleTime(@Nullable Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

		public @Nullable Duration getMaxLifeTime() {
			return this.maxLifeTime;
		}

		public void setMaxLifeTime(@Nullable Duration maxLifeTime) {
			this.maxLifeTime = maxLifeTime;
		}

	}

	/**
	 * Default thinking options. Gemini 3 models take a level, Gemini 2.5 models a budget.
	 */
	public static class Thinking {

		/**
		 * Thinking budget in tokens for Gemini 2.5 models: 0 turns thinking off, -1 lets the model
		 * decide.
		 */
		private @Nullable Integer budget;

		/**
		 * Thinking level for Gemini 3 models.
		 */
		private @Nullable ThinkingLevel level;

		/**
		 * Whether answers include summaries of the model's thoughts.
		 */
		private @Nullable Boolean includeThoughts;

		public @Nullable Integer getBudget() {
			return this.budget;
		}

		public void setBudget(@Nullable Integer budget) {
			this.budget = budget;
		}

		public @Nullable ThinkingLevel getLevel() {
			return this.level;
		}

		public void setLevel(@Nullable ThinkingLevel level) {
			this.level = level;
		}

		public @Nullable Boolean getIncludeThoughts() {
			return this.includeThoughts;
		}

		public void setIncludeThoughts(@Nullable Boolean includeThoughts) {
			this.includeThoughts = includeThoughts;
		}

	}

	/**
	 * Client-side quota options.
	 */
	public static class Quota {

		/**
		 * Most requests per minute for the API key, across every instance sharing the store; 0 for no
		 * limit. A minute's worth may go at once, then room comes back continuously.
		 */
		private long requestsPerMinute;

		/**
		 * Most tokens per minute for the API key, across every instance sharing the store; 0 for no limit.
		 * A call reserves an estimate before it is sent and settles on the answer's usageMetadata.
		 */
		private long tokensPerMinute;

		/**
		 * Most requests in flight at once in this instance; 0 for no limit. Takes precedence over
		 * 'cometapi.gemini.max-concurrent-requests', which remains as an alias.
		 */
		private @Nullable Integer maxConcurrentRequests;

		/**
		 * Longest a call waits for room, on a timer without holding a thread, before it fails with a
		 * client-side GeminiRateLimitException (no request is sent): room in requests-per-minute and
		 * tokens-per-minute, and a place under max-concurrent-requests. When not set, 30s for the
		 * per-minute limits, while a call waits for a place under max-concurrent-requests as long as
		 * max-queued-requests and the call timeout allow.
		 */
		private @Nullable Duration maxWait;

		/**
		 * How a generate call estimates the tokens it reserves before it is sent, when tokens-per-minute is
		 * set: 'request-size' (a quarter of the request's JSON bytes, no extra call) or 'count-tokens' (the
		 * model's countTokens, one more round trip per call, plus the request's maxOutputTokens; the size
		 * estimate when countTokens fails). The answer's usageMetadata settles the difference either way.
		 */
		private TokenEstimate tokenEstimate = TokenEstimate.REQUEST_SIZE;

		/**
		 * Where the quota's state lives: 'memory' (this instance only) or 'redis' (shared by every
		 * instance, through the application's reactive Redis connection, spring.data.redis.*).
		 */
		private Store store = Store.MEMORY;

		/**
		 * What happens when the store cannot be reached: 'fail-open' goes on with limits kept by each
		 * instance (with a warning and a health detail), 'fail-closed' rejects every call.
		 */
		private QuotaStoreFailurePolicy onStoreFailure = QuotaStoreFailurePolicy.FAIL_OPEN;

		/**
		 * Prefix of the Redis keys; a hash of the API key (never the key) follows it.
		 */
		private String keyPrefix = RedisQuotaStore.DEFAULT_KEY_PREFIX;

		public long getRequestsPerMinute() {
			return this.requestsPerMinute;
		}

		public void setRequestsPerMinute(long requestsPerMinute) {
			this.requestsPerMinute = requestsPerMinute;
		}

		public long getTokensPerMinute() {
			return this.tokensPerMinute;
		}

		public void setTokensPerMinute(long tokensPerMinute) {
			this.tokensPerMinute = tokensPerMinute;
		}

		public @Nullable Integer getMaxConcurrentRequests() {
			return this.maxConcurrentRequests;
		}

		public void setMaxConcurrentRequests(@Nullable Integer maxConcurrentRequests) {
			this.maxConcurrentRequests = maxConcurrentRequests;
		}

		public @Nullable Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(@Nullable Duration maxWait) {
			this.maxWait = maxWait;
		}

		public TokenEstimate getTokenEstimate() {
			return this.tokenEstimate;
		}

		public void setTokenEstimate(TokenEstimate tokenEstimate) {
			this.tokenEstimate = tokenEstimate;
		}

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public QuotaStoreFailurePolicy getOnStoreFailure() {
			return this.onStoreFailure;
		}

		public void setOnStoreFailure(QuotaStoreFailurePolicy onStoreFailure) {
			this.onStoreFailure = onStoreFailure;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		/**
		 * Where the quota's state lives.
		 */
		public enum Store {

			/**
			 * In this instance's memory.
			 */
			MEMORY,

			/**
			 * In Redis, shared by every instance.
			 */
			REDIS

		}

	}

}
