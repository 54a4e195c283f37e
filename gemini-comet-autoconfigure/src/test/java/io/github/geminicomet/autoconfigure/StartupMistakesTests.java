package io.github.geminicomet.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import io.github.geminicomet.GeminiTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for the configuration mistakes {@link GeminiAutoConfiguration} catches at startup, as failure
 * analyses: an unresolved placeholder as the key (the README's own example without the variable), a
 * thinking parameter the default model does not take, a base URL that already holds an API version.
 */
class StartupMistakesTests {

	private static final String UNSET = "GEMINI_COMET_TEST_VARIABLE_THAT_IS_NEVER_SET";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class));

	@Test
	void unresolvedPlaceholderAsTheKeyIsAMissingKeyNamingThePlaceholder() {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=${" + UNSET + "}").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).startsWith("No Gemini API key is configured")
				.contains("'cometapi.gemini.api-key' is ${" + UNSET + "}, a placeholder that nothing resolves")
				.contains("COMETAPI_KEY environment variable is not set");
			assertThat(analysis.getAction()).contains("COMETAPI_KEY").contains("api-key: <your key>");
		});
	}

	@Test
	void unresolvedPlaceholderFallsBackToTheEnvironmentVariable() {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=${" + UNSET + "}")
			.withSystemProperties("COMETAPI_KEY=from-environment")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(GeminiTemplate.class));
	}

	@Test
	void readmeApplicationYamlWithoutTheVariableFailsWithTheMissingKeyAnalysis() throws Exception {
		assumeTrue(System.getenv("COMETAPI_KEY") == null, "COMETAPI_KEY is set here");
		String yaml = readmeYaml("## Use it in your app");
		assertThat(yaml).contains("api-key: ${COMETAPI_KEY}");
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("README application.yml",
				new ByteArrayResource(yaml.getBytes()));
		this.contextRunner.withInitializer((context) -> sources
			.forEach((source) -> context.getEnvironment().getPropertySources().addLast(source)))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(analyze(context).getDescription()).contains("${COMETAPI_KEY}")
					.contains("a placeholder that nothing resolves");
			});
		this.contextRunner.withInitializer((context) -> sources
			.forEach((source) -> context.getEnvironment().getPropertySources().addLast(source)))
			.withSystemProperties("COMETAPI_KEY=sk-placeholder")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(GeminiTemplate.class));
	}

	@Test
	void thinkingBudgetOnTheDefaultGemini3ModelFailsStartupWithTheMessageOfACall() {
		this.contextRunner
			.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.generation.thinking.budget=1024")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).startsWith("thinkingConfig.thinkingBudget (1024) is a Gemini 2.5 "
						+ "parameter, but 'gemini-3.5-flash-lite' is a Gemini 3.5 model: set thinkingConfig.thinkingLevel instead")
					.contains("it comes from the template's default generation config "
							+ "(cometapi.gemini.generation.thinking.budget)")
					.endsWith("To send it anyway, set cometapi.gemini.thinking-validation to 'warn' or 'off'.");
				assertThat(analysis.getAction()).contains("cometapi.gemini.generation.thinking.level")
					.contains("cometapi.gemini.model")
					.contains("cometapi.gemini.thinking-validation");
			});
	}

	@Test
	void thinkingLevelOnAGemini25DefaultModelFailsStartup() {
		this.contextRunner
			.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.model=gemini-2.5-flash-lite",
					"cometapi.gemini.generation.thinking.level=high")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.isEqualTo("thinkingConfig.thinkingLevel (HIGH) is a Gemini 3 parameter, but 'gemini-2.5-flash-lite' "
							+ "is a Gemini 2.5 model: set thinkingConfig.thinkingBudget instead (ThinkingConfig.budget(n): "
							+ "0 turns thinking off, -1 lets the model decide, a positive number caps the thought tokens); "
							+ "it comes from the template's default generation config "
							+ "(cometapi.gemini.generation.thinking.level). To send it anyway, set "
							+ "cometapi.gemini.thinking-validation to 'warn' or 'off'.");
				assertThat(analysis.getAction()).contains("cometapi.gemini.generation.thinking.budget");
			});
	}

	@Test
	void matchingOrUncheckedThinkingStarts() {
		this.contextRunner
			.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.generation.thinking.level=high")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.generation.thinking.budget=512",
					"cometapi.gemini.thinking-validation=warn")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.cometapi.com/v1beta", "https://api.cometapi.com/v1beta/" })
	void baseUrlEndingInTheApiVersionIsAccepted(String baseUrl) {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.base-url=" + baseUrl)
			.run((context) -> assertThat(context.getBean(GeminiTemplate.class).toString())
				.contains("https://api.cometapi.com/v1beta/models/gemini-3.5-flash-lite")
				.doesNotContain("v1beta/v1beta"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.cometapi.com/v1", "https://api.cometapi.com/v1alpha/" })
	void baseUrlEndingInAnotherApiVersionFailsStartup(String baseUrl) {
		this.contextRunner.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.base-url=" + baseUrl)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("cometapi.gemini.base-url")
					.contains("ends in the API version")
					.contains("/models/...");
				assertThat(analysis.getAction()).contains("https://api.cometapi.com");
			});
	}

	@Test
	void metadataHasTheDefaultsAndNoRetiredModel() throws Exception {
		JsonNode root;
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			root = JsonMapper.builder().build().readTree(metadata);
		}
		List<String> withDefaults = new ArrayList<>();
		root.get("properties").forEach((property) -> {
			if (property.has("defaultValue")) {
				withDefaults.add(property.get("name").asString() + "=" + property.get("defaultValue").asString());
			}
		});
		assertThat(withDefaults).contains("cometapi.gemini.observations.content-max-length=1000",
				"management.health.gemini.timeout=5s", "management.health.gemini.cache-time-to-live=30s",
				"cometapi.gemini.problemdetails.enabled=false");
		List<String> models = new ArrayList<>();
		root.get("hints").forEach((hint) -> {
			if (hint.get("name").asString().equals("cometapi.gemini.model")) {
				hint.get("values").forEach((value) -> models.add(value.get("value").asString()));
			}
		});
		assertThat(models).contains("gemini-3.1-flash-image", "gemini-3-pro-image")
			.doesNotContain("gemini-2.5-flash-image", "gemini-2.0-flash", "gemini-2.5-flash-image-preview",
					"gemini-3.1-flash-image-preview", "gemini-3-pro-image-preview");
	}

	/**
	 * The first {@code yaml} block of a README section.
	 */
	private static String readmeYaml(String section) throws Exception {
		String readme = Files.readString(Path.of("..", "README.md"));
		String rest = readme.substring(readme.indexOf(section));
		Matcher matcher = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(rest);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		FailureAnalysis analysis = new InvalidGeminiPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

}
