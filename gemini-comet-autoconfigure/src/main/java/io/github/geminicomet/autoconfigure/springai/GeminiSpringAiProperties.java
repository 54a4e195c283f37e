package io.github.geminicomet.autoconfigure.springai;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.geminicomet.model.TaskType;
import io.github.geminicomet.model.ThinkingLevel;

/**
 * Configuration properties of gemini-comet as Spring AI's models ({@code cometapi.gemini.spring-ai.*}): the
 * default options of the {@code ChatModel} and of the {@code EmbeddingModel}. Unset values are not sent.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
@ConfigurationProperties("cometapi.gemini.spring-ai")
public class GeminiSpringAiProperties {

	private final Chat chat = new Chat();

	private final Embedding embedding = new Embedding();

	public Chat getChat() {
		return this.chat;
	}

	public Embedding getEmbedding() {
		return this.embedding;
	}

	/**
	 * Default options of the chat model.
	 */
	public static class Chat {

		/**
		 * Model of the chat model's calls. Defaults to the template's 'cometapi.gemini.model'.
		 */
		private @Nullable String model;

		/**
		 * Sampling temperature.
		 */
		private @Nullable Double temperature;

		/**
		 * Nucleus sampling probability.
		 */
		private @Nullable Double topP;

		/**
		 * Number of most likely tokens sampled from.
		 */
		private @Nullable Integer topK;

		/**
		 * Maximum number of tokens of an answer.
		 */
		private @Nullable Integer maxOutputTokens;

		/**
		 * Sequences that stop the generation.
		 */
		private List<String> stopSequences = new ArrayList<>();

		/**
		 * Number of candidates to generate.
		 */
		private @Nullable Integer candidateCount;

		/**
		 * Presence penalty.
		 */
		private @Nullable Double presencePenalty;

		/**
		 * Frequency penalty.
		 */
		private @Nullable Double frequencyPenalty;

		/**
		 * Thinking budget in tokens, for Gemini 2.5 models.
		 */
		private @Nullable Integer thinkingBudget;

		/**
		 * Thinking level, for Gemini 3 models.
		 */
		private @Nullable ThinkingLevel thinkingLevel;

		/**
		 * Whether answers include thought summaries (in the message metadata, never in its text).
		 */
		private @Nullable Boolean includeThoughts;

		/**
		 * MIME type of the answers, such as 'application/json'.
		 */
		private @Nullable String responseMimeType;

		/**
		 * Name of the cached content used as context, such as 'cachedContents/abc'.
		 */
		private @Nullable String cachedContent;

		/**
		 * Whether the model may ground its answers with Google Search.
		 */
		private boolean googleSearch;

		/**
		 * Whether the model may ground its answers with Google Maps.
		 */
		private boolean googleMaps;

		/**
		 * Whether the model may read the URLs of the prompt.
		 */
		private boolean urlContext;

		/**
		 * Whether the model may write and run code.
		 */
		private boolean codeExecution;

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Double getTopP() {
			return this.topP;
		}

		public void setTopP(@Nullable Double topP) {
			this.topP = topP;
		}

		public @Nullable Integer getTopK() {
			return this.topK;
		}

		public void setTopK(@Nullable Integer topK) {
			this.topK = topK;
		}

		public @Nullable Integer getMaxOutputTokens() {
			return this.maxOutputTokens;
		}

		public void setMaxOutputTokens(@Nullable Integer maxOutputTokens) {
			this.maxOutputTokens = maxOutputTokens;
		}

		public List<String> getStopSequences() {
			return this.stopSequences;
		}

		public void setStopSequences(List<String> stopSequences) {
			this.stopSequences = stopSequences;
		}

		public @Nullable Integer getCandidateCount() {
			return this.candidateCount;
		}

		public void setCandidateCount(@Nullable Integer candidateCount) {
			this.candidateCount = candidateCount;
		}

		public @Nullable Double getPresencePenalty() {
			return this.presencePenalty;
		}

		public void setPresencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
		}

		public @Nullable Double getFrequencyPenalty() {
			return this.frequencyPenalty;
		}

		public void setFrequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
		}

		public @Nullable Integer getThinkingBudget() {
			return this.thinkingBudget;
		}

		public void setThinkingBudget(@Nullable Integer thinkingBudget) {
			this.thinkingBudget = thinkingBudget;
		}

		public @Nullable ThinkingLevel getThinkingLevel() {
			return this.thinkingLevel;
		}

		public void setThinkingLevel(@Nullable ThinkingLevel thinkingLevel) {
			this.thinkingLevel = thinkingLevel;
		}

		public @Nullable Boolean getIncludeThoughts() {
			return this.includeThoughts;
		}

		public void setIncludeThoughts(@Nullable Boolean includeThoughts) {
			this.includeThoughts = includeThoughts;
		}

		public @Nullable String getResponseMimeType() {
			return this.responseMimeType;
		}

		public void setResponseMimeType(@Nullable String responseMimeType) {
			this.responseMimeType = responseMimeType;
		}

		public @Nullable String getCachedContent() {
			return this.cachedContent;
		}

		public void setCachedContent(@Nullable String cachedContent) {
			this.cachedContent = cachedContent;
		}

		public boolean isGoogleSearch() {
			return this.googleSearch;
		}

		public void setGoogleSearch(boolean googleSearch) {
			this.googleSearch = googleSearch;
		}

		public boolean isGoogleMaps() {
			return this.googleMaps;
		}

		public void setGoogleMaps(boolean googleMaps) {
			this.googleMaps = googleMaps;
		}

		public boolean isUrlContext() {
			return this.urlContext;
		}

		public void setUrlContext(boolean urlContext) {
			this.urlContext = urlContext;
		}

		public boolean isCodeExecution() {
			return this.codeExecution;
		}

		public void setCodeExecution(boolean codeExecution) {
			this.codeExecution = codeExecution;
		}

	}

	/**
	 * Default options of the embedding model.
	 */
	public static class Embedding {

		/**
		 * Model of the embedding model's calls.
		 */
		private String model = "gemini-embedding-001";

		/**
		 * Number of dimensions of the embeddings. Defaults to the model's.
		 */
		private @Nullable Integer dimensions;

		/**
		 * Task the embeddings are for, such as 'retrieval-document' or 'semantic-similarity'.
		 */
		private @Nullable TaskType taskType;

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public @Nullable Integer getDimensions() {
			return this.dimensions;
		}

		public void setDimensions(@Nullable Integer dimensions) {
			this.dimensions = dimensions;
		}

		public @Nullable TaskType getTaskType() {
			return this.taskType;
		}

		public void setTaskType(@Nullable TaskType taskType) {
			this.taskType = taskType;
		}

	}

}
