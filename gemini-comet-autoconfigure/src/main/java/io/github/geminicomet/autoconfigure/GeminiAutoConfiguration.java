package io.github.geminicomet.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

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
import io.github.geminicomet.RetrySettings;
import io.github.geminicomet.observation.GeminiObservationConvention;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.GeminiTemplateBuilderCustomizer;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.ThinkingConfig;
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
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(GeminiProperties.class)
public final class GeminiAutoConfiguration {

	/**
	 * Environment variable read when {@code cometapi.gemini.api-key} is not set.
	 */
	public static final String API_KEY_ENVIRONMENT_VARIABLE = "COMETAPI_KEY";

	private static final Log logger = LogFactory.getLog(GeminiAutoConfiguration.class);

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	GeminiTemplate.Builder geminiTemplateBuilder(GeminiProperties properties, Environment environment,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<GeminiObservationConvention> observationConvention,
			ObjectProvider<GeminiTemplateBuilderCustomizer> customizers) {
		String baseUrl = validBaseUrl(properties.getBaseUrl());
		GeminiTemplate.Builder builder = GeminiTemplate.builder()
			.baseUrl(baseUrl)
			.apiVersion(properties.getApiVersion())
			.apiKey(apiKey(properties, environment))
			.authScheme(properties.getAuthScheme())
			.defaultModel(properties.getModel())
			.defaultServiceTier(properties.getServiceTier())
			.defaultLabels(properties.getLabels())
			.connectTimeout(properties.getConnectTimeout())
			.readTimeout(properties.getReadTimeout())
			.maxInMemorySize((int) properties.getMaxInMemorySize().toBytes())
			.maxEventSize((int) properties.getMaxEventSize().toBytes())
			.defaultGenerationConfig(generationConfig(properties.getGeneration()))
			.firstByteTimeout(properties.getFirstByteTimeout())
			.callTimeout(properties.getCallTimeout())
			.retry(retrySettings(properties.getRetry()))
			.connectionPool(poolSettings(properties.getPool()))
			.wiretap(properties.isWiretap())
			.transport(properties.getTransport())
			.maxConcurrentRequests(properties.getMaxConcurrentRequests())
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
			throw new InvalidGeminiPropertyException("cometapi.gemini.api-key",
					"No Gemini API key is configured: 'cometapi.gemini.api-key' is not set (or is blank) and the "
							+ API_KEY_ENVIRONMENT_VARIABLE + " environment variable is not set.",
					"Set the " + API_KEY_ENVIRONMENT_VARIABLE + " environment variable, or add your CometAPI key "
							+ "to application.yml:\n\n    cometapi:\n      gemini:\n        api-key: <your key>\n");
		}
		GeminiTemplate template = geminiTemplateBuilder.build();
		warnIfPlainHttp(template.getBaseUrl());
		return template;
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
			return org.springframework.boot.actuate.endpoint.SanitizingFunction.sanitizeValue()
				.ifKeyMatches(ApiKeySanitizingConfiguration::isApiKeyProperty)
				.ifValueMatches((value) -> key != null && value != null && value.toString().contains(key));
		}

		/**
		 * Whether a property is the key in any relaxed form: {@code cometapi.gemini.api-key},
		 * {@code COMETAPI_GEMINI_APIKEY}, {@code apiKey} of the properties bean, or {@code COMETAPI_KEY}.
		 */
		private static boolean isApiKeyProperty(String name) {
			String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
			return normalized.endsWith("cometapigeminiapikey") || normalized.equals("cometapikey");
		}

	}

	private static @Nullable String apiKey(GeminiProperties properties, Environment environment) {
		String key = properties.getApiKey();
		if (StringUtils.hasText(key)) {
			return key.strip();
		}
		String fromEnvironment = environment.getProperty(API_KEY_ENVIRONMENT_VARIABLE);
		return StringUtils.hasText(fromEnvironment) ? fromEnvironment.strip() : null;
	}

	private static String validBaseUrl(String baseUrl) {
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
							+ "(the default), or remove it.");
		}
		return baseUrl.strip();
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
