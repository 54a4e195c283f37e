package io.github.geminicomet.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Content cached for reuse as the context of several requests ({@code cachedContents}). Created with
 * the model, contents, system instruction, tools and an expiration; the API adds the name, timestamps
 * and usage.
 *
 * @param name the resource name, such as {@code cachedContents/abc123} (output only)
 * @param model the model resource name, such as {@code models/gemini-3.5-flash-lite}
 * @param displayName a human-readable name
 * @param contents the cached contents
 * @param systemInstruction the cached system instruction
 * @param tools the cached tools
 * @param toolConfig the cached tool configuration
 * @param ttl the time to live, as a protobuf duration such as {@code "3600s"} (input only)
 * @param expireTime when the cache expires, as an RFC 3339 timestamp
 * @param createTime when the cache was created (output only)
 * @param updateTime when the cache was last updated (output only)
 * @param usageMetadata the size of the cache (output only)
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CachedContent(@Nullable String name, @Nullable String model, @Nullable String displayName,
		@Nullable List<Content> contents, @Nullable Content systemInstruction, @Nullable List<Tool> tools,
		@Nullable ToolConfig toolConfig, @Nullable String ttl, @Nullable String expireTime,
		@Nullable String createTime, @Nullable String updateTime, @Nullable UsageMetadata usageMetadata) {

	public CachedContent {
		contents = ModelSupport.copy(contents);
		tools = ModelSupport.copy(tools);
	}

	/**
	 * Create a new builder with no field set.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The size of cached content.
	 *
	 * @param totalTokenCount the number of tokens the cached content consumes
	 * @since 0.1.0
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record UsageMetadata(@Nullable Integer totalTokenCount) {

	}

	/**
	 * Mutable builder of the {@link CachedContent} to create or update; not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable String name;

		private @Nullable String model;

		private @Nullable String displayName;

		private @Nullable List<Content> contents;

		private @Nullable Content systemInstruction;

		private @Nullable List<Tool> tools;

		private @Nullable ToolConfig toolConfig;

		private @Nullable String ttl;

		private @Nullable String expireTime;

		private Builder() {
		}

		/**
		 * Set the resource name, to update existing cached content.
		 * @param name the resource name, such as {@code cachedContents/abc123}
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Set the model.
		 * @param model the model name (a {@code models/} prefix is added when missing)
		 * @return this builder
		 */
		public Builder model(String model) {
			this.model = ModelSupport.resourceName(model);
			return this;
		}

		/**
		 * Set the human-readable name.
		 * @param displayName the display name
		 * @return this builder
		 */
		public Builder displayName(@Nullable String displayName) {
			this.displayName = displayName;
			return this;
		}

		/**
		 * Set the contents, replacing any content added before.
		 * @param contents the contents
		 * @return this builder
		 */
		public Builder contents(@Nullable List<Content> contents) {
			this.contents = (contents != null) ? new ArrayList<>(contents) : null;
			return this;
		}

		/**
		 * Add a content.
		 * @param content the content
		 * @return this builder
		 */
		public Builder addContent(Content content) {
			List<Content> updated = (this.contents != null) ? new ArrayList<>(this.contents) : new ArrayList<>();
			updated.add(content);
			this.contents = updated;
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
		 * Set the tools.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(@Nullable List<Tool> tools) {
			this.tools = tools;
			return this;
		}

		/**
		 * Set the tool configuration.
		 * @param toolConfig the tool configuration
		 * @return this builder
		 */
		public Builder toolConfig(@Nullable ToolConfig toolConfig) {
			this.toolConfig = toolConfig;
			return this;
		}

		/**
		 * Set the time to live, clearing any expire time.
		 * @param ttl the time to live
		 * @return this builder
		 */
		public Builder ttl(Duration ttl) {
			this.ttl = ModelSupport.protobufDuration(ttl);
			this.expireTime = null;
			return this;
		}

		/**
		 * Set the expire time, clearing any time to live.
		 * @param expireTime when the cache expires
		 * @return this builder
		 */
		public Builder expireTime(Instant expireTime) {
			this.expireTime = expireTime.toString();
			this.ttl = null;
			return this;
		}

		/**
		 * Build the immutable cached content.
		 * @return the cached content
		 */
		public CachedContent build() {
			return new CachedContent(this.name, this.model, this.displayName, this.contents, this.systemInstruction,
					this.tools, this.toolConfig, this.ttl, this.expireTime, null, null, null);
		}

	}

}
