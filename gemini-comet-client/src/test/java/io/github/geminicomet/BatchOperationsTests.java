package io.github.geminicomet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.Batch;
import io.github.geminicomet.model.BatchRequest;
import io.github.geminicomet.model.BatchResult;
import io.github.geminicomet.model.GenerateContentRequest;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BatchOperations} against {@link FakeFilesBatchServer}: batches on the wire.
 */
class BatchOperationsTests {

	private static final Duration POLL = Duration.ofMillis(20);

	@AutoClose
	private final FakeFilesBatchServer server = new FakeFilesBatchServer(256 * 1024);

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	@AutoClose
	private final GeminiTemplate gemini = TemplateFixtures.templateBuilder(this.server.baseUrl())
		.retry(new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50), 0, Duration.ofSeconds(1)))
		.observationRegistry(this.observations)
		.build();

	private final List<BatchRequest> requests = List.of(BatchRequest.of("q1", prompt("Why is the sky blue?")),
			BatchRequest.of("q2", prompt("FAIL this one")), BatchRequest.of("q3", prompt("Tell me a joke")));

	@Test
	void inlineBatchRunsPendingRunningSucceededWithSomeFailedEntries() {
		Batch created = this.gemini.batches().create("gemini-3.5-flash-lite", this.requests, "nightly").block(TemplateFixtures.TIMEOUT);
		assertThat(created.name()).startsWith("batches/");
		assertThat(created.state()).isEqualTo(Batch.State.PENDING);
		assertThat(created.model()).isEqualTo("models/gemini-3.5-flash-lite");
		assertThat(created.displayName()).isEqualTo("nightly");
		assertThat(created.isDone()).isFalse();
		assertThat(this.server.requests).contains("POST /v1beta/models/gemini-3.5-flash-lite:batchGenerateContent");

		assertThat(this.gemini.batches().get(created.name()).block(TemplateFixtures.TIMEOUT).state())
			.isEqualTo(Batch.State.RUNNING);
		Batch done = this.gemini.batches().awaitCompletion(created.name(), POLL, TemplateFixtures.TIMEOUT)
			.block(TemplateFixtures.TIMEOUT);
		assertThat(done.state()).isEqualTo(Batch.State.SUCCEEDED);
		assertThat(done.isDone()).isTrue();
		assertThat(done.stats().requestCount()).isEqualTo(3);
		assertThat(done.stats().failedRequestCount()).isEqualTo(1);
		assertThat(done.endTime()).isNotNull();

		List<BatchResult> results = this.gemini.batches().results(created.name()).collectList().block(TemplateFixtures.TIMEOUT);
		assertThat(results).extracting(BatchResult::key).containsExactly("q1", "q2", "q3");
		assertThat(results).extracting(BatchResult::isSuccess).containsExactly(true, false, true);
		assertThat(results.get(0).response().text()).isEqualTo("Answer to q1");
		assertThat(results.get(1).error().code()).isEqualTo(3);
		assertThat(results.get(1).error().message()).contains("invalid argument");
		assertThat(this.observations).hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "create_batch");
	}

	@Test
	void fileBatchWritesAndUploadsJsonlAndReadsTheResultFileLineByLine() {
		Batch created = this.gemini.batches()
			.createViaFile("gemini-3.5-flash-lite", Flux.fromIterable(this.requests), "big")
			.block(TemplateFixtures.TIMEOUT);
		assertThat(this.server.commands.get(0)).startsWith("start");
		assertThat(this.server.files.values()).singleElement()
			.satisfies((file) -> assertThat(file.get("mimeType")).isEqualTo("application/jsonl"));

		Batch done = this.gemini.batches().awaitCompletion(created.name(), POLL, TemplateFixtures.TIMEOUT)
			.block(TemplateFixtures.TIMEOUT);
		assertThat(done.output().responsesFile()).startsWith("files/batch-");

		List<BatchResult> results = this.gemini.batches().results(created.name()).collectList().block(TemplateFixtures.TIMEOUT);
		assertThat(results).extracting(BatchResult::key).containsExactly("q1", "q2", "q3");
		assertThat(results).extracting(BatchResult::isSuccess).containsExactly(true, false, true);
		assertThat(results.get(2).response().text()).isEqualTo("Answer to q3");
		assertThat(this.server.requests).anyMatch((request) -> request.startsWith("GET /v1beta/files/batch-")
				&& request.endsWith(":download?alt=media"));
	}

	@Test
	void createIsNeverRetried() {
		this.server.failBatchCreate = 503;
		StepVerifier.create(this.gemini.batches().create("gemini-3.5-flash-lite", this.requests, "once"))
			.expectError(GeminiUnavailableException.class)
			.verify(TemplateFixtures.TIMEOUT);
		assertThat(this.server.batchCreates).hasValue(1);
	}

	@Test
	void cancelledBatchEndsAndHasNoResultsThenDeleteRemovesIt() {
		Batch created = this.gemini.batches().create("gemini-3.5-flash-lite", this.requests, null).block(TemplateFixtures.TIMEOUT);
		assertThat(created.displayName()).startsWith("gemini-comet-batch-");
		this.gemini.batches().cancel(created.name()).block(TemplateFixtures.TIMEOUT);
		assertThat(this.server.requests).contains("POST /v1beta/" + created.name() + ":cancel");

		Batch cancelled = this.gemini.batches().awaitCompletion(created.name(), POLL, TemplateFixtures.TIMEOUT)
			.block(TemplateFixtures.TIMEOUT);
		assertThat(cancelled.state()).isEqualTo(Batch.State.CANCELLED);
		StepVerifier.create(this.gemini.batches().results(created.name()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("CANCELLED")
				.hasMessageContaining("awaitCompletion"))
			.verify(TemplateFixtures.TIMEOUT);

		this.gemini.batches().delete(created.name()).block(TemplateFixtures.TIMEOUT);
		StepVerifier.create(this.gemini.batches().get(created.name()))
			.expectErrorSatisfies((ex) -> assertThat(((GeminiResponseException) ex).getStatusCode().value()).isEqualTo(404))
			.verify(TemplateFixtures.TIMEOUT);
	}

	@Test
	void listReadsOperationsAcrossPages() {
		for (int i = 0; i < 3; i++) {
			this.gemini.batches().create("gemini-3.5-flash-lite", this.requests, "b" + i).block(TemplateFixtures.TIMEOUT);
		}
		assertThat(this.gemini.batches().list().map(Batch::displayName).collectList().block(TemplateFixtures.TIMEOUT))
			.containsExactlyInAnyOrder("b0", "b1", "b2");
		assertThat(this.server.requests).contains("GET /v1beta/batches?pageSize=100&pageToken=2");
	}

	@Test
	void awaitCompletionTimesOutClearly() {
		Batch created = this.gemini.batches().create("gemini-3.5-flash-lite", this.requests, "slow").block(TemplateFixtures.TIMEOUT);
		StepVerifier.create(this.gemini.batches().awaitCompletion(created.name(), Duration.ofSeconds(5), Duration.ofMillis(300)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TimeoutException.class).hasMessageContaining("last state RUNNING"))
			.verify(TemplateFixtures.TIMEOUT);
	}

	@Test
	void inlineBatchOverTwentyMegabytesFailsClearlyBeforeSending() {
		String big = "x".repeat(1024 * 1024);
		List<BatchRequest> large = java.util.stream.IntStream.range(0, 21)
			.mapToObj((i) -> BatchRequest.of("k" + i, prompt(big)))
			.toList();
		StepVerifier.create(this.gemini.batches().create("gemini-3.5-flash-lite", large, "large"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("20 MB")
				.hasMessageContaining("createViaFile"))
			.verify(TemplateFixtures.TIMEOUT);
		assertThat(this.server.requests).isEmpty();
	}

	@Test
	void repeatedKeysAreRefused() {
		List<BatchRequest> repeated = List.of(BatchRequest.of("same", prompt("a")), BatchRequest.of("same", prompt("b")));
		StepVerifier.create(this.gemini.batches().create("gemini-3.5-flash-lite", repeated, "dup"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'same'"))
			.verify(TemplateFixtures.TIMEOUT);
		assertThatIllegalArgumentException().isThrownBy(() -> BatchRequest.of(" ", prompt("a")));
	}

	private static GenerateContentRequest prompt(String text) {
		return GenerateContentRequest.builder().addContent(io.github.geminicomet.model.Content.user(text)).build();
	}

}
