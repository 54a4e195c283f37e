package io.github.geminicomet.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

import io.github.geminicomet.model.SafetySetting;
import io.github.geminicomet.model.Schema;
import io.github.geminicomet.model.ThinkingLevel;

/**
 * Chat options of {@link GeminiCometChatModel}: Spring AI's portable options (model, temperature, topP,
 * topK, max tokens, stop sequences, penalties, tool callbacks and context) and Gemini's own (candidate
 * count, thinking, response MIME type and schema, safety settings, cached content, built-in tools,
 * labels). Immutable; {@link #mutate()} and {@link #builder()} make a builder, and a builder
 * {@link Builder#combineWith(ChatOptions.Builder) combined} with another takes every value the other sets,
 * the way Spring AI merges a request's options over the model's defaults.
 *
 * <p>Thinking parameters are checked against the model family when the request is sent, as every
 * {@code GeminiTemplate} call is: {@code thinkingBudget} for Gemini 2.5, {@code thinkingLevel} for
 * Gemini 3.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public class GeminiCometChatOptions extends DefaultToolCallingChatOptions implements StructuredOutputChatOptions {

	private final @Nullable Integer candidateCount;

	private final @Nullable Integer seed;

	private final @Nullable Integer thinkingBudget;

	private final @Nullable ThinkingLevel thinkingLevel;

	private final @Nullable Boolean includeThoughts;

	private final @Nullable String responseMimeType;

	private final @Nullable Schema responseSchema;

	private final @Nullable String outputSchema;

	private final @Nullable List<SafetySetting> safetySettings;

	private final @Nullable String cachedContent;

	private final @Nullable Boolean googleSearch;

	private final @Nullable Boolean googleMaps;

	private final @Nullable Boolean urlContext;

	private final @Nullable Boolean codeExecution;

	private final @Nullable Map<String, String> labels;

	protected GeminiCometChatOptions(@Nullable List<ToolCallback> toolCallbacks, @Nullable Map<String, Object> toolContext,
			@Nullable String model, @Nullable Double frequencyPenalty, @Nullable Integer maxTokens,
			@Nullable Double presencePenalty, @Nullable List<String> stopSequences, @Nullable Double temperature,
			@Nullable Integer topK, @Nullable Double topP, Builder<?> builder) {
		super(toolCallbacks, toolContext, model, frequencyPenalty, maxTokens, presencePenalty, stopSequences,
				temperature, topK, topP);
		this.candidateCount = builder.candidateCount;
		this.seed = builder.seed;
		this.thinkingBudget = builder.thinkingBudget;
		this.thinkingLevel = builder.thinkingLevel;
		this.includeThoughts = builder.includeThoughts;
		this.responseMimeType = builder.responseMimeType;
		this.responseSchema = builder.responseSchema;
		this.outputSchema = builder.outputSchema;
		this.safetySettings = (builder.safetySettings != null) ? List.copyOf(builder.safetySettings) : null;
		this.cachedContent = builder.cachedContent;
		this.googleSearch = builder.googleSearch;
		this.googleMaps = builder.googleMaps;
		this.urlContext = builder.urlContext;
		this.codeExecution = builder.codeExecution;
		this.labels = (builder.labels != null) ? Map.copyOf(builder.labels) : null;
	}

	/**
	 * Create a builder of options, with nothing set.
	 * @return a new builder
	 */
	public static Builder<?> builder() {
		return new Builder<>();
	}

	/**
	 * Return the maximum number of output tokens ({@code maxOutputTokens}), the same as
	 * {@link #getMaxTokens()}.
	 * @return the maximum, or {@code null} for the model's default
	 */
	public @Nullable Integer getMaxOutputTokens() {
		return getMaxTokens();
	}

	/**
	 * Return the number of candidates to generate.
	 * @return the count, or {@code null} for one
	 */
	public @Nullable Integer getCandidateCount() {
		return this.candidateCount;
	}

	/**
	 * Return the sampling seed.
	 * @return the seed, or {@code null}
	 */
	public @Nullable Integer getSeed() {
		return this.seed;
	}

	/**
	 * Return the thinking budget in tokens (Gemini 2.5 models).
	 * @return the budget, or {@code null}
	 */
	public @Nullable Integer getThinkingBudget() {
		return this.thinkingBudget;
	}

	/**
	 * Return the thinking level (Gemini 3 models).
	 * @return the level, or {@code null}
	 */
	public @Nullable ThinkingLevel getThinkingLevel() {
		return this.thinkingLevel;
	}

	/**
	 * Return whether thought summaries are requested; they reach the assistant message's metadata under
	 * {@link GeminiCometChatModel#THOUGHTS}, never its text.
	 * @return whether to include thoughts, or {@code null}
	 */
	public @Nullable Boolean getIncludeThoughts() {
		return this.includeThoughts;
	}

	/**
	 * Return the response MIME type, such as {@code application/json}.
	 * @return the MIME type, or {@code null}
	 */
	public @Nullable String getResponseMimeType() {
		return this.responseMimeType;
	}

	/**
	 * Return the response schema sent as {@code responseSchema}; when {@code null}, the
	 * {@link #getOutputSchema() output schema} is converted instead.
	 * @return the schema, or {@code null}
	 */
	public @Nullable Schema getResponseSchema() {
		return this.responseSchema;
	}

	/**
	 * Return the JSON Schema of the expected answer that {@code ChatClient}'s native structured output sets;
	 * sent as Gemini's {@code responseSchema} with {@code responseMimeType} {@code application/json}.
	 * @return the JSON Schema, or {@code null}
	 */
	@Override
	public @Nullable String getOutputSchema() {
		return this.outputSchema;
	}

	/**
	 * Return the safety settings.
	 * @return the settings, or {@code null}
	 */
	public @Nullable List<SafetySetting> getSafetySettings() {
		return this.safetySettings;
	}

	/**
	 * Return the name of the cached content to use as context, such as {@code cachedContents/abc}.
	 * @return the name, or {@code null}
	 */
	public @Nullable String getCachedContent() {
		return this.cachedContent;
	}

	/**
	 * Return whether the model may ground its answer with Google Search.
	 * @return whether the tool is on, or {@code null}
	 */
	public @Nullable Boolean getGoogleSearch() {
		return this.googleSearch;
	}

	/**
	 * Return whether the model may ground its answer with Google Maps.
	 * @return whether the tool is on, or {@code null}
	 */
	public @Nullable Boolean getGoogleMaps() {
		return this.googleMaps;
	}

	/**
	 * Return whether the model may read the URLs of the prompt (URL context).
	 * @return whether the tool is on, or {@code null}
	 */
	public @Nullable Boolean getUrlContext() {
		return this.urlContext;
	}

	/**
	 * Return whether the model may write and run code (code execution).
	 * @return whether the tool is on, or {@code null}
	 */
	public @Nullable Boolean getCodeExecution() {
		return this.codeExecution;
	}

	/**
	 * Return the labels of the call. Gemini's v1beta {@code generateContent} has no labels field, so they
	 * are not sent: they reach the {@code ChatResponse} metadata under {@code labels}, for the
	 * application's own accounting.
	 * @return the labels, or {@code null}
	 */
	public @Nullable Map<String, String> getLabels() {
		return this.labels;
	}

	@Override
	public Builder<?> mutate() {
		Builder<?> builder = new Builder<>();
		builder.model(getModel())
			.frequencyPenalty(getFrequencyPenalty())
			.maxTokens(getMaxTokens())
			.presencePenalty(getPresencePenalty())
			.stopSequences(getStopSequences())
			.temperature(getTemperature())
			.topK(getTopK())
			.topP(getTopP())
			.toolCallbacks(getToolCallbacks())
			.toolContext(getToolContext());
		builder.candidateCount = this.candidateCount;
		builder.seed = this.seed;
		builder.thinkingBudget = this.thinkingBudget;
		builder.thinkingLevel = this.thinkingLevel;
		builder.includeThoughts = this.includeThoughts;
		builder.responseMimeType = this.responseMimeType;
		builder.responseSchema = this.responseSchema;
		builder.outputSchema = this.outputSchema;
		builder.safetySettings = (this.safetySettings != null) ? new ArrayList<>(this.safetySettings) : null;
		builder.cachedContent = this.cachedContent;
		builder.googleSearch = this.googleSearch;
		builder.googleMaps = this.googleMaps;
		builder.urlContext = this.urlContext;
		builder.codeExecution = this.codeExecution;
		builder.labels = this.labels;
		return builder;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof GeminiCometChatOptions that) || !super.equals(other)) {
			return false;
		}
		return Objects.equals(this.candidateCount, that.candidateCount) && Objects.equals(this.seed, that.seed)
				&& Objects.equals(this.thinkingBudget, that.thinkingBudget) && this.thinkingLevel == that.thinkingLevel
				&& Objects.equals(this.includeThoughts, that.includeThoughts)
				&& Objects.equals(this.responseMimeType, that.responseMimeType)
				&& Objects.equals(this.responseSchema, that.responseSchema)
				&& Objects.equals(this.outputSchema, that.outputSchema)
				&& Objects.equals(this.safetySettings, that.safetySettings)
				&& Objects.equals(this.cachedContent, that.cachedContent)
				&& Objects.equals(this.googleSearch, that.googleSearch)
				&& Objects.equals(this.googleMaps, that.googleMaps) && Objects.equals(this.urlContext, that.urlContext)
				&& Objects.equals(this.codeExecution, that.codeExecution) && Objects.equals(this.labels, that.labels);
	}

	@Override
	public int hashCode() {
		return Objects.hash(super.hashCode(), this.candidateCount, this.seed, this.thinkingBudget, this.thinkingLevel,
				this.includeThoughts, this.responseMimeType, this.responseSchema, this.outputSchema,
				this.safetySettings, this.cachedContent, this.googleSearch, this.googleMaps, this.urlContext,
				this.codeExecution, this.labels);
	}

	@Override
	public String toString() {
		return "GeminiCometChatOptions[model=" + getModel() + ", temperature=" + getTemperature() + ", maxTokens="
				+ getMaxTokens() + ", thinkingBudget=" + this.thinkingBudget + ", thinkingLevel=" + this.thinkingLevel
				+ ", tools=" + ((getToolCallbacks() != null) ? getToolCallbacks().size() : 0) + "]";
	}

	/**
	 * Builder of {@link GeminiCometChatOptions}. Values left unset stay {@code null} and are not sent;
	 * {@link #combineWith(ChatOptions.Builder)} takes every value the other builder sets.
	 *
	 * @param <B> the type of the builder
	 * @since 0.2.0
	 */
	public static class Builder<B extends Builder<B>> extends DefaultToolCallingChatOptions.Builder<B>
			implements StructuredOutputChatOptions.Builder<B> {

		private @Nullable Integer candidateCount;

		private @Nullable Integer seed;

		private @Nullable Integer thinkingBudget;

		private @Nullable ThinkingLevel thinkingLevel;

		private @Nullable Boolean includeThoughts;

		private @Nullable String responseMimeType;

		private @Nullable Schema responseSchema;

		private @Nullable String outputSchema;

		private @Nullable List<SafetySetting> safetySettings;

		private @Nullable String cachedContent;

		private @Nullable Boolean googleSearch;

		private @Nullable Boolean googleMaps;

		private @Nullable Boolean urlContext;

		private @Nullable Boolean codeExecution;

		private @Nullable Map<String, String> labels;

		protected Builder() {
		}

		/**
		 * Set the maximum number of output tokens, the same as {@link #maxTokens(Integer)}.
		 * @param maxOutputTokens the maximum
		 * @return this builder
		 */
		public B maxOutputTokens(@Nullable Integer maxOutputTokens) {
			return maxTokens(maxOutputTokens);
		}

		/**
		 * Set the number of candidates to generate.
		 * @param candidateCount the count
		 * @return this builder
		 */
		public B candidateCount(@Nullable Integer candidateCount) {
			this.candidateCount = candidateCount;
			return self();
		}

		/**
		 * Set the sampling seed.
		 * @param seed the seed
		 * @return this builder
		 */
		public B seed(@Nullable Integer seed) {
			this.seed = seed;
			return self();
		}

		/**
		 * Set the thinking budget in tokens (Gemini 2.5 models; {@code 0} turns thinking off, {@code -1} lets
		 * the model decide).
		 * @param thinkingBudget the budget
		 * @return this builder
		 */
		public B thinkingBudget(@Nullable Integer thinkingBudget) {
			this.thinkingBudget = thinkingBudget;
			return self();
		}

		/**
		 * Set the thinking level (Gemini 3 models).
		 * @param thinkingLevel the level
		 * @return this builder
		 */
		public B thinkingLevel(@Nullable ThinkingLevel thinkingLevel) {
			this.thinkingLevel = thinkingLevel;
			return self();
		}

		/**
		 * Set whether to ask for thought summaries (exposed in the message metadata, never in its text).
		 * @param includeThoughts whether to include thoughts
		 * @return this builder
		 */
		public B includeThoughts(@Nullable Boolean includeThoughts) {
			this.includeThoughts = includeThoughts;
			return self();
		}

		/**
		 * Set the response MIME type, such as {@code application/json} or {@code text/x.enum}.
		 * @param responseMimeType the MIME type
		 * @return this builder
		 */
		public B responseMimeType(@Nullable String responseMimeType) {
			this.responseMimeType = responseMimeType;
			return self();
		}

		/**
		 * Set the response schema, sent as {@code responseSchema} (with {@code application/json} unless a
		 * MIME type is set).
		 * @param responseSchema the schema
		 * @return this builder
		 */
		public B responseSchema(@Nullable Schema responseSchema) {
			this.responseSchema = responseSchema;
			return self();
		}

		/**
		 * Set the JSON Schema of the expected answer, converted to Gemini's {@code responseSchema}.
		 * {@code ChatClient} sets it for {@code entity(...)} when native structured output is enabled.
		 * @param outputSchema the JSON Schema
		 * @return this builder
		 */
		@Override
		public B outputSchema(@Nullable String outputSchema) {
			this.outputSchema = outputSchema;
			return self();
		}

		/**
		 * Set the safety settings.
		 * @param safetySettings the settings
		 * @return this builder
		 */
		public B safetySettings(@Nullable List<SafetySetting> safetySettings) {
			this.safetySettings = (safetySettings != null) ? new ArrayList<>(safetySettings) : null;
			return self();
		}

		/**
		 * Set the name of the cached content to use as context.
		 * @param cachedContent the name, such as {@code cachedContents/abc}
		 * @return this builder
		 */
		public B cachedContent(@Nullable String cachedContent) {
			this.cachedContent = cachedContent;
			return self();
		}

		/**
		 * Set whether the model may ground its answer with Google Search; the grounding metadata reaches
		 * the generation's metadata under {@link GeminiCometChatModel#GROUNDING_METADATA}.
		 * @param googleSearch whether to add the tool
		 * @return this builder
		 */
		public B googleSearch(@Nullable Boolean googleSearch) {
			this.googleSearch = googleSearch;
			return self();
		}

		/**
		 * Set whether the model may ground its answer with Google Maps.
		 * @param googleMaps whether to add the tool
		 * @return this builder
		 */
		public B googleMaps(@Nullable Boolean googleMaps) {
			this.googleMaps = googleMaps;
			return self();
		}

		/**
		 * Set whether the model may read the URLs of the prompt.
		 * @param urlContext whether to add the tool
		 * @return this builder
		 */
		public B urlContext(@Nullable Boolean urlContext) {
			this.urlContext = urlContext;
			return self();
		}

		/**
		 * Set whether the model may write and run code.
		 * @param codeExecution whether to add the tool
		 * @return this builder
		 */
		public B codeExecution(@Nullable Boolean codeExecution) {
			this.codeExecution = codeExecution;
			return self();
		}

		/**
		 * Set the labels of the call (reported in the response metadata, not sent).
		 * @param labels the labels
		 * @return this builder
		 */
		public B labels(@Nullable Map<String, String> labels) {
			this.labels = labels;
			return self();
		}

		@Override
		public B clone() {
			B copy = super.clone();
			Builder<?> that = copy;
			that.safetySettings = (this.safetySettings != null) ? new ArrayList<>(this.safetySettings) : null;
			return copy;
		}

		@Override
		public B combineWith(ChatOptions.Builder<?> other) {
			super.combineWith(other);
			if (other instanceof Builder<?> that) {
				this.candidateCount = (that.candidateCount != null) ? that.candidateCount : this.candidateCount;
				this.seed = (that.seed != null) ? that.seed : this.seed;
				this.thinkingBudget = (that.thinkingBudget != null) ? that.thinkingBudget : this.thinkingBudget;
				this.thinkingLevel = (that.thinkingLevel != null) ? that.thinkingLevel : this.thinkingLevel;
				this.includeThoughts = (that.includeThoughts != null) ? that.includeThoughts : this.includeThoughts;
				this.responseMimeType = (that.responseMimeType != null) ? that.responseMimeType
						: this.responseMimeType;
				this.responseSchema = (that.responseSchema != null) ? that.responseSchema : this.responseSchema;
				this.outputSchema = (that.outputSchema != null) ? that.outputSchema : this.outputSchema;
				this.safetySettings = (that.safetySettings != null) ? new ArrayList<>(that.safetySettings)
						: this.safetySettings;
				this.cachedContent = (that.cachedContent != null) ? that.cachedContent : this.cachedContent;
				this.googleSearch = (that.googleSearch != null) ? that.googleSearch : this.googleSearch;
				this.googleMaps = (that.googleMaps != null) ? that.googleMaps : this.googleMaps;
				this.urlContext = (that.urlContext != null) ? that.urlContext : this.urlContext;
				this.codeExecution = (that.codeExecution != null) ? that.codeExecution : this.codeExecution;
				this.labels = (that.labels != null) ? that.labels : this.labels;
			}
			return self();
		}

		@Override
		public GeminiCometChatOptions build() {
			return new GeminiCometChatOptions(this.toolCallbacks, this.toolContext, this.model, this.frequencyPenalty,
					this.maxTokens, this.presencePenalty, this.stopSequences, this.temperature, this.topK, this.topP,
					this);
		}

	}

	/**
	 * Return the options to send for a prompt with the given options, these being the model's defaults.
	 * Options of this type are taken as they are: {@code ChatClient} has already merged them over the
	 * defaults (as Spring AI 2's models expect). Options of another type (Spring AI's portable
	 * {@link ChatOptions} or {@link ToolCallingChatOptions}) contribute the values they define.
	 * @param runtime the options of the prompt, or {@code null}
	 * @return the options to send
	 */
	GeminiCometChatOptions merge(@Nullable ChatOptions runtime) {
		if (runtime == null) {
			return this;
		}
		if (runtime instanceof GeminiCometChatOptions options) {
			return options;
		}
		Builder<?> builder = mutate();
		builder.model((runtime.getModel() != null) ? runtime.getModel() : getModel())
			.frequencyPenalty((runtime.getFrequencyPenalty() != null) ? runtime.getFrequencyPenalty()
					: getFrequencyPenalty())
			.maxTokens((runtime.getMaxTokens() != null) ? runtime.getMaxTokens() : getMaxTokens())
			.presencePenalty((runtime.getPresencePenalty() != null) ? runtime.getPresencePenalty()
					: getPresencePenalty())
			.stopSequences((runtime.getStopSequences() != null) ? runtime.getStopSequences() : getStopSequences())
			.temperature((runtime.getTemperature() != null) ? runtime.getTemperature() : getTemperature())
			.topK((runtime.getTopK() != null) ? runtime.getTopK() : getTopK())
			.topP((runtime.getTopP() != null) ? runtime.getTopP() : getTopP());
		if (runtime instanceof ToolCallingChatOptions tools) {
			List<ToolCallback> callbacks = ToolCallingChatOptions.mergeToolCallbacks(tools.getToolCallbacks(),
					getToolCallbacks());
			builder.toolCallbacks(callbacks).toolContext(
					ToolCallingChatOptions.mergeToolContext(tools.getToolContext(), getToolContext()));
		}
		if (runtime instanceof StructuredOutputChatOptions structured && structured.getOutputSchema() != null) {
			builder.outputSchema(structured.getOutputSchema());
		}
		return builder.build();
	}

}
