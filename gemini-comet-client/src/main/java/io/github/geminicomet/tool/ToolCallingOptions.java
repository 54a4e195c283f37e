package io.github.geminicomet.tool;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Immutable settings of function calling: how many rounds of tool calls the automatic loop allows,
 * what a failing tool does, the JSON mapper that converts arguments and results, and the scheduler
 * that runs blocking tool methods. With Spring Boot they come from the {@code cometapi.gemini.tools.*}
 * properties; without it, set them with {@code GeminiTemplate.builder().toolCallingOptions(...)}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class ToolCallingOptions {

	/**
	 * Default most rounds of tool calls in one exchange.
	 */
	public static final int DEFAULT_MAX_ITERATIONS = 10;

	/**
	 * The defaults: {@value #DEFAULT_MAX_ITERATIONS} iterations, {@link ToolErrorPolicy#REPORT_TO_MODEL},
	 * the template's JSON mapper, blocking tools on {@link Schedulers#boundedElastic()}.
	 */
	public static final ToolCallingOptions DEFAULT = builder().build();

	private static final JsonMapper FALLBACK_JSON_MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private final int maxIterations;

	private final ToolErrorPolicy errorPolicy;

	private final @Nullable JsonMapper jsonMapper;

	private final @Nullable Scheduler scheduler;

	private ToolCallingOptions(Builder builder) {
		this.maxIterations = builder.maxIterations;
		this.errorPolicy = builder.errorPolicy;
		this.jsonMapper = builder.jsonMapper;
		this.scheduler = builder.scheduler;
	}

	/**
	 * Return a new builder with the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder initialized with these options.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.maxIterations = this.maxIterations;
		builder.errorPolicy = this.errorPolicy;
		builder.jsonMapper = this.jsonMapper;
		builder.scheduler = this.scheduler;
		return builder;
	}

	/**
	 * Return the most rounds of tool calls in one exchange: after that many rounds, a model that still
	 * asks for function calls ends the exchange with a {@code GeminiToolException}.
	 * @return the most iterations, at least 1
	 */
	public int getMaxIterations() {
		return this.maxIterations;
	}

	/**
	 * Return what a failing tool does.
	 * @return the error policy
	 */
	public ToolErrorPolicy getErrorPolicy() {
		return this.errorPolicy;
	}

	/**
	 * Return the JSON mapper set on these options.
	 * @return the JSON mapper, or {@code null} to use the template's (or a lenient default mapper)
	 */
	public @Nullable JsonMapper getJsonMapper() {
		return this.jsonMapper;
	}

	/**
	 * Return the scheduler set on these options for blocking tool methods.
	 * @return the scheduler, or {@code null} for {@link Schedulers#boundedElastic()}
	 */
	public @Nullable Scheduler getScheduler() {
		return this.scheduler;
	}

	/**
	 * Return these options with the given JSON mapper, unless they already name one. Used by
	 * {@code GeminiTemplate} to convert arguments and results with its own mapper.
	 * @param jsonMapper the mapper to use when none is set
	 * @return options with a JSON mapper
	 */
	public ToolCallingOptions withDefaultJsonMapper(JsonMapper jsonMapper) {
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		return (this.jsonMapper != null) ? this : toBuilder().jsonMapper(jsonMapper).build();
	}

	JsonMapper jsonMapper() {
		return (this.jsonMapper != null) ? this.jsonMapper : FALLBACK_JSON_MAPPER;
	}

	Scheduler scheduler() {
		return (this.scheduler != null) ? this.scheduler : Schedulers.boundedElastic();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof ToolCallingOptions that && this.maxIterations == that.maxIterations
				&& this.errorPolicy == that.errorPolicy && Objects.equals(this.jsonMapper, that.jsonMapper)
				&& Objects.equals(this.scheduler, that.scheduler));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.maxIterations, this.errorPolicy, this.jsonMapper, this.scheduler);
	}

	@Override
	public String toString() {
		return "ToolCallingOptions[maxIterations=" + this.maxIterations + ", errorPolicy=" + this.errorPolicy + "]";
	}

	/**
	 * Mutable builder of {@link ToolCallingOptions}; not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int maxIterations = DEFAULT_MAX_ITERATIONS;

		private ToolErrorPolicy errorPolicy = ToolErrorPolicy.REPORT_TO_MODEL;

		private @Nullable JsonMapper jsonMapper;

		private @Nullable Scheduler scheduler;

		private Builder() {
		}

		/**
		 * Set the most rounds of tool calls in one exchange, default
		 * {@value ToolCallingOptions#DEFAULT_MAX_ITERATIONS} (property
		 * {@code cometapi.gemini.tools.max-iterations}). One round is one model turn whose function calls
		 * are run and answered; a call makes at most {@code maxIterations + 1} requests.
		 * @param maxIterations the most iterations, at least 1
		 * @return this builder
		 */
		public Builder maxIterations(int maxIterations) {
			Assert.isTrue(maxIterations >= 1, "'maxIterations' must be at least 1");
			this.maxIterations = maxIterations;
			return this;
		}

		/**
		 * Set what a failing tool does, default {@link ToolErrorPolicy#REPORT_TO_MODEL} (property
		 * {@code cometapi.gemini.tools.error-policy}).
		 * @param errorPolicy the policy
		 * @return this builder
		 */
		public Builder errorPolicy(ToolErrorPolicy errorPolicy) {
			Assert.notNull(errorPolicy, "'errorPolicy' must not be null");
			this.errorPolicy = errorPolicy;
			return this;
		}

		/**
		 * Set the JSON mapper that converts the model's arguments to the methods' parameter types and
		 * their results to JSON; by default the template's.
		 * @param jsonMapper the mapper, or {@code null} for the default
		 * @return this builder
		 */
		public Builder jsonMapper(@Nullable JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/**
		 * Set the scheduler that runs blocking tool methods (those that return neither a
		 * {@code Publisher} nor a {@code CompletionStage}); by default
		 * {@link Schedulers#boundedElastic()}.
		 * @param scheduler the scheduler, or {@code null} for the default
		 * @return this builder
		 */
		public Builder scheduler(@Nullable Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Build the options.
		 * @return new options
		 */
		public ToolCallingOptions build() {
			return new ToolCallingOptions(this);
		}

	}

}
