package io.github.geminicomet.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.micrometer.observation.ObservationRegistry;

import io.github.geminicomet.ConnectionPoolSettings;
import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.ProxySettings;
import io.github.geminicomet.RetrySettings;
import io.github.geminicomet.observation.GeminiObservationConvention;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.GeminiTemplateBuilderCustomizer;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.ThinkingConfig;
import io.github.geminicomet.quota.QuotaSettings;
import io.github.geminicomet.quota.QuotaStore;
import io.github.geminicomet.quota.RedisQuotaStore;
import io.github.geminicomet.schema.BeanValidationStructuredOutputValidator;
import io.github.geminicomet.tool.ToolCallingOptions;

/**
 * Auto-configuration for {@link GeminiTemplate}: a
 * {@link GeminiTemplate.Builder} prototype configured from {@link GeminiProperties} and every
 * {@link GeminiTemplateBuilderCustomizer}, and a {@link GeminiTemplate} built from it unless the
 * application defines its own {@link GeminiOperations}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(GeminiProperties.class)
public final class GeminiAutoConfiguration {

	/**
	 * Environment variable read when {@code cometapi.gemini.api-key} is not set.
	 */
	public static final String API_KEY_ENVIRONMENT_VARIABLE = "COMETAPI_KEY";

	private static final Log logger = LogFactory.getLog(GeminiAutoConfiguration.class);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}?");

	private static final Pattern API_VERSION = Pattern.compile("v\\d+(?:(?:alpha|beta)\\d*)?",
			Pattern.CASE_INSENSITIVE);

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	GeminiTemplate.Builder geminiTemplateBuilder(GeminiProperties properties, Environment environment,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<GeminiObservationConvention> observationConvention,
			ObjectProvider<GeminiTemplateBuilderCustomizer> customizers, ObjectProvider<QuotaStore> quotaStore,
			ObjectProvider<SslBundles> sslBundles) {
		String baseUrl = validBaseUrl(properties.getBaseUrl(), properties.getApiVersion());
		GeminiProperties.Quota quota = properties.getQuota();
		GeminiTemplate.Builder builder = GeminiTemplate.builder()
			.baseUrl(baseUrl)
			.apiVersion(properties.getApiVersion())
			.apiKey(apiKey(properties, environment))
			.authScheme(properties.getAuthScheme())
			.defaultModel(properties.getModel())
			.defaultServiceTier(properties.getServiceTier())
			.defaultLabels(properties.getLabels())
			.connectTimeout(HttpClientDefaults.timeout(environment, "connect-timeout", properties.getConnectTimeout()))
			.readTimeout(HttpClientDefaults.timeout(environment, "read-timeout", properties.getReadTimeout()))
			.maxInMemorySize((int) properties.getMaxInMemorySize().toBytes())
			.maxEventSize((int) properties.getMaxEventSize().toBytes())
			.defaultGenerationConfig(generationConfig(properties.getGeneration()))
			.firstByteTimeout(properties.getFirstByteTimeout())
			.callTimeout(properties.getCallTimeout())
			.retry(retrySettings(properties.getRetry()))
			.connectionPool(poolSettings(properties.getPool()))
			.proxy(proxySettings(properties.getProxy()))
			.ssl(HttpClientDefaults.ssl(properties.getSsl().getBundle(), environment, sslBundles))
			.httpVersion(properties.getHttpVersion())
			.wiretap(properties.isWiretap())
			.transport(properties.getTransport())
			.maxConcurrentRequests((quota.getMaxConcurrentRequests() != null) ? quota.getMaxConcurrentRequests()
					: properties.getMaxConcurrentRequests())
			.quota(quotaSettings(quota))
			// set, max-wait bounds the wait for a place under max-concurrent-requests too
			.maxQueueWait(quota.getMaxWait())
			.quotaStore(quotaStore(quota, quotaStore.getIfUnique()))
			.maxQueuedRequests(properties.getMaxQueuedRequests())
			.thinkingValidation(properties.getThinkingValidation())
			.maxInlineDataSize(properties.getMaxInlineDataSize().toBytes())
			.structuredOutputMaxRepairAttempts(properties.getStructuredOutput().getMaxRepairAttempts())
			.toolCallingOptions(toolCallingOptions(properties.getTools()))
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique())
			.webClientBuilder(webClientBuilder.getIfAvailable());
		properties.getDefaultHeaders().forEach(builder::defaultHeader);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	@Bean
	@ConditionalOnMissingBean(GeminiOperations.class)
	GeminiTemplate geminiTemplate(GeminiTemplate.Builder geminiTemplateBuilder, GeminiProperties properties,
			Environment environment) {
		if (!StringUtils.hasText(apiKey(properties, environment))) {
			String placeholder = unresolvedPlaceholder(properties.getApiKey());
			String setting = (placeholder != null) ? "is " + placeholder
					+ ", a placeholder that nothing resolves (no such environment variable or property)"
					: "is not set (or is blank)";
			throw new InvalidGeminiPropertyException("cometapi.gemini.api-key",
					"No Gemini API key is configured: 'cometapi.gemini.api-key' " + setting + " and the "
							+ API_KEY_ENVIRONMENT_VARIABLE + " environment variable is not set.",
					"Set the " + API_KEY_ENVIRONMENT_VARIABLE + " environment variable, or add your CometAPI key "
							+ "to application.yml:\n\n    cometapi:\n      gemini:\n        api-key: <your key>\n");
		}
		checkApiKeyCharacters(properties, environment);
		GeminiTemplate template = build(geminiTemplateBuilder, properties.getGeneration().getThinking());
		warnIfPlainHttp(template.getBaseUrl());
		return template;
	}

	/**
	 * Build the template; a default thinking parameter that the default model does not take (under
	 * {@code thinking-validation=strict}) fails startup with the message a call would get.
	 */
	private static GeminiTemplate build(GeminiTemplate.Builder builder, GeminiProperties.Thinking thinking) {
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			if (thinking.getLevel() == null && thinking.getBudget() == null) {
				throw ex;
			}
			boolean level = thinking.getLevel() != null;
			throw new InvalidGeminiPropertyException(
					"cometapi.gemini.generation.thinking." + (level ? "level" : "budget"), ex.getMessage(),
					"Set " + (level ? "cometapi.gemini.generation.thinking.budget (Gemini 2.5) instead of "
							+ "cometapi.gemini.generation.thinking.level, or set cometapi.gemini.model to a Gemini 3 model"
							: "cometapi.gemini.generation.thinking.level (Gemini 3) instead of "
									+ "cometapi.gemini.generation.thinking.budget, or set cometapi.gemini.model to a "
									+ "Gemini 2.5 model")
							+ ". To send it anyway, set cometapi.gemini.thinking-validation to warn or off.");
		}
	}

	/**
	 * Fail on a key with a control character inside it (whitespace around it is removed): in a header it
	 * would end the header and start another. Names where the key came from, never shows it.
	 */
	private static void checkApiKeyCharacters(GeminiProperties properties, Environment environment) {
		String key = apiKey(properties, environment);
		if (key == null) {
			return;
		}
		String source = StringUtils.hasText(properties.getApiKey()) ? "cometapi.gemini.api-key"
				: API_KEY_ENVIRONMENT_VARIABLE;
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isISOControl(c) || c > 0xFF) {
				throw new InvalidGeminiPropertyException(source, String.format(
						"The Gemini API key set in '%s' contains a character that cannot be sent in a header "
								+ "(U+%04X, at position %d of %d).",
						source, (int) c, i + 1, key.length()),
						"Set " + source + " to the key exactly as CometAPI's console shows it: one line, no line "
								+ "breaks, tabs or other control characters inside it (a trailing newline is fine).");
			}
		}
	}

	/**
	 * Warn when the key would travel unencrypted: a plain http:// base URL to a host other than loopback.
	 */
	private static void warnIfPlainHttp(String baseUrl) {
		URI uri = URI.create(baseUrl);
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		boolean loopback = host.equals("localhost") || host.endsWith(".localhost")
				|| host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || host.equals("[::1]");
		if ("http".equalsIgnoreCase(uri.getScheme()) && !loopback) {
			logger.warn("The Gemini base URL " + uri.getScheme() + "://" + uri.getHost()
					+ " is plain http: the API key and every prompt travel unencrypted. Use https "
					+ "(cometapi.gemini.base-url) unless the gateway is on this machine.");
		}
	}

	/**
	 * Checks structured output with the application's Bean Validation validator, when Jakarta
	 * Validation is present and the context has a validator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.validation.Validator")
	@ConditionalOnProperty(name = "cometapi.gemini.structured-output.validate", matchIfMissing = true)
	static class StructuredOutputValidationConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		GeminiTemplateBuilderCustomizer geminiStructuredOutputValidatorCustomizer(
				ObjectProvider<jakarta.validation.Validator> validator) {
			return (builder) -> validator.ifUnique((candidate) -> builder
				.structuredOutputValidator(new BeanValidationStructuredOutputValidator(candidate)));
		}

	}

	/**
	 * Shares the quota through Redis ({@code cometapi.gemini.quota.store=redis}), on the application's
	 * reactive Redis connection ({@code spring.data.redis.*}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.redis.connection.ReactiveRedisConnectionFactory")
	@ConditionalOnProperty(name = "cometapi.gemini.quota.store", havingValue = "redis")
	static class RedisQuotaStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		QuotaStore geminiQuotaStore(
				ObjectProvider<org.springframework.data.redis.connection.ReactiveRedisConnectionFactory> connectionFactory,
				GeminiProperties properties) {
			org.springframework.data.redis.connection.ReactiveRedisConnectionFactory factory = connectionFactory
				.getIfUnique();
			if (factory == null) {
				throw redisMissing("there is no reactive Redis connection (ReactiveRedisConnectionFactory bean)");
			}
			String prefix = properties.getQuota().getKeyPrefix();
			if (!StringUtils.hasText(prefix)) {
				throw new InvalidGeminiPropertyException("cometapi.gemini.quota.key-prefix",
						"'cometapi.gemini.quota.key-prefix' is empty.",
						"Set cometapi.gemini.quota.key-prefix to a prefix such as gemini-comet:quota (the default), "
								+ "or remove it.");
			}
			return new RedisQuotaStore(factory, prefix.strip());
		}

	}

	/**
	 * Masks the API key in the actuator's env and configprops endpoints, even when they are set to show
	 * values: by property name, and wherever the key's value shows up.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
	static class ApiKeySanitizingConfiguration {

		@Bean
		org.springframework.boot.actuate.endpoint.SanitizingFunction geminiApiKeySanitizingFunction(
				GeminiProperties properties, Environment environment) {
			String key = apiKey(properties, environment);
			String proxyPassword = properties.getProxy().getPassword();
			return org.springframework.boot.actuate.endpoint.SanitizingFunction.sanitizeValue()
				.ifKeyMatches(ApiKeySanitizingConfiguration::isApiKeyProperty)
				.ifKeyMatches(ApiKeySanitizingConfiguration::isProxyPasswordProperty)
				.ifValueMatches((value) -> key != null && value != null && value.toString().contains(key))
				.ifValueMatches((value) -> StringUtils.hasText(proxyPassword) && value != null
						&& value.toString().contains(proxyPassword));
		}

		/**
		 * Whether a property is the key in any relaxed form: {@code cometapi.gemini.api-key},
		 * {@code COMETAPI_GEMINI_APIKEY}, {@code apiKey} of the properties bean, or {@code COMETAPI_KEY}.
		 */
		/**
		 * Whether a property is the proxy password: {@code cometapi.gemini.proxy.password} in any relaxed
		 * form, or {@code password} of the proxy group of the properties bean.
		 */
		private static boolean isProxyPasswordProperty(String name) {
			String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
			return normalized.endsWith("cometapigeminiproxypassword") || normalized.endsWith("proxypassword");
		}

		private static boolean isApiKeyProperty(String name) {
			String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
			return normalized.endsWith("cometapigeminiapikey") || normalized.equals("cometapikey");
		}

	}

	private static @Nullable String apiKey(GeminiProperties properties, Environment environment) {
		String key = properties.getApiKey();
		if (StringUtils.hasText(key) && unresolvedPlaceholder(key) == null) {
			return key.strip();
		}
		String fromEnvironment = environment.getProperty(API_KEY_ENVIRONMENT_VARIABLE);
		return StringUtils.hasText(fromEnvironment) ? fromEnvironment.strip() : null;
	}

	/**
	 * The placeholder when the key is one that nothing resolved ({@code api-key: ${COMETAPI_KEY}} without
	 * the variable: Boot binds it as written), which no real key ever looks like.
	 */
	private static @Nullable String unresolvedPlaceholder(@Nullable String key) {
		if (key == null) {
			return null;
		}
		Matcher matcher = PLACEHOLDER.matcher(key);
		return matcher.find() ? matcher.group() : null;
	}

	private static String validBaseUrl(String baseUrl, String apiVersion) {
		String reason = null;
		if (!StringUtils.hasText(baseUrl)) {
			reason = "it is empty";
		}
		else {
			try {
				URI uri = new URI(baseUrl.strip());
				String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
				if (!"http".equals(scheme) && !"https".equals(scheme)) {
					reason = "it does not start with http:// or https://";
				}
				else if (!StringUtils.hasText(uri.getHost())) {
					reason = "it has no host";
				}
				else if (uri.getQuery() != null || uri.getFragment() != null) {
					reason = "it has a query or fragment";
				}
				else if (otherApiVersion(uri, apiVersion) != null) {
					String version = otherApiVersion(uri, apiVersion);
					reason = "it ends in the API version '" + version + "', so requests would go to /" + version + "/"
							+ apiVersion + "/models/..." + ("v1".equalsIgnoreCase(version)
									? " (CometAPI's /v1 is its OpenAI-compatible API, not Gemini's native one)" : "");
				}
			}
			catch (URISyntaxException ex) {
				reason = "it is not a valid URL (" + ex.getReason() + ")";
			}
		}
		if (reason != null) {
			throw new InvalidGeminiPropertyException("cometapi.gemini.base-url",
					"The Gemini base URL '" + baseUrl + "' set in 'cometapi.gemini.base-url' is invalid: " + reason
							+ ".",
					"Set cometapi.gemini.base-url to the gateway's root URL, such as https://api.cometapi.com "
							+ "(the default; a trailing /" + apiVersion + " is ignored), or remove it.");
		}
		return baseUrl.strip();
	}

	/**
	 * The last path segment when it is an API version other than the configured one (the template ignores
	 * a trailing segment equal to it).
	 */
	private static @Nullable String otherApiVersion(URI uri, String apiVersion) {
		String path = (uri.getPath() != null) ? uri.getPath().replaceAll("/+$", "") : "";
		String last = path.substring(path.lastIndexOf('/') + 1);
		return (API_VERSION.matcher(last).matches() && !last.equalsIgnoreCase(apiVersion)) ? last : null;
	}

	private static QuotaSettings quotaSettings(GeminiProperties.Quota quota) {
		check(quota.getRequestsPerMinute() >= 0, "requests-per-minute", quota.getRequestsPerMinute());
		check(quota.getTokensPerMinute() >= 0, "tokens-per-minute", quota.getTokensPerMinute());
		check(quota.getMaxConcurrentRequests() == null || quota.getMaxConcurrentRequests() >= 0,
				"max-concurrent-requests", quota.getMaxConcurrentRequests());
		Duration maxWait = quota.getMaxWait();
		check(maxWait == null || !maxWait.isNegative(), "max-wait", maxWait);
		return new QuotaSettings(quota.getRequestsPerMinute(), quota.getTokensPerMinute(),
				(maxWait != null) ? maxWait : QuotaSettings.DEFAULT_MAX_WAIT, quota.getOnStoreFailure(),
				quota.getTokenEstimate());
	}

	private static void check(boolean valid, String name, @Nullable Object value) {
		if (!valid) {
			throw new InvalidGeminiPropertyException("cometapi.gemini.quota." + name,
					"'cometapi.gemini.quota." + name + "' is " + value + ", but it must not be negative.",
					"Set cometapi.gemini.quota." + name + " to 0 or more (0 means no limit), or remove it.");
		}
	}

	private static @Nullable QuotaStore quotaStore(GeminiProperties.Quota quota, @Nullable QuotaStore store) {
		if (store == null && quota.getStore() == GeminiProperties.Quota.Store.REDIS) {
			throw redisMissing("Spring Data Redis is not on the class path");
		}
		return store;
	}

	private static InvalidGeminiPropertyException redisMissing(String reason) {
		return new InvalidGeminiPropertyException("cometapi.gemini.quota.store",
				"'cometapi.gemini.quota.store' is redis, but " + reason + ".",
				"Add spring-boot-starter-data-redis-reactive to the application and configure the connection with "
						+ "spring.data.redis.* (host, port, password...), or set cometapi.gemini.quota.store=memory.");
	}

	private static RetrySettings retrySettings(GeminiProperties.Retry retry) {
		if (!retry.isEnabled()) {
			return RetrySettings.NONE;
		}
		return new RetrySettings(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMaxBackoff(),
				retry.getJitter(), retry.getMaxServerDelay());
	}

	private static ToolCallingOptions toolCallingOptions(GeminiProperties.Tools tools) {
		if (tools.getMaxIterations() < 1) {
			throw new InvalidGeminiPropertyException("cometapi.gemini.tools.max-iterations",
					"'cometapi.gemini.tools.max-iterations' is " + tools.getMaxIterations()
							+ ", but the function-calling loop needs at least 1 iteration.",
					"Set cometapi.gemini.tools.max-iterations to 1 or more (default "
							+ ToolCallingOptions.DEFAULT_MAX_ITERATIONS + "), or remove it.");
		}
		return ToolCallingOptions.builder()
			.maxIterations(tools.getMaxIterations())
			.errorPolicy(tools.getErrorPolicy())
			.build();
	}

	private static @Nullable ProxySettings proxySettings(GeminiProperties.Proxy proxy) {
		if (!StringUtils.hasText(proxy.getHost())) {
			return null;
		}
		if (proxy.getPort() == null || proxy.getPort() < 1 || proxy.getPort() > 65535) {
			throw new InvalidGeminiPropertyException("cometapi.gemini.proxy.port",
					"'cometapi.gemini.proxy.host' is set but 'cometapi.gemini.proxy.port' is "
							+ ((proxy.getPort() != null) ? proxy.getPort() + ", not a port" : "not set") + ".",
					"Set cometapi.gemini.proxy.port to the proxy's port (1-65535; often 3128 or 8080 for an HTTP "
							+ "proxy, 1080 for SOCKS5).");
		}
		if (StringUtils.hasText(proxy.getPassword()) && !StringUtils.hasText(proxy.getUsername())) {
			throw new InvalidGeminiPropertyException("cometapi.gemini.proxy.username",
					"'cometapi.gemini.proxy.password' is set but 'cometapi.gemini.proxy.username' is not.",
					"Set cometapi.gemini.proxy.username to the proxy user, or remove the password.");
		}
		ProxySettings settings = new ProxySettings(proxy.getType(), proxy.getHost().strip(), proxy.getPort(), null,
				null, proxy.getNonProxyHosts());
		return StringUtils.hasText(proxy.getUsername()) ? settings.withCredentials(proxy.getUsername(),
				(proxy.getPassword() != null) ? proxy.getPassword() : "") : settings;
	}

	private static ConnectionPoolSettings poolSettings(GeminiProperties.Pool pool) {
		return new ConnectionPoolSettings(pool.getMaxConnections(), pool.getPendingAcquireMaxCount(),
				pool.getPendingAcquireTimeout(), pool.getMaxIdleTime(), pool.getMaxLifeTime());
	}

	private static @Nullable GenerationConfig generationConfig(GeminiProperties.Generation generation) {
		GeminiProperties.Thinking thinking = generation.getThinking();
		ThinkingConfig thinkingConfig = null;
		if (thinking.getBudget() != null || thinking.getLevel() != null || thinking.getIncludeThoughts() != null) {
			thinkingConfig = new ThinkingConfig(thinking.getIncludeThoughts(), thinking.getBudget(),
					thinking.getLevel());
		}
		if (generation.getTemperature() == null && generation.getTopP() == null && generation.getTopK() == null
				&& generation.getMaxOutputTokens() == null && thinkingConfig == null) {
			return null;
		}
		return GenerationConfig.builder()
			.temperature(generation.getTemperature())
			.topP(generation.getTopP())
			.topK(generation.getTopK())
			.maxOutputTokens(generation.getMaxOutputTokens())
			.thinkingConfig(thinkingConfig)
			.build();
	}

}
