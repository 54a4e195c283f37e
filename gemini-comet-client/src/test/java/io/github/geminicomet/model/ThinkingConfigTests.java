package io.github.geminicomet.model;

import org.junit.jupiter.api.Test;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThinkingConfig}.
 */
class ThinkingConfigTests {

	@Test
	void levelWritesOnlyTheLevel() {
		assertThat(write(ThinkingConfig.level(ThinkingLevel.MINIMAL))).isEqualTo("{\"thinkingLevel\":\"MINIMAL\"}");
	}

	@Test
	void budgetWritesOnlyTheBudget() {
		assertThat(write(ThinkingConfig.budget(0))).isEqualTo("{\"thinkingBudget\":0}");
		assertThat(write(ThinkingConfig.budget(-1))).isEqualTo("{\"thinkingBudget\":-1}");
	}

	@Test
	void withIncludeThoughtsAddsTheFlag() {
		ThinkingConfig config = ThinkingConfig.budget(2048).withIncludeThoughts(true);
		assertThat(write(config)).isEqualTo("{\"includeThoughts\":true,\"thinkingBudget\":2048}");
	}

	@Test
	void lowerCaseLevelIsRead() {
		assertThat(mapper.readValue("{\"thinkingLevel\":\"high\"}", ThinkingConfig.class).thinkingLevel())
			.isEqualTo(ThinkingLevel.HIGH);
	}

	@Test
	void mergedOverDoesNotMixALevelWithADefaultBudget() {
		ThinkingConfig defaults = ThinkingConfig.budget(1024).withIncludeThoughts(false);
		ThinkingConfig merged = ThinkingConfig.level(ThinkingLevel.MEDIUM).mergedOver(defaults);
		assertThat(merged).isEqualTo(new ThinkingConfig(false, null, ThinkingLevel.MEDIUM));
	}

	@Test
	void mergedOverTakesTheAmountFromTheDefaultsWhenNoneIsSet() {
		ThinkingConfig merged = new ThinkingConfig(true, null, null).mergedOver(ThinkingConfig.budget(512));
		assertThat(merged).isEqualTo(new ThinkingConfig(true, 512, null));
	}

}
