package io.github.geminicomet;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.ThinkingConfig;
import io.github.geminicomet.model.ThinkingLevel;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the thinking validation of {@link GeminiTemplate}: the thinking parameter is checked against
 * the model generation before anything is sent.
 */
@ExtendWith(BlockHoundExtension.class)
class ThinkingValidationTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	@BeforeEach
	void stubAnswers() {
		TemplateFixtures.stubTextAnswers(wireMock);
	}

	@Test
	void thinkingLevelOnGemini25IsRejectedBeforeSendingAndNamesThinkingBudget() {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).build()) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> template.generateContent("gemini-2.5-flash", withThinking(ThinkingConfig.level(ThinkingLevel.HIGH))))
				.withMessageContaining("thinkingConfig.thinkingLevel (HIGH) is a Gemini 3 parameter")
				.withMessageContaining("'gemini-2.5-flash' is a Gemini 2.5 model")
				.withMessageContaining("set thinkingConfig.thinkingBudget instead")
				.withMessageContaining("cometapi.gemini.thinking-validation");
		}
		assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void thinkingBudgetOnGemini3IsRejectedBeforeSendingAndNamesThinkingLevel() {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).build()) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> template.streamGenerateContent("models/gemini-3-pro-preview",
						withThinking(ThinkingConfig.budget(2048))))
				.withMessageContaining("thinkingConfig.thinkingBudget (2048) is a Gemini 2.5 parameter")
				.withMessageContaining("'gemini-3-pro-preview' is a Gemini 3 model")
				.withMessageContaining("set thinkingConfig.thinkingLevel instead");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> template.generateContent("gemini-3.1-pro-preview",
						withThinking(ThinkingConfig.budget(0))))
				.withMessageContaining("is a Gemini 3.1 model");
		}
		assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void levelFromTheTemplateDefaultsIsRejectedWithTheProperty() {
		GenerationConfig defaults = GenerationConfig.builder()
			.thinkingConfig(ThinkingConfig.level(ThinkingLevel.LOW))
			.build();
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).defaultModel("gemini-3-flash-preview")
			.defaultGenerationConfig(defaults)
			.build()) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> template.generateContent("gemini-2.5-pro", GenerateContentRequest.of("Hi")))
				.withMessageContaining("cometapi.gemini.generation.thinking.level");
		}
	}

	@Test
	void perCallBudgetReplacesTheDefaultLevelAndIsSent() throws Exception {
		GenerationConfig defaults = GenerationConfig.builder()
			.thinkingConfig(ThinkingConfig.level(ThinkingLevel.LOW).withIncludeThoughts(true))
			.build();
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).defaultModel("gemini-3-flash-preview")
			.defaultGenerationConfig(defaults)
			.build()) {
			StepVerifier.create(template.generateContent("gemini-2.5-flash", withThinking(ThinkingConfig.budget(1024))))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
		}
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],
				 "generationConfig":{"thinkingConfig":{"includeThoughts":true,"thinkingBudget":1024}}}""",
				onlyRequest().getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void matchingParametersAreSentAsGiven() throws Exception {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).build()) {
			StepVerifier.create(template.generateContent("gemini-3-flash-preview",
					withThinking(ThinkingConfig.level(ThinkingLevel.MINIMAL).withIncludeThoughts(true))))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
		}
		JSONAssert.assertEquals("""
				{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],
				 "generationConfig":{"thinkingConfig":{"includeThoughts":true,"thinkingLevel":"MINIMAL"}}}""",
				onlyRequest().getBodyAsString(), JSONCompareMode.STRICT);
	}

	@Test
	void unknownModelFamiliesPassThrough() {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).build()) {
			for (String model : List.of("gemma-3-27b-it", "gemini-exp-1206", "gemini-flash-latest", "gemini-1.5-pro")) {
				StepVerifier.create(template.generateContent(model, withThinking(ThinkingConfig.level(ThinkingLevel.HIGH))))
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
			}
		}
		assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).hasSize(4);
	}

	@Test
	void warnPolicySendsTheRequestAsItIs() throws Exception {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).thinkingValidation(ThinkingValidation.WARN)
			.build()) {
			StepVerifier.create(template.generateContent("gemini-2.5-flash", withThinking(ThinkingConfig.level(ThinkingLevel.HIGH))))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
		}
		JSONAssert.assertEquals("""
				{"generationConfig":{"thinkingConfig":{"thinkingLevel":"HIGH"}}}""", onlyRequest().getBodyAsString(),
				JSONCompareMode.LENIENT);
	}

	@Test
	void warnPolicyWarnsOncePerModelAndParameter() {
		List<String> warnings = new ArrayList<>();
		RequestValidator validator = new RequestValidator(ThinkingValidation.WARN, Media.MAX_INLINE_DATA_SIZE, null,
				warnings::add);
		GenerateContentRequest level = withThinking(ThinkingConfig.level(ThinkingLevel.HIGH));
		GenerateContentRequest budget = withThinking(ThinkingConfig.budget(512));
		validator.validate("gemini-2.5-flash", level);
		validator.validate("gemini-2.5-flash", level);
		validator.validate("gemini-2.5-pro", level);
		validator.validate("gemini-3-pro-preview", budget);
		validator.validate("gemini-3-pro-preview", budget);
		validator.validate("gemini-3-pro-preview", level);
		assertThat(warnings).hasSize(3);
		assertThat(warnings.get(0)).contains("'gemini-2.5-flash'", "thinkingBudget", "logged once per model");
		assertThat(warnings.get(1)).contains("'gemini-2.5-pro'");
		assertThat(warnings.get(2)).contains("'gemini-3-pro-preview'", "thinkingLevel");
	}

	@Test
	void offPolicySendsWithoutChecking() {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).thinkingValidation(ThinkingValidation.OFF)
			.build()) {
			StepVerifier.create(template.streamGenerateContent("gemini-3-pro-preview", withThinking(ThinkingConfig.budget(-1))))
				.expectNextCount(3)
				.expectComplete()
				.verify(TIMEOUT);
		}
		assertThat(onlyRequest().getBodyAsString()).contains("\"thinkingBudget\":-1");
	}

	@Test
	void includeThoughtsAloneIsValidForEveryGeneration() {
		RequestValidator validator = new RequestValidator(ThinkingValidation.STRICT, Media.MAX_INLINE_DATA_SIZE,
				null, (warning) -> {
				});
		GenerateContentRequest request = withThinking(new ThinkingConfig(true, null, null));
		validator.validate("gemini-2.5-flash", request);
		validator.validate("gemini-3-pro-preview", request);
	}

	private static GenerateContentRequest withThinking(ThinkingConfig thinking) {
		return GenerateContentRequest.builder()
			.addContent(Content.user("Hi"))
			.generationConfig(GenerationConfig.builder().thinkingConfig(thinking).build())
			.build();
	}

	private static LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = wireMock.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
