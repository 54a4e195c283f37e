package io.github.geminicomet;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.geminicomet.StructuredOutputFixtures.Line;
import io.github.geminicomet.StructuredOutputFixtures.Score;
import io.github.geminicomet.autoconfigure.GeminiAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.geminicomet.StructuredOutputFixtures.GENERATE_URL;
import static io.github.geminicomet.StructuredOutputFixtures.TIMEOUT;
import static io.github.geminicomet.StructuredOutputFixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the structured-output part of {@link GeminiAutoConfiguration}: the
 * {@code cometapi.gemini.structured-output.*} properties and the application's validator.
 */
class StructuredOutputAutoConfigurationTests {

	@RegisterExtension
	static final WireMockExtension wireMock = StructuredOutputFixtures.wireMock();

	private static final String INVALID_LINE = "{\"product\": \"Tea\", \"quantity\": 0, \"price\": 1}";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class))
		.withPropertyValues("cometapi.gemini.api-key=" + StructuredOutputFixtures.API_KEY,
				"cometapi.gemini.base-url=" + StructuredOutputFixtures.baseUrl(wireMock),
				"cometapi.gemini.retry.max-attempts=1");

	@Test
	void maxRepairAttemptsPropertyEnablesRepairs() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).inScenario("repair")
			.whenScenarioStateIs(STARTED)
			.willReturn(okJson(answer("{\"points\": 7")))
			.willSetStateTo("repaired"));
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).inScenario("repair")
			.whenScenarioStateIs("repaired")
			.willReturn(okJson(answer("{\"points\": 7, \"grade\": \"B\"}"))));
		this.contextRunner.withPropertyValues("cometapi.gemini.structured-output.max-repair-attempts=1")
			.run((context) -> StepVerifier.create(context.getBean(GeminiOperations.class).generateObject("Grade", Score.class))
				.expectNext(new Score(7, "B"))
				.expectComplete()
				.verify(TIMEOUT));
		wireMock.verify(2, postRequestedFor(urlEqualTo(GENERATE_URL)));
	}

	@Test
	void repairsAreOffByDefault() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("{\"points\": 7"))));
		this.contextRunner
			.run((context) -> StepVerifier.create(context.getBean(GeminiOperations.class).generateObject("Grade", Score.class))
				.expectError(GeminiStructuredOutputException.class)
				.verify(TIMEOUT));
		wireMock.verify(1, postRequestedFor(urlEqualTo(GENERATE_URL)));
	}

	@Test
	void applicationValidatorChecksStructuredOutput() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer(INVALID_LINE))));
		this.contextRunner.withBean(Validator.class, StructuredOutputFixtures::validator)
			.run((context) -> StepVerifier.create(context.getBean(GeminiOperations.class).generateObject("Line", Line.class))
				.expectErrorSatisfies((ex) -> assertThat(((GeminiStructuredOutputException) ex).getErrors())
					.containsExactly("quantity: must be greater than or equal to 1"))
				.verify(TIMEOUT));
	}

	@Test
	void validationCanBeSwitchedOff() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer(INVALID_LINE))));
		this.contextRunner.withBean(Validator.class, StructuredOutputFixtures::validator)
			.withPropertyValues("cometapi.gemini.structured-output.validate=false")
			.run((context) -> StepVerifier.create(context.getBean(GeminiOperations.class).generateObject("Line", Line.class))
				.assertNext((line) -> assertThat(line.quantity()).isZero())
				.expectComplete()
				.verify(TIMEOUT));
	}

	@Test
	void withoutJakartaValidationTheTemplateStillReadsObjects() {
		wireMock.stubFor(post(urlEqualTo(GENERATE_URL)).willReturn(okJson(answer("{\"points\": 3, \"grade\": \"C\"}"))));
		this.contextRunner.withClassLoader(new FilteredClassLoader("jakarta.validation"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(GeminiTemplate.class)
					.doesNotHaveBean("geminiStructuredOutputValidatorCustomizer");
				StepVerifier.create(context.getBean(GeminiOperations.class).generateObject("Grade", Score.class))
					.expectNext(new Score(3, "C"))
					.expectComplete()
					.verify(TIMEOUT);
			});
	}

}
