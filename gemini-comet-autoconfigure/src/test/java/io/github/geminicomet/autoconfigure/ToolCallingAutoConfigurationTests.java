package io.github.geminicomet.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.tool.GeminiTool;
import io.github.geminicomet.ToolCallingOperations;
import io.github.geminicomet.tool.ToolCallingOptions;
import io.github.geminicomet.tool.ToolErrorPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code cometapi.gemini.tools.*} properties of {@link GeminiAutoConfiguration}, mapped
 * into the template's {@link ToolCallingOptions}.
 */
class ToolCallingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class))
		.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.base-url=http://127.0.0.1:9");

	@Test
	void defaultsAreTenIterationsReportedToTheModel() {
		this.contextRunner.run((context) -> {
			ToolCallingOperations operations = context.getBean(GeminiTemplate.class).withTools(new PingTools());
			assertThat(operations.getOptions().getMaxIterations()).isEqualTo(10);
			assertThat(operations.getOptions().getErrorPolicy()).isEqualTo(ToolErrorPolicy.REPORT_TO_MODEL);
			assertThat(operations.getOptions().getJsonMapper())
				.isSameAs(context.getBean(GeminiTemplate.class).getJsonMapper());
		});
	}

	@Test
	void propertiesAreMappedIntoTheToolCallingOptions() {
		this.contextRunner
			.withPropertyValues("cometapi.gemini.tools.max-iterations=3", "cometapi.gemini.tools.error-policy=fail")
			.run((context) -> {
				ToolCallingOperations operations = context.getBean(GeminiTemplate.class).withTools(new PingTools());
				assertThat(operations.getOptions().getMaxIterations()).isEqualTo(3);
				assertThat(operations.getOptions().getErrorPolicy()).isEqualTo(ToolErrorPolicy.FAIL);
			});
	}

	@Test
	void maxIterationsBelowOneFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("cometapi.gemini.tools.max-iterations=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidGeminiPropertyException.class)
				.hasMessageContaining("cometapi.gemini.tools.max-iterations");
		});
	}

	static class PingTools {

		@GeminiTool(description = "Ping")
		String ping() {
			return "pong";
		}

	}

}
