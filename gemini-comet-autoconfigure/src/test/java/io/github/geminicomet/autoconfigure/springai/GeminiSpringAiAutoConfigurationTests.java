package io.github.geminicomet.autoconfigure.springai;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.autoconfigure.GeminiAutoConfiguration;
import io.github.geminicomet.model.TaskType;
import io.github.geminicomet.model.ThinkingLevel;
import io.github.geminicomet.springai.GeminiCometChatModel;
import io.github.geminicomet.springai.GeminiCometChatOptions;
import io.github.geminicomet.springai.GeminiCometEmbeddingModel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiSpringAiAutoConfiguration}.
 */
class GeminiSpringAiAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GeminiAutoConfiguration.class, GeminiSpringAiAutoConfiguration.class))
		.withPropertyValues("cometapi.gemini.api-key=test-key", "cometapi.gemini.base-url=http://127.0.0.1:9");

	@Test
	void chatAndEmbeddingModelsAreBackedByTheApplicationsGeminiOperations() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ChatModel.class).hasSingleBean(EmbeddingModel.class);
			assertThat(context.getBean(ChatModel.class)).isInstanceOf(GeminiCometChatModel.class);
			assertThat(context.getBean(EmbeddingModel.class)).isInstanceOf(GeminiCometEmbeddingModel.class);
			GeminiCometChatOptions options = context.getBean(GeminiCometChatModel.class).getOptions();
			assertThat(options.getModel()).isNull();
			assertThat(options.getTemperature()).isNull();
			assertThat(options.getGoogleSearch()).isNull();
		});
	}

	@Test
	void chatPropertiesBecomeTheDefaultOptions() {
		this.contextRunner
			.withPropertyValues("cometapi.gemini.spring-ai.chat.model=gemini-3-pro-preview",
					"cometapi.gemini.spring-ai.chat.temperature=0.3", "cometapi.gemini.spring-ai.chat.top-k=20",
					"cometapi.gemini.spring-ai.chat.max-output-tokens=256",
					"cometapi.gemini.spring-ai.chat.stop-sequences=END,STOP",
					"cometapi.gemini.spring-ai.chat.thinking-level=high",
					"cometapi.gemini.spring-ai.chat.include-thoughts=true",
					"cometapi.gemini.spring-ai.chat.google-search=true",
					"cometapi.gemini.spring-ai.chat.cached-content=cachedContents/abc")
			.run((context) -> {
				GeminiCometChatOptions options = context.getBean(GeminiCometChatModel.class).getOptions();
				assertThat(options.getModel()).isEqualTo("gemini-3-pro-preview");
				assertThat(options.getTemperature()).isEqualTo(0.3);
				assertThat(options.getTopK()).isEqualTo(20);
				assertThat(options.getMaxOutputTokens()).isEqualTo(256);
				assertThat(options.getStopSequences()).containsExactly("END", "STOP");
				assertThat(options.getThinkingLevel()).isEqualTo(ThinkingLevel.HIGH);
				assertThat(options.getIncludeThoughts()).isTrue();
				assertThat(options.getGoogleSearch()).isTrue();
				assertThat(options.getCodeExecution()).isNull();
				assertThat(options.getCachedContent()).isEqualTo("cachedContents/abc");
			});
	}

	@Test
	void embeddingPropertiesAreBound() {
		this.contextRunner
			.withPropertyValues("cometapi.gemini.spring-ai.embedding.task-type=retrieval-document",
					"cometapi.gemini.spring-ai.embedding.dimensions=768")
			.run((context) -> {
				GeminiCometEmbeddingModel model = context.getBean(GeminiCometEmbeddingModel.class);
				assertThat(model.dimensions()).isEqualTo(768);
				assertThat(context.getBean(GeminiSpringAiProperties.class).getEmbedding().getTaskType())
					.isEqualTo(TaskType.RETRIEVAL_DOCUMENT);
				assertThat(context.getBean(GeminiSpringAiProperties.class).getEmbedding().getModel())
					.isEqualTo("gemini-embedding-001");
			});
	}

	@Test
	void userDefinedModelsWin() {
		this.contextRunner.withUserConfiguration(UserModels.class).run((context) -> {
			assertThat(context).hasSingleBean(ChatModel.class).hasSingleBean(EmbeddingModel.class);
			assertThat(context).doesNotHaveBean(GeminiCometChatModel.class)
				.doesNotHaveBean(GeminiCometEmbeddingModel.class);
		});
	}

	@Test
	void backsOffWithoutSpringAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class)).run((context) -> {
			assertThat(context).hasSingleBean(GeminiOperations.class);
			assertThat(context).doesNotHaveBean(GeminiCometChatModel.class)
				.doesNotHaveBean(GeminiCometEmbeddingModel.class);
		});
	}

	@Test
	void backsOffWithoutGeminiOperations() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GeminiSpringAiAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModel.class)
				.doesNotHaveBean(EmbeddingModel.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserModels {

		@Bean
		ChatModel userChatModel() {
			return (Prompt prompt) -> new ChatResponse(java.util.List.of());
		}

		@Bean
		EmbeddingModel userEmbeddingModel() {
			return new EmbeddingModel() {

				@Override
				public EmbeddingResponse call(EmbeddingRequest request) {
					return new EmbeddingResponse(java.util.List.of());
				}

				@Override
				public float[] embed(org.springframework.ai.document.Document document) {
					return new float[0];
				}

			};
		}

	}

}
