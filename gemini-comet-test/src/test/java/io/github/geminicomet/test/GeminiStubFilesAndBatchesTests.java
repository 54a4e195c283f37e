package io.github.geminicomet.test;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.ByteArrayResource;

import io.github.geminicomet.model.BatchResult;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.Batch;
import io.github.geminicomet.model.BatchRequest;
import io.github.geminicomet.model.EmbedBatchRequest;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbeddingBatchResult;
import io.github.geminicomet.model.GeminiFile;
import io.github.geminicomet.model.GenerateContentRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Files and Batch endpoints of {@link GeminiStub}, through a {@link GeminiTemplate}.
 */
class GeminiStubFilesAndBatchesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@AutoClose
	private final GeminiStub stub = GeminiStub.start();

	@AutoClose
	private final GeminiTemplate gemini = GeminiTemplate.builder()
		.baseUrl(this.stub.baseUrl())
		.apiKey(GeminiStub.API_KEY)
		.build();

	@Test
	void uploadInChunksGetListAndDelete() {
		byte[] content = new byte[StubFilesAndBatches.GRANULARITY * 2 + 10];
		GeminiFile file = this.gemini.files().upload(new ByteArrayResource(content) {

			@Override
			public String getFilename() {
				return "notes.pdf";
			}

		}, "application/pdf").block(TIMEOUT);
		assertThat(file.state()).isEqualTo(GeminiFile.State.ACTIVE);
		assertThat(file.sizeBytes()).isEqualTo(content.length);
		assertThat(file.displayName()).isEqualTo("notes.pdf");
		assertThat(this.stub.requests()).filteredOn((request) -> request.path().startsWith("/upload/")).hasSize(4);
		assertThat(this.gemini.files().list().collectList().block(TIMEOUT)).extracting(GeminiFile::name)
			.containsExactly(file.name());
		this.gemini.files().delete(file.name()).block(TIMEOUT);
		assertThat(this.gemini.files().list().collectList().block(TIMEOUT)).isEmpty();
	}

	@Test
	void videoIsProcessingUntilFirstPoll() {
		GeminiFile file = this.gemini.files().upload(new ByteArrayResource(new byte[10]), "video/mp4").block(TIMEOUT);
		assertThat(file.state()).isEqualTo(GeminiFile.State.PROCESSING);
		assertThat(this.gemini.files().awaitActive(file.name()).block(TIMEOUT).state()).isEqualTo(GeminiFile.State.ACTIVE);
	}

	@Test
	void inlineAndFileBatchesAreAnsweredFromTheScript() {
		this.stub.replyText("first");
		this.stub.replyText("second");
		List<BatchRequest> requests = List.of(BatchRequest.of("a", GenerateContentRequest.of("one")),
				BatchRequest.of("b", GenerateContentRequest.of("two")));
		Batch inline = this.gemini.batches().create("gemini-3.5-flash-lite", requests, "small").block(TIMEOUT);
		assertThat(inline.state()).isEqualTo(Batch.State.PENDING);
		Batch done = this.gemini.batches().awaitCompletion(inline.name(), Duration.ofMillis(10), TIMEOUT).block(TIMEOUT);
		assertThat(done.state()).isEqualTo(Batch.State.SUCCEEDED);
		assertThat(this.gemini.batches().results(inline.name()).collectList().block(TIMEOUT))
			.extracting(BatchResult::key, (result) -> result.response().text())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a", "first"), org.assertj.core.groups.Tuple.tuple("b", "second"));

		Batch viaFile = this.gemini.batches().createViaFile("gemini-3.5-flash-lite", Flux.fromIterable(requests), "file")
			.block(TIMEOUT);
		assertThat(this.gemini.batches().results(viaFile.name()).map(BatchResult::key).collectList().block(TIMEOUT))
			.containsExactly("a", "b");
		assertThat(this.gemini.batches().list().count().block(TIMEOUT)).isEqualTo(2);
		this.gemini.batches().cancel(viaFile.name()).block(TIMEOUT);
		assertThat(this.gemini.batches().get(viaFile.name()).block(TIMEOUT).state()).isEqualTo(Batch.State.CANCELLED);
	}

	@Test
	void embeddingBatchesEmbedEachTextTheSameWayInlineAndViaFile() {
		List<EmbedBatchRequest> requests = List.of(EmbedBatchRequest.of("a", EmbedContentRequest.of("alpha")),
				EmbedBatchRequest.of("b", EmbedContentRequest.of("beta").withOutputDimensionality(16)),
				EmbedBatchRequest.of("empty", EmbedContentRequest.of("")),
				EmbedBatchRequest.of("a2", EmbedContentRequest.of("alpha")));
		Batch inline = this.gemini.batches().createEmbeddings("gemini-embedding-001", requests, "index").block(TIMEOUT);
		assertThat(inline.state()).isEqualTo(Batch.State.PENDING);
		assertThat(this.stub.lastRequest().path()).isEqualTo("/v1beta/models/gemini-embedding-001:asyncBatchEmbedContent");
		Batch done = this.gemini.batches().awaitCompletion(inline.name(), Duration.ofMillis(10), TIMEOUT).block(TIMEOUT);
		assertThat(done.state()).isEqualTo(Batch.State.SUCCEEDED);
		assertThat(done.stats().failedRequestCount()).isEqualTo(1);
		List<EmbeddingBatchResult> results = this.gemini.batches().embeddingResults(inline.name()).collectList()
			.block(TIMEOUT);
		assertThat(results).extracting(EmbeddingBatchResult::key).containsExactly("a", "b", "empty", "a2");
		assertThat(results).extracting(EmbeddingBatchResult::isSuccess).containsExactly(true, true, false, true);
		assertThat(results.get(0).embedding().values()).hasSize(StubFilesAndBatches.EMBEDDING_SIZE);
		assertThat(results.get(1).embedding().values()).hasSize(16);
		assertThat(results.get(3).embedding()).isEqualTo(results.get(0).embedding());
		assertThat(results.get(1).embedding().values().get(0)).isNotEqualTo(results.get(0).embedding().values().get(0));
		double norm = results.get(0).embedding().values().stream().mapToDouble((value) -> value * value).sum();
		assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(results.get(2).error().code()).isEqualTo(3);

		Batch viaFile = this.gemini.batches()
			.createEmbeddingsViaFile("gemini-embedding-001", Flux.fromIterable(requests), "file")
			.block(TIMEOUT);
		assertThat(this.gemini.batches().embeddingResults(viaFile.name()).collectList().block(TIMEOUT))
			.isEqualTo(results);
		this.gemini.batches().delete(viaFile.name()).block(TIMEOUT);
		assertThat(this.gemini.batches().list().map(Batch::name).collectList().block(TIMEOUT))
			.containsExactly(inline.name());
	}

}
