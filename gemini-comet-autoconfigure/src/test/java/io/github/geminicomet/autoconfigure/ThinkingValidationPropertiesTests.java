package io.github.geminicomet.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.Media;
import io.github.geminicomet.ThinkingValidation;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.ThinkingConfig;
import io.github.geminicomet.model.ThinkingLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the {@code cometapi.gemini.thinking-validation} and {@code cometapi.gemini.max-inline-data-size}
 * properties of {@link GeminiAutoConfiguration}. Nothing is subscribed to, so nothing is sent: the checks
 * run when a call is made.
 */
class ThinkingValidationPropertiesTests {

	private static final GenerateContentRequest LEVEL_REQUEST = GenerateContentRequest.builder()
		.addContent(Content.user("Hi"))
		.generationConfig(GenerationConfig.builder().thinkingConfig(ThinkingConfig.level(ThinkingLevel.HIGH)).build())
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class))
		.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.base-url=http://127.0.0.1:9");

	@Test
	void thinkingValidationIsStrictByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(GeminiProperties.class).getThinkingValidation())
				.isEqualTo(ThinkingValidation.STRICT);
			assertThat(context.getBean(GeminiProperties.class).getMaxInlineDataSize().toBytes())
				.isEqualTo(Media.MAX_INLINE_DATA_SIZE);
			GeminiTemplate template = context.getBean(GeminiTemplate.class);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> template.generateContent("gemini-2.5-flash", LEVEL_REQUEST))
				.withMessageContaining("thinkingBudget");
		});
	}

	@Test
	void thinkingValidationBindsWarnAndOffInLowerCase() {
		for (String policy : new String[] { "warn", "off" }) {
			this.contextRunner.withPropertyValues("cometapi.gemini.thinking-validation=" + policy).run((context) -> {
				assertThat(context.getBean(GeminiProperties.class).getThinkingValidation().name())
					.isEqualToIgnoringCase(policy);
				GeminiTemplate template = context.getBean(GeminiTemplate.class);
				assertThatNoException().isThrownBy(() -> template.generateContent("gemini-2.5-flash", LEVEL_REQUEST));
			});
		}
	}

	@Test
	void maxInlineDataSizeIsApplied() {
		this.contextRunner.withPropertyValues("cometapi.gemini.max-inline-data-size=1KB").run((context) -> {
			GeminiTemplate template = context.getBean(GeminiTemplate.class);
			GenerateContentRequest request = GenerateContentRequest
				.of(Content.user(Media.inline(new byte[1024], "image/png")));
			assertThatIllegalArgumentException().isThrownBy(() -> template.generateContent("gemini-2.5-flash", request))
				.withMessageContaining("above the limit of 1024 bytes");
		});
	}

}
