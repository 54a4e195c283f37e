package io.github.geminicomet.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.geminicomet.model.UsageMetadata;

/**
 * {@link ObservationHandler} that records the meters of Gemini calls, following the OpenTelemetry GenAI
 * semantic conventions. Every meter is tagged with the observation's low-cardinality keys
 * ({@code gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.model},
 * {@code gen_ai.response.model}, {@code error.type}, {@code outcome}, ...), as the convention produced
 * them when the call ended:
 * <ul>
 * <li>{@value #OPERATION_DURATION} (timer): every call, unary or stream, failed and cancelled ones
 * included;</li>
 * <li>{@value #TOKEN_USAGE} (distribution summary), tagged {@value #TOKEN_TYPE} {@code input}
 * ({@code promptTokenCount}) or {@code output} ({@code candidatesTokenCount});</li>
 * <li>{@value #GEMINI_TOKENS} (counter), tagged {@value #GEMINI_TOKEN_TYPE} {@code thoughts},
 * {@code cached} or {@code tool_use_prompt};</li>
 * <li>streams only: {@value #TIME_TO_FIRST_CHUNK} (timer) and {@value #STREAM_CHUNKS} (distribution
 * summary of events per stream).</li>
 * </ul>
 * Token counts come from the call's final usage: a stream's usage is cumulative, so only its last
 * {@code usageMetadata} is counted, never the sum of its events.
 *
 * <p>This handler is not a {@code MeterObservationHandler}: it adds to whatever meter handler is
 * registered (Spring Boot's default one records {@code gen_ai.client.operation}) instead of competing
 * with it.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class GeminiMeterObservationHandler implements ObservationHandler<GeminiObservationContext> {

	/**
	 * Timer of whole calls.
	 */
	public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

	/**
	 * Distribution summary of the input and output tokens of each call.
	 */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	/**
	 * Tag of {@value #TOKEN_USAGE}: {@code input} or {@code output}.
	 */
	public static final String TOKEN_TYPE = "gen_ai.token.type";

	/**
	 * Timer of the time from the start of a stream to its first event.
	 */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/**
	 * Distribution summary of the number of events per stream.
	 */
	public static final String STREAM_CHUNKS = "gemini.client.stream.chunks";

	/**
	 * Counter of the Gemini-specific token counts.
	 */
	public static final String GEMINI_TOKENS = "gemini.client.tokens";

	/**
	 * Tag of {@value #GEMINI_TOKENS}: {@code thoughts}, {@code cached} or {@code tool_use_prompt}.
	 */
	public static final String GEMINI_TOKEN_TYPE = "gemini.token.type";

	private static final String SAMPLE_KEY = GeminiMeterObservationHandler.class.getName() + ".sample";

	private final MeterRegistry meterRegistry;

	/**
	 * Create a new handler.
	 * @param meterRegistry the registry to record to
	 */
	public GeminiMeterObservationHandler(MeterRegistry meterRegistry) {
		Assert.notNull(meterRegistry, "'meterRegistry' must not be null");
		this.meterRegistry = meterRegistry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof GeminiObservationContext;
	}

	@Override
	public void onStart(GeminiObservationContext context) {
		context.put(SAMPLE_KEY, Timer.start(this.meterRegistry));
	}

	@Override
	public void onStop(GeminiObservationContext context) {
		Tags tags = tags(context);
		UsageMetadata usage = context.getUsage();
		if (usage != null) {
			recordUsage(usage, tags);
		}
		if (context.isStreaming()) {
			Duration timeToFirstChunk = context.getTimeToFirstChunk();
			if (timeToFirstChunk != null) {
				Timer.builder(TIME_TO_FIRST_CHUNK)
					.description("Time from the start of a Gemini stream to its first event")
					.tags(tags)
					.register(this.meterRegistry)
					.record(timeToFirstChunk);
			}
			DistributionSummary.builder(STREAM_CHUNKS)
				.description("Number of events per Gemini stream")
				.tags(tags)
				.register(this.meterRegistry)
				.record(context.getChunkCount());
		}
		// last, so that a call counted in the duration has all its other meters recorded
		Timer.Sample sample = context.get(SAMPLE_KEY);
		if (sample != null) {
			sample.stop(Timer.builder(OPERATION_DURATION)
				.description("Duration of Gemini calls")
				.tags(tags)
				.register(this.meterRegistry));
		}
	}

	private void recordUsage(UsageMetadata usage, Tags tags) {
		recordTokens(usage.promptTokenCount(), tags.and(TOKEN_TYPE, "input"));
		recordTokens(usage.candidatesTokenCount(), tags.and(TOKEN_TYPE, "output"));
		countTokens(usage.thoughtsTokenCount(), tags.and(GEMINI_TOKEN_TYPE, "thoughts"));
		countTokens(usage.cachedContentTokenCount(), tags.and(GEMINI_TOKEN_TYPE, "cached"));
		countTokens(usage.toolUsePromptTokenCount(), tags.and(GEMINI_TOKEN_TYPE, "tool_use_prompt"));
	}

	private void recordTokens(@Nullable Integer count, Tags tags) {
		if (count != null) {
			DistributionSummary.builder(TOKEN_USAGE)
				.description("Number of input and output tokens per Gemini call")
				.tags(tags)
				.register(this.meterRegistry)
				.record(count);
		}
	}

	private void countTokens(@Nullable Integer count, Tags tags) {
		if (count != null) {
			Counter.builder(GEMINI_TOKENS)
				.description("Thought, cached and tool-use prompt tokens of Gemini calls")
				.tags(tags)
				.register(this.meterRegistry)
				.increment(count);
		}
	}

	private static Tags tags(GeminiObservationContext context) {
		List<Tag> tags = new ArrayList<>();
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		return Tags.of(tags);
	}

}
