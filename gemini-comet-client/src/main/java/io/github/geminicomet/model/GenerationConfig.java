package io.github.geminicomet.model;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Options for generation: sampling, output length, output format and schema, modalities, thinking,
 * speech and images. Every field is optional; unset fields are not sent.
 *
 * @param candidateCount the number of candidates to generate
 * @param stopSequences character sequences (up to 5) that stop generation
 * @param maxOutputTokens the maximum number of tokens in a candidate
 * @param temperature the randomness of the output
 * @param topP the maximum cumulative probability of tokens considered when sampling
 * @param topK the maximum number of tokens considered when sampling
 * @param seed the seed used in decoding
 * @param responseMimeType the media type of the answer, such as {@code application/json}
 * @param responseSchema the schema of the answer (an OpenAPI subset), with a JSON media type
 * @param responseJsonSchema the schema of the answer as JSON Schema, instead of {@code responseSchema}
 * @param presencePenalty penalty on tokens already seen in the answer
 * @param frequencyPenalty penalty growing with the number of times a token was used
 * @param responseLogprobs whether log probabilities of the chosen tokens are returned
 * @param logprobs the number of top log probabilities returned per step
 * @param enableEnhancedCivicAnswers whether enhanced civic answers are enabled
 * @param responseModalities the modalities of the answer, such as {@code TEXT} and {@code IMAGE}
 * @param speechConfig speech generation options
 * @param thinkingConfig thinking options
 * @param imageConfig image generation options
 * @param mediaResolution the resolution at which input media is tokenised
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenerationConfig(@Nullable Integer candidateCount, @Nullable List<String> stopSequences,
		@Nullable Integer maxOutputTokens, @Nullable Double temperature, @Nullable Double topP,
		@Nullable Integer topK, @Nullable Integer seed, @Nullable String responseMimeType,
		@Nullable Schema responseSchema, @Nullable Object responseJsonSchema, @Nullable Double presencePenalty,
		@Nullable Double frequencyPenalty, @Nullable Boolean responseLogprobs, @Nullable Integer logprobs,
		@Nullable Boolean enableEnhancedCivicAnswers, @Nullable List<Modality> responseModalities,
		@Nullable SpeechConfig speechConfig, @Nullable ThinkingConfig thinkingConfig,
		@Nullable ImageConfig imageConfig, @Nullable MediaResolution mediaResolution) {

	public GenerationConfig {
		stopSequences = ModelSupport.copy(stopSequences);
		responseModalities = ModelSupport.copy(responseModalities);
	}

	/**
	 * Create a new builder with no field set.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder initialised with the fields of this configuration.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Return this configuration with every unset field taken from {@code defaults}, such as per-call
	 * options over a template's defaults. {@code thinkingConfig} is merged field by field (see
	 * {@link ThinkingConfig#mergedOver(ThinkingConfig)}); {@code responseSchema} and
	 * {@code responseJsonSchema} are one choice: when this configuration sets either, neither is taken
	 * from the defaults. Lists are replaced, not concatenated.
	 * @param defaults the defaults, may be {@code null}
	 * @return the merged configuration (this one when there are no defaults)
	 */
	public GenerationConfig mergedOver(@Nullable GenerationConfig defaults) {
		if (defaults == null) {
			return this;
		}
		boolean schemaSet = this.responseSchema != null || this.responseJsonSchema != null;
		ThinkingConfig thinking = (this.thinkingConfig != null)
				? this.thinkingConfig.mergedOver(defaults.thinkingConfig) : defaults.thinkingConfig;
		return new GenerationConfig(ModelSupport.firstNonNull(this.candidateCount, defaults.candidateCount),
				ModelSupport.firstNonNull(this.stopSequences, defaults.stopSequences),
				ModelSupport.firstNonNull(this.maxOutputTokens, defaults.maxOutputTokens),
				ModelSupport.firstNonNull(this.temperature, defaults.temperature),
				ModelSupport.firstNonNull(this.topP, defaults.topP),
				ModelSupport.firstNonNull(this.topK, defaults.topK),
				ModelSupport.firstNonNull(this.seed, defaults.seed),
				ModelSupport.firstNonNull(this.responseMimeType, defaults.responseMimeType),
				schemaSet ? this.responseSchema : defaults.responseSchema,
				schemaSet ? this.responseJsonSchema : defaults.responseJsonSchema,
				ModelSupport.firstNonNull(this.presencePenalty, defaults.presencePenalty),
				ModelSupport.firstNonNull(this.frequencyPenalty, defaults.frequencyPenalty),
				ModelSupport.firstNonNull(this.responseLogprobs, defaults.responseLogprobs),
				ModelSupport.firstNonNull(this.logprobs, defaults.logprobs),
				ModelSupport.firstNonNull(this.enableEnhancedCivicAnswers, defaults.enableEnhancedCivicAnswers),
				ModelSupport.firstNonNull(this.responseModalities, defaults.responseModalities),
				ModelSupport.firstNonNull(this.speechConfig, defaults.speechConfig), thinking,
				ModelSupport.firstNonNull(this.imageConfig, defaults.imageConfig),
				ModelSupport.firstNonNull(this.mediaResolution, defaults.mediaResolution));
	}

	/**
	 * Resolution at which input media is tokenised.
	 * Values this library does not know are read as {@link #UNKNOWN}.
	 *
	 * @since 0.1.0
	 */
	public enum MediaResolution {

		/**
		 * Unspecified: the model's default.
		 */
		MEDIA_RESOLUTION_UNSPECIFIED,

		/**
		 * Low resolution (64 tokens per image).
		 */
		MEDIA_RESOLUTION_LOW,

		/**
		 * Medium resolution (256 tokens per image).
		 */
		MEDIA_RESOLUTION_MEDIUM,

		/**
		 * High resolution (zoomed reframing with 256 tokens).
		 */
		MEDIA_RESOLUTION_HIGH,

		/**
		 * A value this version of the library does not know; never send it.
		 */
		UNKNOWN;

		/**
		 * Return the constant for a wire value.
		 * @param value the value as sent on the wire (case-insensitive)
		 * @return the matching constant, or {@link #UNKNOWN} for a value this library does not know
		 */
		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		public static MediaResolution of(@Nullable String value) {
			return ModelSupport.parseEnum(MediaResolution.class, value, UNKNOWN);
		}

	}

	/**
	 * Mutable builder of {@link GenerationConfig}; not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable Integer candidateCount;

		private @Nullable List<String> stopSequences;

		private @Nullable Integer maxOutputTokens;

		private @Nullable Double temperature;

		private @Nullable Double topP;

		private @Nullable Integer topK;

		private @Nullable Integer seed;

		private @Nullable String responseMimeType;

		private @Nullable Schema responseSchema;

		private @Nullable Object responseJsonSchema;

		private @Nullable Double presencePenalty;

		private @Nullable Double frequencyPenalty;

		private @Nullable Boolean responseLogprobs;

		private @Nullable Integer logprobs;

		private @Nullable Boolean enableEnhancedCivicAnswers;

		private @Nullable List<Modality> responseModalities;

		private @Nullable SpeechConfig speechConfig;

		private @Nullable ThinkingConfig thinkingConfig;

		private @Nullable ImageConfig imageConfig;

		private @Nullable MediaResolution mediaResolution;

		private Builder() {
		}

		private Builder(GenerationConfig config) {
			this.candidateCount = config.candidateCount;
			this.stopSequences = config.stopSequences;
			this.maxOutputTokens = config.maxOutputTokens;
			this.temperature = config.temperature;
			this.topP = config.topP;
			this.topK = config.topK;
			this.seed = config.seed;
			this.responseMimeType = config.responseMimeType;
			this.responseSchema = config.responseSchema;
			this.responseJsonSchema = config.responseJsonSchema;
			this.presencePenalty = config.presencePenalty;
			this.frequencyPenalty = config.frequencyPenalty;
			this.responseLogprobs = config.responseLogprobs;
			this.logprobs = config.logprobs;
			this.enableEnhancedCivicAnswers = config.enableEnhancedCivicAnswers;
			this.responseModalities = config.responseModalities;
			this.speechConfig = config.speechConfig;
			this.thinkingConfig = config.thinkingConfig;
			this.imageConfig = config.imageConfig;
			this.mediaResolution = config.mediaResolution;
		}

		/**
		 * Set the number of candidates to generate.
		 * @param candidateCount the number of candidates
		 * @return this builder
		 */
		public Builder candidateCount(@Nullable Integer candidateCount) {
			this.candidateCount = candidateCount;
			return this;
		}

		/**
		 * Set the sequences that stop generation.
		 * @param stopSequences the stop sequences
		 * @return this builder
		 */
		public Builder stopSequences(@Nullable List<String> stopSequences) {
			this.stopSequences = stopSequences;
			return this;
		}

		/**
		 * Set the sequences that stop generation.
		 * @param stopSequences the stop sequences
		 * @return this builder
		 */
		public Builder stopSequences(String... stopSequences) {
			return stopSequences(Arrays.asList(stopSequences));
		}

		/**
		 * Set the maximum number of tokens in a candidate.
		 * @param maxOutputTokens the maximum number of output tokens
		 * @return this builder
		 */
		public Builder maxOutputTokens(@Nullable Integer maxOutputTokens) {
			this.maxOutputTokens = maxOutputTokens;
			return this;
		}

		/**
		 * Set the randomness of the output.
		 * @param temperature the temperature
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Set the maximum cumulative probability of tokens considered when sampling.
		 * @param topP the top-p value
		 * @return this builder
		 */
		public Builder topP(@Nullable Double topP) {
			this.topP = topP;
			return this;
		}

		/**
		 * Set the maximum number of tokens considered when sampling.
		 * @param topK the top-k value
		 * @return this builder
		 */
		public Builder topK(@Nullable Integer topK) {
			this.topK = topK;
			return this;
		}

		/**
		 * Set the seed used in decoding.
		 * @param seed the seed
		 * @return this builder
		 */
		public Builder seed(@Nullable Integer seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Set the media type of the answer, such as {@code application/json}.
		 * @param responseMimeType the media type
		 * @return this builder
		 */
		public Builder responseMimeType(@Nullable String responseMimeType) {
			this.responseMimeType = responseMimeType;
			return this;
		}

		/**
		 * Set the schema of the answer.
		 * @param responseSchema the schema
		 * @return this builder
		 */
		public Builder responseSchema(@Nullable Schema responseSchema) {
			this.responseSchema = responseSchema;
			return this;
		}

		/**
		 * Set the schema of the answer as JSON Schema (a map or a JSON node).
		 * @param responseJsonSchema the JSON Schema
		 * @return this builder
		 */
		public Builder responseJsonSchema(@Nullable Object responseJsonSchema) {
			this.responseJsonSchema = responseJsonSchema;
			return this;
		}

		/**
		 * Set the penalty on tokens already seen in the answer.
		 * @param presencePenalty the presence penalty
		 * @return this builder
		 */
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
			return this;
		}

		/**
		 * Set the penalty growing with the number of times a token was used.
		 * @param frequencyPenalty the frequency penalty
		 * @return this builder
		 */
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
			return this;
		}

		/**
		 * Set whether log probabilities of the chosen tokens are returned.
		 * @param responseLogprobs whether log probabilities are returned
		 * @return this builder
		 */
		public Builder responseLogprobs(@Nullable Boolean responseLogprobs) {
			this.responseLogprobs = responseLogprobs;
			return this;
		}

		/**
		 * Set the number of top log probabilities returned per step.
		 * @param logprobs the number of top log probabilities
		 * @return this builder
		 */
		public Builder logprobs(@Nullable Integer logprobs) {
			this.logprobs = logprobs;
			return this;
		}

		/**
		 * Set whether enhanced civic answers are enabled.
		 * @param enableEnhancedCivicAnswers whether enhanced civic answers are enabled
		 * @return this builder
		 */
		public Builder enableEnhancedCivicAnswers(@Nullable Boolean enableEnhancedCivicAnswers) {
			this.enableEnhancedCivicAnswers = enableEnhancedCivicAnswers;
			return this;
		}

		/**
		 * Set the modalities of the answer.
		 * @param responseModalities the modalities
		 * @return this builder
		 */
		public Builder responseModalities(@Nullable List<Modality> responseModalities) {
			this.responseModalities = responseModalities;
			return this;
		}

		/**
		 * Set the modalities of the answer.
		 * @param responseModalities the modalities
		 * @return this builder
		 */
		public Builder responseModalities(Modality... responseModalities) {
			return responseModalities(Arrays.asList(responseModalities));
		}

		/**
		 * Set the speech generation options.
		 * @param speechConfig the speech options
		 * @return this builder
		 */
		public Builder speechConfig(@Nullable SpeechConfig speechConfig) {
			this.speechConfig = speechConfig;
			return this;
		}

		/**
		 * Set the thinking options.
		 * @param thinkingConfig the thinking options
		 * @return this builder
		 */
		public Builder thinkingConfig(@Nullable ThinkingConfig thinkingConfig) {
			this.thinkingConfig = thinkingConfig;
			return this;
		}

		/**
		 * Set the image generation options.
		 * @param imageConfig the image options
		 * @return this builder
		 */
		public Builder imageConfig(@Nullable ImageConfig imageConfig) {
			this.imageConfig = imageConfig;
			return this;
		}

		/**
		 * Set the resolution at which input media is tokenised.
		 * @param mediaResolution the media resolution
		 * @return this builder
		 */
		public Builder mediaResolution(@Nullable MediaResolution mediaResolution) {
			this.mediaResolution = mediaResolution;
			return this;
		}

		/**
		 * Build the immutable configuration.
		 * @return the configuration
		 */
		public GenerationConfig build() {
			return new GenerationConfig(this.candidateCount, this.stopSequences, this.maxOutputTokens,
					this.temperature, this.topP, this.topK, this.seed, this.responseMimeType, this.responseSchema,
					this.responseJsonSchema, this.presencePenalty, this.frequencyPenalty, this.responseLogprobs,
					this.logprobs, this.enableEnhancedCivicAnswers, this.responseModalities, this.speechConfig,
					this.thinkingConfig, this.imageConfig, this.mediaResolution);
		}

	}

}
