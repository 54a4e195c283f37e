package io.github.geminicomet;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.ThinkingConfig;
import io.github.geminicomet.model.ThinkingLevel;
import io.github.geminicomet.tool.GeminiTool;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.baseUrl;
import static io.github.geminicomet.TemplateFixtures.fixture;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchIllegalArgumentException;

/**
 * Tests for what a new user of {@link GeminiTemplate} meets first: a base URL copied with its version,
 * defaults that cannot work with the default model, the {@code User-Agent}, the text overloads with a
 * model, and the error for a model that does not exist.
 */
@ExtendWith(BlockHoundExtension.class)
class FirstCallTests {

	@RegisterExtension
	static final WireMockExtension wireMock = TemplateFixtures.wireMock();

	@BeforeEach
	void stubAnswers() {
		TemplateFixtures.stubTextAnswers(wireMock);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1beta", "/v1beta/", "/v1beta//", "/", "" })
	void baseUrlEndingInTheApiVersionIsCalledOnce(String suffix) {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock) + suffix).build()) {
			StepVerifier.create(template.generateText("gemini-3.5-flash-lite", "Hi")).expectNextCount(1).verifyComplete();
		}
		assertThat(onlyRequest().getUrl()).isEqualTo("/v1beta/models/gemini-3.5-flash-lite:generateContent");
	}

	@Test
	void baseUrlUnderAPathKeepsThePathAndDropsTheVersion() {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock) + "/gemini/v1beta").build()) {
			StepVerifier.create(template.generateText("gemini-3.5-flash-lite", "Hi")).expectNextCount(1).verifyComplete();
		}
		assertThat(onlyRequest().getUrl()).isEqualTo("/gemini/v1beta/models/gemini-3.5-flash-lite:generateContent");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1", "/v1/", "/v1alpha", "/V2beta" })
	void baseUrlEndingInAnotherApiVersionIsRefused(String suffix) {
		assertThatIllegalStateException().isThrownBy(() -> templateBuilder(baseUrl(wireMock) + suffix).build())
			.withMessageContaining("ends in the API version")
			.withMessageContaining("https://api.cometapi.com")
			.withMessageContaining("apiVersion(");
	}

	@Test
	void defaultThinkingBudgetThatTheDefaultModelRejectsFailsTheBuildWithTheMessageOfACall() {
		GenerationConfig budget = GenerationConfig.builder().thinkingConfig(ThinkingConfig.budget(1024)).build();
		String expected;
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).defaultModel("gemini-2.5-flash-lite")
			.defaultGenerationConfig(budget)
			.build()) {
			expected = catchIllegalArgumentException(() -> template.generateText("gemini-3.5-flash-lite", "Hi"))
				.getMessage();
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> templateBuilder(baseUrl(wireMock)).defaultGenerationConfig(budget).build())
			.withMessage(expected)
			.withMessageContaining("'gemini-3.5-flash-lite' is a Gemini 3.5 model")
			.withMessageContaining("cometapi.gemini.generation.thinking.budget");
		assertThat(templateBuilder(baseUrl(wireMock)).defaultGenerationConfig(budget)
			.thinkingValidation(ThinkingValidation.WARN)
			.build()).isNotNull();
		assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(GeminiTemplate.Transport.class)
	void everyRequestNamesTheLibraryAndItsVersionInTheUserAgent(GeminiTemplate.Transport transport) {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).transport(transport).build()) {
			StepVerifier.create(template.generateText("Hi")).expectNextCount(1).expectComplete().verify(TIMEOUT);
			StepVerifier.create(template.streamText("Hi")).expectNextCount(3).expectComplete().verify(TIMEOUT);
		}
		List<LoggedRequest> requests = wireMock.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getHeader("User-Agent"))
				.matches("gemini-comet/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
		assertThat(GeminiUserAgent.VERSION).isNotEqualTo("dev");
	}

	@Test
	void aUserAgentDefaultHeaderReplacesTheLibraryOne() {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).defaultHeader("User-Agent", "my-app/1.0")
			.build()) {
			StepVerifier.create(template.generateText("Hi")).expectNextCount(1).expectComplete().verify(TIMEOUT);
		}
		assertThat(onlyRequest().getHeader("User-Agent")).isEqualTo("my-app/1.0");
	}

	@Test
	void textOverloadsCallTheGivenModel() {
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).build()) {
			StepVerifier.create(template.generateText("gemini-3-flash-preview", "Hi"))
				.assertNext((text) -> assertThat(text).isNotEmpty())
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(template.streamText("gemini-3-flash-preview", "Hi").collectList())
				.assertNext((deltas) -> assertThat(String.join("", deltas))
					.isEqualTo("Otters hold hands – café ☕ 🦦 while they sleep."))
				.expectComplete()
				.verify(TIMEOUT);
			GeminiOperations withTools = template.withTools(new Clock());
			StepVerifier.create(withTools.generateText("gemini-3-pro-preview", "Hi"))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
		}
		assertThat(wireMock.findAll(anyRequestedFor(urlPathEqualTo("/v1beta/models/gemini-3-flash-preview:generateContent"))))
			.hasSize(1);
		assertThat(wireMock.findAll(
				anyRequestedFor(urlPathEqualTo("/v1beta/models/gemini-3-flash-preview:streamGenerateContent"))))
			.hasSize(1);
		assertThat(wireMock.findAll(anyRequestedFor(urlPathEqualTo("/v1beta/models/gemini-3-pro-preview:generateContent"))))
			.hasSize(1);
	}

	@Test
	void includingThoughtsAsksForThoughtsOnly() {
		assertThat(JsonMapper.shared().writeValueAsString(ThinkingConfig.includingThoughts()))
			.isEqualTo("{\"includeThoughts\":true}");
	}

	@Test
	void unknownModelSaysInWordsThatItDoesNotExistAndHowToListModels() {
		wireMock.stubFor(any(urlPathMatching(".*gemini-2.5-flash-image:generateContent"))
			.willReturn(aResponse().withStatus(404)
				.withHeader("Content-Type", "application/json")
				.withBody(fixture("errors/404-not-found.json"))));
		try (GeminiTemplate template = templateBuilder(baseUrl(wireMock)).build()) {
			Throwable error = TemplateFixtures.errorOf(template.generateText("gemini-2.5-flash-image", "Draw"));
			assertThatExceptionOfType(GeminiResponseException.class).isThrownBy(() -> {
				throw error;
			})
				.withMessageContaining("The model 'gemini-2.5-flash-image' does not exist")
				.withMessageContaining("retired")
				.withMessageContaining("listModels()")
				.withMessageContaining("GET /v1beta/models");
		}
	}

	static class Clock {

		@GeminiTool(description = "The time")
		String now() {
			return "noon";
		}

	}

	private static LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = wireMock.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
