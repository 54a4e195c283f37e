package io.github.geminicomet.springai;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.embedding.EmbeddingOptions;

import io.github.geminicomet.model.TaskType;

/**
 * Embedding options of {@link GeminiCometEmbeddingModel}: the model, the output dimensionality and
 * Gemini's task type. Immutable; see {@link #builder()}.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public final class GeminiCometEmbeddingOptions implements EmbeddingOptions {

	/**
	 * The embedding model used when none is set.
	 */
	public static final String DEFAULT_MODEL = "gemini-embedding-001";

	private final @Nullable String model;

	private final @Nullable Integer dimensions;

	private final @Nullable TaskType taskType;

	private GeminiCometEmbeddingOptions(@Nullable String model, @Nullable Integer dimensions,
			@Nullable TaskType taskType) {
		this.model = model;
		this.dimensions = dimensions;
		this.taskType = taskType;
	}

	/**
	 * Create a builder of options, with nothing set.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	/**
	 * Return the output dimensionality ({@code outputDimensionality}).
	 * @return the number of dimensions, or {@code null} for the model's default
	 */
	@Override
	public @Nullable Integer getDimensions() {
		return this.dimensions;
	}

	/**
	 * Return the task the embeddings are for, such as {@link TaskType#RETRIEVAL_DOCUMENT}.
	 * @return the task type, or {@code null}
	 */
	public @Nullable TaskType getTaskType() {
		return this.taskType;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof GeminiCometEmbeddingOptions that) && Objects.equals(this.model, that.model)
				&& Objects.equals(this.dimensions, that.dimensions) && this.taskType == that.taskType;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.dimensions, this.taskType);
	}

	@Override
	public String toString() {
		return "GeminiCometEmbeddingOptions[model=" + this.model + ", dimensions=" + this.dimensions
				+ ", taskType=" + this.taskType + "]";
	}

	/**
	 * Builder of {@link GeminiCometEmbeddingOptions}.
	 *
	 * @since 0.2.0
	 */
	public static final class Builder implements EmbeddingOptions.Builder {

		private @Nullable String model;

		private @Nullable Integer dimensions;

		private @Nullable TaskType taskType;

		private Builder() {
		}

		@Override
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		@Override
		public Builder dimensions(@Nullable Integer dimensions) {
			this.dimensions = dimensions;
			return this;
		}

		/**
		 * Set the task the embeddings are for.
		 * @param taskType the task type
		 * @return this builder
		 */
		public Builder taskType(@Nullable TaskType taskType) {
			this.taskType = taskType;
			return this;
		}

		@Override
		public GeminiCometEmbeddingOptions build() {
			return new GeminiCometEmbeddingOptions(this.model, this.dimensions, this.taskType);
		}

	}

}
