package io.github.geminicomet.observation;

import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.GeminiUnavailableException;
import io.github.geminicomet.model.GenerateContentRequest;

import static io.github.geminicomet.observation.ObservationFixtures.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GeminiMeterObservationHandler}.
 */
class GeminiMeterObservationHandlerTests {

	@RegisterExtension
	static final WireMockExtension wireMock = ObservationFixtures.wireMock();

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final ObservationRegistry observationRegistry = ObservationRegistry.create();

	private GeminiTemplate template;

	@BeforeEach
	void setUp() {
		this.observationRegistry.observationConfig()
			.observationHandler(new GeminiMeterObservationHandler(this.meterRegistry));
		ObservationFixtures.stubGateway(wireMock);
		this.template = ObservationFixtures.template(wireMock, this.observationRegistry);
	}

	@AfterEach
	void closeTemplate() {
		this.template.close();
	}

	@Test
	void unaryCallRecordsDurationWithGenAiTags() {
		StepVerifier.create(this.template.generateText("Name a dog")).expectNext("Rex").verifyComplete();
		Timer timer = awaitTimer();
		assertThat(timer.count()).isOne();
		assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
		assertThat(timer.getId().getTags()).contains(Tag.of("gen_ai.operation.name", "generate_content"),
				Tag.of("gen_ai.provider.name", "gcp.gemini"), Tag.of("gen_ai.request.model", "gemini-3.5-flash-lite"),
				Tag.of("gen_ai.response.model", "gemini-2.5-flash-001"), Tag.of("error.type", "none"),
				Tag.of("outcome", "SUCCESS"), Tag.of("gemini.streaming", "false"));
		assertThat(timer.getId().getTags()).extracting(Tag::getKey)
			.doesNotContain("gen_ai.response.id", "gen_ai.usage.input_tokens");
	}

	@Test
	void unaryCallRecordsInputAndOutputTokens() {
		StepVerifier.create(this.template.generateText("Name a dog")).expectNext("Rex").verifyComplete();
		awaitTimer();
		DistributionSummary input = tokenUsage("input");
		DistributionSummary output = tokenUsage("output");
		assertThat(input.count()).isOne();
		assertThat(input.totalAmount()).isEqualTo(5);
		assertThat(output.count()).isOne();
		assertThat(output.totalAmount()).isEqualTo(1);
		assertThat(input.getId().getTags()).contains(Tag.of("gen_ai.request.model", "gemini-3.5-flash-lite"),
				Tag.of("gen_ai.response.model", "gemini-2.5-flash-001"),
				Tag.of("gen_ai.operation.name", "generate_content"));
	}

	@Test
	void unaryCallCountsThoughtCachedAndToolUsePromptTokens() {
		StepVerifier.create(this.template.generateText("Name a dog")).expectNext("Rex").verifyComplete();
		awaitTimer();
		assertThat(geminiTokens("thoughts").count()).isEqualTo(24);
		assertThat(geminiTokens("cached").count()).isEqualTo(2);
		assertThat(geminiTokens("tool_use_prompt").count()).isEqualTo(4);
	}

	@Test
	void unaryCallRecordsNoStreamMeters() {
		StepVerifier.create(this.template.generateText("Name a dog")).expectNext("Rex").verifyComplete();
		awaitTimer();
		assertThat(this.meterRegistry.find("gen_ai.client.operation.time_to_first_chunk").meters()).isEmpty();
		assertThat(this.meterRegistry.find("gemini.client.stream.chunks").meters()).isEmpty();
	}

	@Test
	void streamRecordsFinalUsageOnceNotTheSumOfEvents() {
		StepVerifier.create(this.template.streamText("Say hello")).expectNext("Hel", "lo", "!").verifyComplete();
		awaitTimer();
		DistributionSummary input = tokenUsage("input");
		DistributionSummary output = tokenUsage("output");
		assertThat(input.count()).isOne();
		assertThat(input.totalAmount()).isEqualTo(7);
		assertThat(output.count()).isOne();
		assertThat(output.totalAmount()).isEqualTo(3);
		assertThat(geminiTokens("thoughts").count()).isEqualTo(4);
		assertThat(this.meterRegistry.find("gemini.client.tokens").tag("gemini.token.type", "cached").meters())
			.isEmpty();
		assertThat(input.getId().getTags()).contains(Tag.of("gemini.streaming", "true"),
				Tag.of("gen_ai.response.model", "gemini-2.5-flash-002"));
	}

	@Test
	void streamRecordsTimeToFirstChunkAndChunkCount() {
		StepVerifier.create(this.template.streamText("Say hello")).expectNextCount(3).verifyComplete();
		Timer duration = awaitTimer();
		Timer timeToFirstChunk = this.meterRegistry.get("gen_ai.client.operation.time_to_first_chunk").timer();
		assertThat(timeToFirstChunk.count()).isOne();
		assertThat(timeToFirstChunk.totalTime(TimeUnit.NANOSECONDS)).isPositive()
			.isLessThanOrEqualTo(duration.totalTime(TimeUnit.NANOSECONDS));
		assertThat(timeToFirstChunk.getId().getTags()).contains(Tag.of("gen_ai.request.model", "gemini-3.5-flash-lite"),
				Tag.of("outcome", "SUCCESS"));
		DistributionSummary chunks = this.meterRegistry.get("gemini.client.stream.chunks").summary();
		assertThat(chunks.count()).isOne();
		assertThat(chunks.totalAmount()).isEqualTo(3);
	}

	@Test
	void failedCallRecordsDurationWithErrorTypeAndNoTokens() {
		StepVerifier.create(this.template.generateContent("gemini-2.5-pro", GenerateContentRequest.of("Name a cat")))
			.expectError(GeminiUnavailableException.class)
			.verify(TIMEOUT);
		Timer timer = awaitTimer();
		assertThat(timer.getId().getTags()).contains(Tag.of("error.type", "GeminiUnavailableException"),
				Tag.of("outcome", "SERVER_ERROR"), Tag.of("gen_ai.request.model", "gemini-2.5-pro"),
				Tag.of("gen_ai.response.model", "none"));
		assertThat(this.meterRegistry.find("gen_ai.client.token.usage").meters()).isEmpty();
	}

	@Test
	void cancelledStreamRecordsDurationAsCancelled() {
		StepVerifier.create(this.template.streamText("Say hello").take(1)).expectNext("Hel").verifyComplete();
		Timer timer = awaitTimer();
		assertThat(timer.getId().getTags()).contains(Tag.of("outcome", "CANCELLED"), Tag.of("error.type", "none"));
		assertThat(this.meterRegistry.get("gemini.client.stream.chunks").summary().totalAmount()).isEqualTo(1);
	}

	@Test
	void noPromptOrAnswerTextInAnyTag() {
		StepVerifier.create(this.template.generateText("Name a dog")).expectNext("Rex").verifyComplete();
		StepVerifier.create(this.template.streamText("Say hello")).expectNextCount(3).verifyComplete();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.meterRegistry.get("gen_ai.client.operation.duration")
				.timers()
				.stream()
				.mapToLong(Timer::count)
				.sum()).isEqualTo(2));
		for (Meter meter : this.meterRegistry.getMeters()) {
			assertThat(meter.getId().getTags()).extracting(Tag::getValue)
				.allSatisfy((value) -> assertThat(value).doesNotContain("Name a dog", "Say hello", "Rex", "Hel",
						ObservationFixtures.API_KEY));
		}
	}

	@Test
	void handlerSupportsOnlyGeminiContexts() {
		GeminiMeterObservationHandler handler = new GeminiMeterObservationHandler(this.meterRegistry);
		assertThat(handler.supportsContext(new io.micrometer.observation.Observation.Context())).isFalse();
	}

	private Timer awaitTimer() {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Timer timer = this.meterRegistry.find("gen_ai.client.operation.duration").timer();
			assertThat(timer).isNotNull().extracting(Timer::count).isEqualTo(1L);
		});
		return this.meterRegistry.get("gen_ai.client.operation.duration").timer();
	}

	private DistributionSummary tokenUsage(String type) {
		return this.meterRegistry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", type).summary();
	}

	private Counter geminiTokens(String type) {
		return this.meterRegistry.get("gemini.client.tokens").tag("gemini.token.type", type).counter();
	}

}
