package io.github.geminicomet.autoconfigure.springai;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;

import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.autoconfigure.GeminiAutoConfiguration;
import io.github.geminicomet.springai.GeminiCometChatModel;
import io.github.geminicomet.springai.GeminiCometChatOptions;
import io.github.geminicomet.springai.GeminiCometEmbeddingModel;
import io.github.geminicomet.springai.GeminiCometEmbeddingOptions;

/**
 * Auto-configuration of gemini-comet as Spring AI's models, when {@code gemini-comet-spring-ai} (and so
 * Spring AI) is on the classpath: a {@link GeminiCometChatModel} as the {@link ChatModel} and a
 * {@link GeminiCometEmbeddingModel} as the {@link EmbeddingModel}, both over the application's
 * {@link GeminiOperations}, with defaults from {@code cometapi.gemini.spring-ai.*}. Each backs off when
 * the application defines a bean of that type.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
@AutoConfiguration(after = GeminiAutoConfiguration.class)
@ConditionalOnClass({ ChatModel.class, GeminiCometChatModel.class })
@ConditionalOnBean(GeminiOperations.class)
@EnableConfigurationProperties(GeminiSpringAiProperties.class)
public final class GeminiSpringAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ChatModel.class)
	GeminiCometChatModel geminiCometChatModel(GeminiOperations gemini, GeminiSpringAiProperties properties) {
		return new GeminiCometChatModel(gemini, chatOptions(properties.getChat()));
	}

	@Bean
	@ConditionalOnMissingBean(EmbeddingModel.class)
	GeminiCometEmbeddingModel geminiCometEmbeddingModel(GeminiOperations gemini,
			GeminiSpringAiProperties properties) {
		GeminiSpringAiProperties.Embedding embedding = properties.getEmbedding();
		return new GeminiCometEmbeddingModel(gemini, GeminiCometEmbeddingOptions.builder()
			.model(embedding.getModel())
			.dimensions(embedding.getDimensions())
			.taskType(embedding.getTaskType())
			.build());
	}

	private static GeminiCometChatOptions chatOptions(GeminiSpringAiProperties.Chat chat) {
		GeminiCometChatOptions.Builder<?> options = GeminiCometChatOptions.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(chat::getModel).to(options::model);
		map.from(chat::getTemperature).to(options::temperature);
		map.from(chat::getTopP).to(options::topP);
		map.from(chat::getTopK).to(options::topK);
		map.from(chat::getMaxOutputTokens).to(options::maxOutputTokens);
		map.from(chat::getStopSequences).when((sequences) -> !sequences.isEmpty()).to(options::stopSequences);
		map.from(chat::getCandidateCount).to(options::candidateCount);
		map.from(chat::getPresencePenalty).to(options::presencePenalty);
		map.from(chat::getFrequencyPenalty).to(options::frequencyPenalty);
		map.from(chat::getThinkingBudget).to(options::thinkingBudget);
		map.from(chat::getThinkingLevel).to(options::thinkingLevel);
		map.from(chat::getIncludeThoughts).to(options::includeThoughts);
		map.from(chat::getResponseMimeType).to(options::responseMimeType);
		map.from(chat::getCachedContent).to(options::cachedContent);
		map.from(chat::isGoogleSearch).when(Boolean::booleanValue).to(options::googleSearch);
		map.from(chat::isGoogleMaps).when(Boolean::booleanValue).to(options::googleMaps);
		map.from(chat::isUrlContext).when(Boolean::booleanValue).to(options::urlContext);
		map.from(chat::isCodeExecution).when(Boolean::booleanValue).to(options::codeExecution);
		return options.build();
	}

}
