package io.github.geminicomet.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.GeminiTemplateBuilderCustomizer;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link GeminiAutoConfiguration}.
 *
 * @author gemini-comet
 */
class GeminiAutoConfigurationTests {

	private static final String ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Rex"}]},"finishReason":"STOP","index":0}],
			 "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1,"totalTokenCount":4}}""";

	private static WireMockServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class));

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void resetServer() {
		server.resetAll();
		server.stubFor(post(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ANSWER)));
		server.stubFor(post(urlEqualTo("/v1beta/models/gemini-2.5-pro:generateContent"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ANSWER)));
	}

	private String baseUrl() {
		return "cometapi.gemini.base-url=http://127.0.0.1:" + server.port();
	}

	@Test
	void templateIsAutoConfiguredWithDefaults() {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=test-key").run((context) -> {
			assertThat(context).hasSingleBean(GeminiTemplate.class);
			assertThat(context).hasSingleBean(GeminiOperations.class);
			GeminiTemplate template = context.getBean(GeminiTemplate.class);
			assertThat(template.getDefaultModel()).isEqualTo("gemini-3.5-flash-lite");
			assertThat(template.toString()).contains("https://api.cometapi.com/v1beta/models/gemini-3.5-flash-lite")
				.doesNotContain("test-key");
			GeminiProperties properties = context.getBean(GeminiProperties.class);
			assertThat(properties.getBaseUrl()).isEqualTo("https://api.cometapi.com");
			assertThat(properties.getApiVersion()).isEqualTo("v1beta");
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofMinutes(2));
			assertThat(properties.toString()).doesNotContain("test-key");
		});
	}

	@Test
	void apiKeyIsSentInGoogApiKeyHeaderToTheConfiguredBaseUrl() {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=test-key", baseUrl()).run((context) -> {
			String text = context.getBean(GeminiTemplate.class).generateText("Name a dog").block(Duration.ofSeconds(10));
			assertThat(text).isEqualTo("Rex");
			server.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
				.withHeader("x-goog-api-key", equalTo("test-key"))
				.withHeader("Authorization", absent())
				.withRequestBody(equalToJson("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Name a dog\"}]}]}")));
		});
	}

	@Test
	void serviceTierAndLabelsPropertiesAreSentWithEveryRequest() {
		this.contextRunner
			.withPropertyValues("cometapi.gemini.api-key=test-key", baseUrl(), "cometapi.gemini.service-tier=flex",
					"cometapi.gemini.labels.team=search")
			.run((context) -> {
				context.getBean(GeminiTemplate.class).generateText("Name a dog").block(Duration.ofSeconds(10));
				server.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
					.withRequestBody(equalToJson("{\"serviceTier\":\"flex\",\"labels\":{\"team\":\"search\"}}", true,
							true)));
			});
	}

	@Test
	void apiKeyFallsBackToCometApiKeyEnvironmentVariable() {
		this.contextRunner.withSystemProperties("COMETAPI_KEY=from-environment")
			.withPropertyValues(baseUrl())
			.run((context) -> {
				context.getBean(GeminiTemplate.class).generateText("hi").block(Duration.ofSeconds(10));
				server.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
					.withHeader("x-goog-api-key", equalTo("from-environment")));
			});
	}

	@Test
	void apiKeyPropertyWinsOverEnvironmentVariable() {
		this.contextRunner.withSystemProperties("COMETAPI_KEY=from-environment")
			.withPropertyValues("cometapi.gemini.api-key=from-property", baseUrl())
			.run((context) -> {
				context.getBean(GeminiTemplate.class).generateText("hi").block(Duration.ofSeconds(10));
				server.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
					.withHeader("x-goog-api-key", equalTo("from-property")));
			});
	}

	@Test
	void propertiesAreMappedOntoTheWire() {
		this.contextRunner
			.withPropertyValues("cometapi.gemini.api-key=test-key", baseUrl(), "cometapi.gemini.auth-scheme=bearer",
					"cometapi.gemini.model=gemini-2.5-pro", "cometapi.gemini.default-headers.x-team=search",
					"cometapi.gemini.generation.temperature=0.2", "cometapi.gemini.generation.top-p=0.9",
					"cometapi.gemini.generation.top-k=20", "cometapi.gemini.generation.max-output-tokens=256",
					"cometapi.gemini.generation.thinking.budget=0",
					"cometapi.gemini.generation.thinking.include-thoughts=true")
			.run((context) -> {
				context.getBean(GeminiTemplate.class).generateText("hi").block(Duration.ofSeconds(10));
				server.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-2.5-pro:generateContent"))
					.withHeader("Authorization", equalTo("Bearer test-key"))
					.withHeader("x-goog-api-key", absent())
					.withHeader("x-team", equalTo("search"))
					.withRequestBody(equalToJson("""
							{"contents":[{"role":"user","parts":[{"text":"hi"}]}],
							 "generationConfig":{"temperature":0.2,"topP":0.9,"topK":20,"maxOutputTokens":256,
							   "thinkingConfig":{"includeThoughts":true,"thinkingBudget":0}}}""")));
			});
	}

	@Test
	void requestWithoutGenerationPropertiesCarriesNoGenerationConfig() {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=test-key", baseUrl()).run((context) -> {
			context.getBean(GeminiTemplate.class).generateText("hi").block(Duration.ofSeconds(10));
			String body = server.getAllServeEvents().get(0).getRequest().getBodyAsString();
			assertThat(body).doesNotContain("generationConfig");
		});
	}

	@Test
	void apiVersionPropertyChangesThePath() {
		server.stubFor(post(urlEqualTo("/v1alpha/models/gemini-3.5-flash-lite:generateContent"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ANSWER)));
		this.contextRunner
			.withPropertyValues("cometapi.gemini.api-key=test-key", baseUrl(), "cometapi.gemini.api-version=v1alpha")
			.run((context) -> {
				assertThat(context.getBean(GeminiTemplate.class).generateText("hi").block(Duration.ofSeconds(10)))
					.isEqualTo("Rex");
			});
	}

	@Test
	void missingApiKeyFailsStartupWithActionableMessage() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("cometapi.gemini.api-key").contains("COMETAPI_KEY");
			assertThat(analysis.getAction()).contains("COMETAPI_KEY")
				.contains("cometapi:\n      gemini:\n        api-key:");
		});
	}

	@Test
	void blankApiKeyFailsStartup() {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=  ").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analyze(context).getDescription()).contains("cometapi.gemini.api-key");
		});
	}

	@Test
	void malformedBaseUrlFailsStartupWithActionableMessage() {
		for (String url : List.of("api.cometapi.com", "ftp://api.cometapi.com", "https://", "http://host/?x=1",
				"https://bad host")) {
			this.contextRunner.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.base-url=" + url)
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = analyze(context);
					assertThat(analysis.getDescription()).contains("cometapi.gemini.base-url").contains(url);
					assertThat(analysis.getAction()).contains("https://api.cometapi.com");
				});
		}
	}

	@Test
	void failureMessagesNeverContainTheKey() {
		this.contextRunner
			.withPropertyValues("cometapi.gemini.api-key=secret-key-123", "cometapi.gemini.base-url=nonsense")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("secret-key-123");
			});
	}

	@Test
	void backsOffWhenApplicationDefinesGeminiOperations() {
		this.contextRunner.withUserConfiguration(CustomOperationsConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(GeminiOperations.class);
			assertThat(context).doesNotHaveBean(GeminiTemplate.class);
			assertThat(context.getBean(GeminiOperations.class))
				.isSameAs(context.getBean(CustomOperationsConfiguration.class).operations);
		});
	}

	@Test
	void backsOffWhenApplicationDefinesTemplate() {
		this.contextRunner.withUserConfiguration(CustomTemplateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(GeminiTemplate.class);
			assertThat(context.getBean(GeminiTemplate.class).getDefaultModel()).isEqualTo("custom-model");
		});
	}

	@Test
	void customizersAreAppliedInOrderAfterProperties() {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.model=from-property")
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> assertThat(context.getBean(GeminiTemplate.class).getDefaultModel())
				.isEqualTo("second"));
	}

	@Test
	void builderIsAPrototypeConfiguredFromProperties() {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=test-key", baseUrl())
			.run((context) -> {
				GeminiTemplate.Builder first = context.getBean(GeminiTemplate.Builder.class);
				GeminiTemplate.Builder second = context.getBean(GeminiTemplate.Builder.class);
				assertThat(first).isNotSameAs(second);
				try (GeminiTemplate pro = first.defaultModel("gemini-2.5-pro").build()) {
					assertThat(pro.generateText("hi").block(Duration.ofSeconds(10))).isEqualTo("Rex");
				}
				server.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-2.5-pro:generateContent"))
					.withHeader("x-goog-api-key", equalTo("test-key")));
				assertThat(context.getBean(GeminiTemplate.class).getDefaultModel()).isEqualTo("gemini-3.5-flash-lite");
			});
	}

	@Test
	void clonesBootWebClientBuilderWithoutChangingIt() {
		server.stubFor(get(urlEqualTo("/other")).willReturn(aResponse().withBody("ok")));
		this.contextRunner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
			.withPropertyValues("cometapi.gemini.api-key=test-key", baseUrl())
			.run((context) -> {
				assertThat(context).hasSingleBean(GeminiTemplate.class);
				context.getBean(GeminiTemplate.class).generateText("hi").block(Duration.ofSeconds(10));
				WebClient appClient = context.getBean(WebClient.Builder.class).build();
				appClient.get()
					.uri("http://127.0.0.1:" + server.port() + "/other")
					.retrieve()
					.bodyToMono(String.class)
					.block(Duration.ofSeconds(10));
				server.verify(getRequestedFor(urlEqualTo("/other")).withHeader("x-goog-api-key", absent()));
			});
	}

	@ParameterizedTest
	@CsvSource({ "(not set), 0", "reactor-netty, 0", "web-client, 1" })
	void transportPropertyDecidesWhetherBootWebClientFiltersSeeTheCalls(String transport, int filtered) {
		java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
		this.contextRunner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
			.withBean(org.springframework.boot.webclient.WebClientCustomizer.class,
					() -> (builder) -> builder.filter((request, next) -> {
						seen.incrementAndGet();
						return next.exchange(request);
					}))
			.withPropertyValues("cometapi.gemini.api-key=test-key", baseUrl())
			.withPropertyValues(transport.startsWith("(") ? new String[0]
					: new String[] { "cometapi.gemini.transport=" + transport })
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String text = context.getBean(GeminiTemplate.class).generateText("hi").block(Duration.ofSeconds(10));
				assertThat(text).isEqualTo("Rex");
				assertThat(seen).hasValue(filtered);
				server.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent"))
					.withHeader("x-goog-api-key", equalTo("test-key")));
			});
	}

	@Test
	void failureAnalyzerIsRegistered() throws Exception {
		List<String> registered = new java.util.ArrayList<>();
		var resources = getClass().getClassLoader().getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION);
		while (resources.hasMoreElements()) {
			try (InputStream in = resources.nextElement().openStream()) {
				java.util.Properties factories = new java.util.Properties();
				factories.load(in);
				String analyzers = factories.getProperty(FailureAnalyzer.class.getName(), "");
				registered.addAll(List.of(analyzers.split(",")));
			}
		}
		assertThat(registered).contains(InvalidGeminiPropertyFailureAnalyzer.class.getName());
	}

	@Test
	void configurationMetadataDescribesEveryProperty() throws Exception {
		JsonMapper mapper = JsonMapper.builder().build();
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).isNotNull();
			JsonNode root = mapper.readTree(metadata);
			Map<String, String> descriptions = new java.util.HashMap<>();
			for (JsonNode property : root.get("properties")) {
				descriptions.put(property.get("name").asString(),
						property.has("description") ? property.get("description").asString() : "");
			}
			assertThat(descriptions).containsKeys("cometapi.gemini.api-key", "cometapi.gemini.base-url",
					"cometapi.gemini.api-version", "cometapi.gemini.model", "cometapi.gemini.auth-scheme",
					"cometapi.gemini.connect-timeout", "cometapi.gemini.read-timeout",
					"cometapi.gemini.default-headers", "cometapi.gemini.generation.temperature",
					"cometapi.gemini.generation.top-p", "cometapi.gemini.generation.top-k",
					"cometapi.gemini.generation.max-output-tokens", "cometapi.gemini.generation.thinking.budget",
					"cometapi.gemini.generation.thinking.level",
					"cometapi.gemini.generation.thinking.include-thoughts");
			assertThat(descriptions.values()).allSatisfy((description) -> assertThat(description).isNotBlank());
			List<String> modelHints = new java.util.ArrayList<>();
			List<String> chatModelHints = new java.util.ArrayList<>();
			List<String> embeddingModelHints = new java.util.ArrayList<>();
			for (JsonNode hint : root.get("hints")) {
				List<String> target = switch (hint.get("name").asString()) {
					case "cometapi.gemini.model" -> modelHints;
					case "cometapi.gemini.spring-ai.chat.model" -> chatModelHints;
					case "cometapi.gemini.spring-ai.embedding.model" -> embeddingModelHints;
					default -> new java.util.ArrayList<>();
				};
				hint.get("values").forEach((value) -> target.add(value.get("value").asString()));
			}
			// Spring AI's chat model takes the text models of the core hints, its embedding model the default
			assertThat(chatModelHints).contains("gemini-3.5-flash-lite", "gemini-3.8-flash")
				.allSatisfy((model) -> assertThat(modelHints).contains(model))
				.noneMatch((model) -> model.contains("image"));
			assertThat(embeddingModelHints).containsExactly("gemini-embedding-001");
			// live models only: the 2.5 text models, gemini-3-pro-preview and the image previews are shut down
			assertThat(modelHints).contains("gemini-3.5-flash-lite", "gemini-3.8-flash", "gemini-3.1-pro-preview",
					"gemini-3.1-flash-image")
				.doesNotContain("gemini-2.5-flash", "gemini-2.5-pro", "gemini-3-pro-preview",
						"gemini-3.1-flash-image-preview", "gemini-3-pro-image-preview", "gemini-2.5-flash-image");
		}
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new InvalidGeminiPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomOperationsConfiguration {

		final GeminiOperations operations = mock(GeminiOperations.class);

		@Bean
		GeminiOperations customOperations() {
			return this.operations;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomTemplateConfiguration {

		@Bean
		GeminiTemplate customTemplate() {
			return GeminiTemplate.builder().apiKey("custom").defaultModel("custom-model").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		GeminiTemplateBuilderCustomizer second() {
			return (builder) -> builder.defaultModel("second");
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		GeminiTemplateBuilderCustomizer first() {
			return (builder) -> builder.defaultModel("first");
		}

	}

}
