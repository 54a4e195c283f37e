package io.github.geminicomet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code generateContent} and {@code streamGenerateContent}. Only what the caller set is
 * sent. The model is named by the URL; {@code model} is only needed when the request is nested in a
 * {@link CountTokensRequest}.
 *
 * @param contents the conversation so far, oldest first; the last turn is the user's
 * @param systemInstruction the system instruction (text parts, no role)
 * @param tools the tools the model may use
 * @param toolConfig the configuration of the tools
 * @param safetySettings safety filter overrides, at most one per category
 * @param generationConfig generation options
 * @param cachedContent the name of cached content to use as context, such as
 * {@code cachedContents/abc123}
 * @param model the model resource name, such as {@code models/gemini-3.5-flash-lite}; leave unset for
 * {@code generateContent}
 * @param serviceTier the service tier to serve the request in (since 0.2.0)
 * @param labels labels billed with the request, such as {@code team=search} (since 0.2.0)
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenerateContentRequest(@Nullable List<Content> contents, @Nullable Content systemInstruction,
		@Nullable List<Tool> tools, @Nullable ToolConfig toolConfig, @Nullable List<SafetySetting> safetySettings,
		@Nullable GenerationConfig generationConfig, @Nullable String cachedContent, @Nullable String model,
		@Nullable ServiceTier serviceTier, @Nullable Map<String, String> labels) {

	public GenerateContentRequest {
		contents = ModelSupport.copy(contents);
		tools = ModelSupport.copy(tools);
		safetySettings = ModelSupport.copy(safetySettings);
		labels = (labels != null) ? Map.copyOf(labels) : null;
	}

	/**
	 * Create a request without service tier or labels (the 0.1 fields).
	 * @param contents the conversation so far
	 * @param systemInstruction the system instruction
	 * @param tools the tools
	 * @param toolConfig the configuration of the tools
	 * @param safetySettings the safety settings
	 * @param generationConfig generation options
	 * @param cachedContent the name of cached content
	 * @param model the model resource name
	 */
	public GenerateContentRequest(@Nullable List<Content> contents, @Nullable Content systemInstruction,
			@Nullable List<Tool> tools, @Nullable ToolConfig toolConfig, @Nullable List<SafetySetting> safetySettings,
			@Nullable GenerationConfig generationConfig, @Nullable String cachedContent, @Nullable String model) {
		this(contents, systemInstruction, tools, toolConfig, safetySettings, generationConfig, cachedContent, model,
				null, null);
	}

	/**
	 * Create a request with one user turn made of one text part.
	 * @param prompt the prompt
	 * @return the request
	 */
	public static GenerateContentRequest of(String prompt) {
		return of(Content.user(prompt));
	}

	/**
	 * Create a request with the given conversation.
	 * @param contents the conversation, oldest first
	 * @return the request
	 */
	public static GenerateContentRequest of(Content... contents) {
		return builder().contents(List.of(contents)).build();
	}

	/**
	 * Create a new builder with no field set.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder initialised with the fields of this request.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Mutable builder of {@link GenerateContentRequest}; not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable List<Content> contents;

		private @Nullable Content systemInstruction;

		private @Nullable List<Tool> tools;

		private @Nullable ToolConfig toolConfig;

		private @Nullable List<SafetySetting> safetySettings;

		private @Nullable GenerationConfig generationConfig;

		private @Nullable String cachedContent;

		private @Nullable String model;

		private @Nullable ServiceTier serviceTier;

		private @Nullable Map<String, String> labels;

		private Builder() {
		}

		private Builder(GenerateContentRequest request) {
			this.contents = request.contents;
			this.systemInstruction = request.systemInstruction;
			this.tools = request.tools;
			this.toolConfig = request.toolConfig;
			this.safetySettings = request.safetySettings;
			this.generationConfig = request.generationConfig;
			this.cachedContent = request.cachedContent;
			this.model = request.model;
			this.serviceTier = request.serviceTier;
			this.labels = request.labels;
		}

		/**
		 * Set the conversation, replacing any content added before.
		 * @param contents the conversation, oldest first
		 * @return this builder
		 */
		public Builder contents(@Nullable List<Content> contents) {
			this.contents = (contents != null) ? new ArrayList<>(contents) : null;
			return this;
		}

		/**
		 * Add a turn at the end of the conversation.
		 * @param content the turn
		 * @return this builder
		 */
		public Builder addContent(Content content) {
			this.contents = added(this.contents, content);
			return this;
		}

		/**
		 * Set the system instruction.
		 * @param systemInstruction the system instruction
		 * @return this builder
		 */
		public Builder systemInstruction(@Nullable Content systemInstruction) {
			this.systemInstruction = systemInstruction;
			return this;
		}

		/**
		 * Set the system instruction to one text part.
		 * @param systemInstruction the instruction
		 * @return this builder
		 */
		public Builder systemInstruction(String systemInstruction) {
			return systemInstruction(Content.system(systemInstruction));
		}

		/**
		 * Set the tools, replacing any tool added before.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(@Nullable List<Tool> tools) {
			this.tools = (tools != null) ? new ArrayList<>(tools) : null;
			return this;
		}

		/**
		 * Add a tool.
		 * @param tool the tool
		 * @return this builder
		 */
		public Builder addTool(Tool tool) {
			this.tools = added(this.tools, tool);
			return this;
		}

		/**
		 * Set the configuration of the tools.
		 * @param toolConfig the tool configuration
		 * @return this builder
		 */
		public Builder toolConfig(@Nullable ToolConfig toolConfig) {
			this.toolConfig = toolConfig;
			return this;
		}

		/**
		 * Set the safety settings, replacing any setting added before.
		 * @param safetySettings the safety settings
		 * @return this builder
		 */
		public Builder safetySettings(@Nullable List<SafetySetting> safetySettings) {
			this.safetySettings = (safetySettings != null) ? new ArrayList<>(safetySettings) : null;
			return this;
		}

		/**
		 * Add a safety setting.
		 * @param safetySetting the safety setting
		 * @return this builder
		 */
		public Builder addSafetySetting(SafetySetting safetySetting) {
			this.safetySettings = added(this.safetySettings, safetySetting);
			return this;
		}

		/**
		 * Set the generation options.
		 * @param generationConfig the generation options
		 * @return this builder
		 */
		public Builder generationConfig(@Nullable GenerationConfig generationConfig) {
			this.generationConfig = generationConfig;
			return this;
		}

		/**
		 * Set the cached content to use as context.
		 * @param cachedContent the name of the cached content, such as {@code cachedContents/abc123}
		 * @return this builder
		 */
		public Builder cachedContent(@Nullable String cachedContent) {
			this.cachedContent = cachedContent;
			return this;
		}

		/**
		 * Set the model resource name, only needed inside a {@link CountTokensRequest}.
		 * @param model the model resource name, such as {@code models/gemini-3.5-flash-lite}
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the service tier to serve the request in.
		 * @param serviceTier the tier, such as {@link ServiceTier#FLEX}
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder serviceTier(@Nullable ServiceTier serviceTier) {
			this.serviceTier = serviceTier;
			return this;
		}

		/**
		 * Set the labels billed with the request.
		 * @param labels the labels, such as {@code Map.of("team", "search")}
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder labels(@Nullable Map<String, String> labels) {
			this.labels = labels;
			return this;
		}

		/**
		 * Build the immutable request.
		 * @return the request
		 */
		public GenerateContentRequest build() {
			return new GenerateContentRequest(this.contents, this.systemInstruction, this.tools, this.toolConfig,
					this.safetySettings, this.generationConfig, this.cachedContent, this.model, this.serviceTier,
					this.labels);
		}

		private static <T> List<T> added(@Nullable List<T> list, T element) {
			List<T> updated = (list != null) ? new ArrayList<>(list) : new ArrayList<>();
			updated.add(element);
			return updated;
		}

	}

}
