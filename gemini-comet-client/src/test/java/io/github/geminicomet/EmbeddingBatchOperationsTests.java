package io.github.geminicomet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.ByteArrayResource;

import io.github.geminicomet.model.Batch;
import io.github.geminicomet.model.BatchRequest;
import io.github.geminicomet.model.EmbedBatchRequest;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbeddingBatchResult;
import io.github.geminicomet.model.GeminiFile;
import io.github.geminicomet.model.GenerateContentRequest;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the embedding batches of {@link BatchOperations} ({@code asyncBatchEmbedContent}) against
 * {@link FakeFilesBatchServer}.
 */
class EmbeddingBatchOperationsTests {

	private static final Duration POLL = Duration.ofMillis(20);

	private static final String MODEL = "gemini-embedding-001";

	@AutoClose
	private final FakeFilesBatchServer server = new FakeFilesBatchServer(256 * 1024);

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	@AutoClose
	private final GeminiTemplate gemini = TemplateFixtures.templateBuilder(this.server.baseUrl())
		.retry(new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50), 0, Duration.ofSeconds(1)))
		.observationRegistry(this.observations)
		.build();

	private final List<EmbedBatchRequest> requests = List.of(
			EmbedBatchRequest.of("doc1", EmbedContentRequest.of("The sky is blue")),
			EmbedBatchRequest.of("doc2", EmbedContentRequest.of("FAIL this one")),
			EmbedBatchRequest.of("doc3", EmbedContentRequest.of("Rivers of Africa").withOutputDimensionality(8)));

	@Test
	void inlineEmbeddingBatchRunsPendingRunningSucceededWithOneFailedEntry() {
		Batch created = this.gemini.batches().createEmbeddings(MODEL, this.requests, "index").block(TemplateFixtures.TIMEOUT);
		assertThat(created.name()).startsWith("batches/");
		assertThat(created.state()).isEqualTo(Batch.State.PENDING);
		assertThat(created.model()).isEqualTo("models/" + MODEL);
		assertThat(created.displayName()).isEqualTo("index");
		assertThat(this.server.requests).contains("POST /v1beta/models/gemini-embedding-001:asyncBatchEmbedContent");

		assertThat(this.gemini.batches().get(created.name()).block(TemplateFixtures.TIMEOUT).state())
			.isEqualTo(Batch.State.RUNNING);
		Batch done = this.gemini.batches().awaitCompletion(created.name(), POLL, TemplateFixtures.TIMEOUT)
			.block(TemplateFixtures.TIMEOUT);
		assertThat(done.state()).isEqualTo(Batch.State.SUCCEEDED);
		assertThat(done.stats().requestCount()).isEqualTo(3);
		assertThat(done.stats().successfulRequestCount()).isEqualTo(2);
		assertThat(done.stats().failedRequestCount()).isEqualTo(1);
		assertThat(done.output().inlinedEmbedContentResponses()).hasSize(3);
		assertThat(done.output().inlinedResponses()).isNull();

		List<EmbeddingBatchResult> results = this.gemini.batches().embeddingResults(created.name()).collectList()
			.block(TemplateFixtures.TIMEOUT);
		assertThat(results).extracting(EmbeddingBatchResult::key).containsExactly("doc1", "doc2", "doc3");
		assertThat(results).extracting(EmbeddingBatchResult::isSuccess).containsExactly(true, false, true);
		assertThat(results.get(0).embedding().values()).containsExactly(15.0, 0.1, 0.2, 0.3);
		assertThat(results.get(2).embedding().toFloatArray()).hasSize(8);
		assertThat(results.get(1).embedding()).isNull();
		assertThat(results.get(1).error().code()).isEqualTo(3);
		assertThat(results.get(1).error().message()).contains("invalid argument");
		assertThat(this.observations).hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "create_embedding_batch");
	}

	@Test
	void resultsOfTheOtherKindSayWhichMethodReadsThem() {
		Batch embeddings = this.gemini.batches().createEmbeddings(MODEL, this.requests, "e").block(TemplateFixtures.TIMEOUT);
		this.gemini.batches().awaitCompletion(embeddings.name(), POLL, TemplateFixtures.TIMEOUT).block(TemplateFixtures.TIMEOUT);
		StepVerifier.create(this.gemini.batches().results(embeddings.name()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("holds embeddings")
				.hasMessageContaining("embeddingResults(name)"))
			.verify(TemplateFixtures.TIMEOUT);

		Batch embeddingFile = this.gemini.batches()
			.createEmbeddingsViaFile(MODEL, Flux.fromIterable(this.requests), "f")
			.block(TemplateFixtures.TIMEOUT);
		this.gemini.batches().awaitCompletion(embeddingFile.name(), POLL, TemplateFixtures.TIMEOUT).block(TemplateFixtures.TIMEOUT);
		StepVerifier.create(this.gemini.batches().results(embeddingFile.name()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("holds embeddings")
				.hasMessageContaining("embeddingResults(name)"))
			.verify(TemplateFixtures.TIMEOUT);

		Batch generated = this.gemini.batches()
			.create("gemini-3.5-flash-lite", List.of(BatchRequest.of("q", GenerateContentRequest.of("Hi"))), "g")
			.block(TemplateFixtures.TIMEOUT);
		this.gemini.batches().awaitCompletion(generated.name(), POLL, TemplateFixtures.TIMEOUT).block(TemplateFixtures.TIMEOUT);
		StepVerifier.create(this.gemini.batches().embeddingResults(generated.name()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("not embeddings")
				.hasMessageContaining("results(name)"))
			.verify(TemplateFixtures.TIMEOUT);
	}

	@Test
	void fileEmbeddingBatchWritesAndUploadsJsonlAndReadsTheResultFileLineByLine() {
		Batch created = this.gemini.batches()
			.createEmbeddingsViaFile(MODEL, Flux.fromIterable(this.requests), "big")
			.block(TemplateFixtures.TIMEOUT);
		assertThat(this.server.commands.get(0)).startsWith("start");
		GeminiFile input = this.gemini.files().list().single().block(TemplateFixtures.TIMEOUT);
		assertThat(input.mimeType()).isEqualTo("application/jsonl");
		String jsonl = new String(this.server.generatedContent.get("input:" + input.name()), StandardCharsets.UTF_8);
		assertThat(jsonl.lines()).hasSize(3)
			.first()
			.isEqualTo("{\"key\":\"doc1\",\"request\":{\"content\":{\"parts\":[{\"text\":\"The sky is blue\"}]}}}");

		Batch done = this.gemini.batches().awaitCompletion(created.name(), POLL, TemplateFixtures.TIMEOUT)
			.block(TemplateFixtures.TIMEOUT);
		assertThat(done.output().responsesFile()).startsWith("files/batch-");

		List<EmbeddingBatchResult> results = this.gemini.batches().embeddingResults(created.name()).collectList()
			.block(TemplateFixtures.TIMEOUT);
		assertThat(results).extracting(EmbeddingBatchResult::key).containsExactly("doc1", "doc2", "doc3");
		assertThat(results).extracting(EmbeddingBatchResult::isSuccess).containsExactly(true, false, true);
		assertThat(results.get(2).embedding().values()).hasSize(8).startsWith(16.0);
		assertThat(results.get(1).error().code()).isEqualTo(3);
		assertThat(this.server.requests).anyMatch((request) -> request.startsWith("GET /v1beta/files/batch-")
				&& request.endsWith(":download?alt=media"));
	}

	@Test
	void batchFromAnUploadedJsonlFileNamesItAsInput() {
		String lines = """
				{"key": "a", "request": {"content": {"parts": [{"text": "alpha"}]}, "taskType": "RETRIEVAL_DOCUMENT"}}
				{"key": "b", "request": {"content": {"parts": [{"text": "FAIL beta"}]}}}
				""";
		GeminiFile file = this.gemini.files()
			.upload(new ByteArrayResource(lines.getBytes(StandardCharsets.UTF_8)), "application/jsonl")
			.block(TemplateFixtures.TIMEOUT);
		Batch created = this.gemini.batches().createEmbeddings(MODEL, file, "from-file").block(TemplateFixtures.TIMEOUT);
		this.gemini.batches().awaitCompletion(created.name(), POLL, TemplateFixtures.TIMEOUT).block(TemplateFixtures.TIMEOUT);
		assertThat(this.gemini.batches().embeddingResults(created.name()).collectList().block(TemplateFixtures.TIMEOUT))
			.extracting(EmbeddingBatchResult::key, EmbeddingBatchResult::isSuccess)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a", true), org.assertj.core.groups.Tuple.tuple("b", false));
	}

	@Test
	void resultFileLineWithoutEmbeddingOrErrorFailsClearly() {
		Batch created = this.gemini.batches()
			.createEmbeddingsViaFile(MODEL, Flux.fromIterable(this.requests), "odd")
			.block(TemplateFixtures.TIMEOUT);
		Batch done = this.gemini.batches().awaitCompletion(created.name(), POLL, TemplateFixtures.TIMEOUT)
			.block(TemplateFixtures.TIMEOUT);
		this.server.generatedContent.put(done.output().responsesFile(), """
				{"key": "doc1", "response": {"embedding": {"values": [0.5]}}}
				{"key": "doc2", "response": {"candidates": [{"content": {"parts": [{"text": "hi"}]}}]}}
				""".getBytes(StandardCharsets.UTF_8));
		StepVerifier.create(this.gemini.batches().embeddingResults(created.name()))
			.assertNext((result) -> assertThat(result.embedding().values()).containsExactly(0.5))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("neither an embedding nor an error")
				.hasMessageContaining("results(name)"))
			.verify(TemplateFixtures.TIMEOUT);
	}

	@Test
	void createEmbeddingsIsNeverRetried() {
		this.server.failBatchCreate = 503;
		StepVerifier.create(this.gemini.batches().createEmbeddings(MODEL, this.requests, "once"))
			.expectError(GeminiUnavailableException.class)
			.verify(TemplateFixtures.TIMEOUT);
		assertThat(this.server.batchCreates).hasValue(1);
	}

	@Test
	void badInputFailsClearlyBeforeSending() {
		StepVerifier.create(this.gemini.batches().createEmbeddings(MODEL, List.of(), "empty"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("at least one request"))
			.verify(TemplateFixtures.TIMEOUT);
		List<EmbedBatchRequest> repeated = List.of(EmbedBatchRequest.of("same", EmbedContentRequest.of("a")),
				EmbedBatchRequest.of("same", EmbedContentRequest.of("b")));
		StepVerifier.create(this.gemini.batches().createEmbeddings(MODEL, repeated, "dup"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'same'"))
			.verify(TemplateFixtures.TIMEOUT);
		StepVerifier.create(this.gemini.batches().createEmbeddingsViaFile(MODEL, Flux.fromIterable(repeated), "dup"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'same'"))
			.verify(TemplateFixtures.TIMEOUT);
		List<EmbedBatchRequest> otherModel = List.of(
				EmbedBatchRequest.of("k", EmbedContentRequest.of("a").withModel("text-embedding-004")));
		StepVerifier.create(this.gemini.batches().createEmbeddings(MODEL, otherModel, "mixed"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'k'")
				.hasMessageContaining("models/text-embedding-004")
				.hasMessageContaining("models/gemini-embedding-001"))
			.verify(TemplateFixtures.TIMEOUT);
		assertThat(this.server.requests).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> EmbedBatchRequest.of(" ", EmbedContentRequest.of("a")));
	}

	@Test
	void requestNamingTheBatchModelIsSentAsIs() {
		List<EmbedBatchRequest> named = List.of(
				EmbedBatchRequest.of("k", EmbedContentRequest.of("a").withModel("models/" + MODEL)));
		assertThat(this.gemini.batches().createEmbeddings("models/" + MODEL, named, "named").block(TemplateFixtures.TIMEOUT)
			.state()).isEqualTo(Batch.State.PENDING);
	}

	@Test
	void inlineEmbeddingBatchOverTwentyMegabytesNamesTheFileVariant() {
		String big = "x".repeat(1024 * 1024);
		List<EmbedBatchRequest> large = java.util.stream.IntStream.range(0, 21)
			.mapToObj((i) -> EmbedBatchRequest.of("k" + i, EmbedContentRequest.of(big)))
			.toList();
		StepVerifier.create(this.gemini.batches().createEmbeddings(MODEL, large, "large"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("20 MB")
				.hasMessageContaining("createEmbeddingsViaFile"))
			.verify(TemplateFixtures.TIMEOUT);
		assertThat(this.server.requests).isEmpty();
	}

	@Test
	void embeddingBatchIsCancelledAndDeletedThroughTheBatchesPaths() {
		Batch created = this.gemini.batches().createEmbeddings(MODEL, this.requests, null).block(TemplateFixtures.TIMEOUT);
		assertThat(created.displayName()).startsWith("gemini-comet-batch-");
		this.gemini.batches().cancel(created.name()).block(TemplateFixtures.TIMEOUT);
		assertThat(this.server.requests).contains("POST /v1beta/" + created.name() + ":cancel");
		assertThat(this.gemini.batches().awaitCompletion(created.name(), POLL, TemplateFixtures.TIMEOUT)
			.block(TemplateFixtures.TIMEOUT)
			.state()).isEqualTo(Batch.State.CANCELLED);
		assertThat(this.gemini.batches().list().map(Batch::name).collectList().block(TemplateFixtures.TIMEOUT))
			.containsExactly(created.name());
		this.gemini.batches().delete(created.name()).block(TemplateFixtures.TIMEOUT);
		StepVerifier.create(this.gemini.batches().get(created.name()))
			.expectErrorSatisfies((ex) -> assertThat(((GeminiResponseException) ex).getStatusCode().value()).isEqualTo(404))
			.verify(TemplateFixtures.TIMEOUT);
	}

}
