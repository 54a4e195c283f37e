package io.github.geminicomet.model;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Batch} and {@link GeminiFile}: reading the wire's shapes.
 */
class BatchTests {

	private final JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

	@Test
	void stateReadsRestWireNamesTheSdkNamesAndUnknownOnes() {
		assertThat(Batch.State.of("BATCH_STATE_SUCCEEDED")).isEqualTo(Batch.State.SUCCEEDED);
		assertThat(Batch.State.of("BATCH_STATE_EXPIRED")).isEqualTo(Batch.State.EXPIRED);
		assertThat(Batch.State.of("JOB_STATE_RUNNING")).isEqualTo(Batch.State.RUNNING);
		assertThat(Batch.State.of("BATCH_STATE_PAUSED")).isEqualTo(Batch.State.UNKNOWN);
		assertThat(Batch.State.of("SUCCEEDED")).isEqualTo(Batch.State.UNKNOWN);
		assertThat(Batch.State.of("BATCH_STATE_UNSPECIFIED")).isEqualTo(Batch.State.UNKNOWN);
		assertThat(Batch.State.CANCELLED.wireName()).isEqualTo("BATCH_STATE_CANCELLED");
	}

	@Test
	void batchIsReadFromTheOperationWithItsOutputFromTheResponseWhenMetadataHasNone() {
		String operation = """
				{"name": "batches/abc", "done": true, "newField": 1,
				 "metadata": {"@type": "x", "model": "models/gemini-3.5-flash-lite", "displayName": "n",
				   "state": "BATCH_STATE_SUCCEEDED", "createTime": "2026-12-02T10:00:00.123456Z",
				   "batchStats": {"requestCount": "2", "successfulRequestCount": "2"}},
				 "response": {"@type": "y", "responsesFile": "files/batch-abc"}}
				""";
		Batch batch = this.json.readValue(operation, Batch.class);
		assertThat(batch.name()).isEqualTo("batches/abc");
		assertThat(batch.state()).isEqualTo(Batch.State.SUCCEEDED);
		assertThat(batch.isDone()).isTrue();
		assertThat(batch.createTime()).isEqualTo(Instant.parse("2026-12-02T10:00:00.123456Z"));
		assertThat(batch.stats().successfulRequestCount()).isEqualTo(2);
		assertThat(batch.output().responsesFile()).isEqualTo("files/batch-abc");
	}

	@Test
	void embeddingOutputIsToldApartByItsTypeAndPriorityIsRead() {
		Batch batch = this.json.readValue("""
				{"name": "batches/e", "done": true,
				 "metadata": {"@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.EmbedContentBatch",
				   "model": "models/gemini-embedding-001", "state": "BATCH_STATE_SUCCEEDED", "priority": "7",
				   "output": {"@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.EmbedContentBatchOutput",
				     "inlinedResponses": {"inlinedResponses": [
				       {"metadata": {"key": "a"}, "error": {"code": 3, "message": "bad"}},
				       {"metadata": {"key": "b"}, "error": {"code": 3, "message": "worse"}}]}}}}
				""", Batch.class);
		assertThat(batch.priority()).isEqualTo(7);
		assertThat(batch.output().inlinedResponses()).isNull();
		assertThat(batch.output().inlinedEmbedContentResponses()).extracting((entry) -> entry.error().message())
			.containsExactly("bad", "worse");
	}

	@Test
	void inlinedResponsesAreEmbeddingsWhenTheyHoldOne() {
		Batch batch = this.json.readValue("""
				{"name": "batches/e", "metadata": {"state": "BATCH_STATE_SUCCEEDED",
				 "output": {"inlinedResponses": {"inlinedResponses": [
				   {"metadata": {"key": "a"}, "response": {"embedding": {"values": [0.25, -1]}}},
				   {"metadata": {"key": "b"}, "error": {"code": 3}}]}}}}
				""", Batch.class);
		assertThat(batch.output().inlinedResponses()).isNull();
		Batch.InlinedEmbedContentResponse first = batch.output().inlinedEmbedContentResponses().get(0);
		assertThat(first.response().embedding().values()).containsExactly(0.25, -1.0);
		assertThat(first.metadata()).containsEntry("key", "a");
		assertThat(batch.output().inlinedEmbedContentResponses().get(1).response()).isNull();
	}

	@Test
	void generateResponsesStayGenerateResponses() {
		Batch batch = this.json.readValue("""
				{"name": "batches/g", "metadata": {"state": "BATCH_STATE_SUCCEEDED",
				 "output": {"inlinedResponses": {"inlinedResponses": [
				   {"metadata": {"key": "a"}, "response": {"candidates": [{"content": {"role": "model",
				     "parts": [{"text": "Hi"}]}, "finishReason": "STOP"}], "modelVersion": "gemini-2.5-flash",
				     "usageMetadata": {"totalTokenCount": 3}, "somethingNew": 1}}]}}}}
				""", Batch.class);
		assertThat(batch.output().inlinedEmbedContentResponses()).isNull();
		assertThat(batch.output().inlinedResponses()).singleElement().satisfies((entry) -> {
			assertThat(entry.response().text()).isEqualTo("Hi");
			assertThat(entry.response().modelVersion()).isEqualTo("gemini-2.5-flash");
			assertThat(entry.response().usageMetadata().totalTokenCount()).isEqualTo(3);
		});
	}

	@Test
	void resultsThatCannotBeToldApartAreOfferedBothWays() {
		Batch batch = this.json.readValue("""
				{"name": "batches/x", "metadata": {"state": "BATCH_STATE_SUCCEEDED",
				 "output": {"inlinedResponses": {"inlinedResponses": [{"error": {"code": 13}}]}}}}
				""", Batch.class);
		assertThat(batch.output().inlinedResponses()).singleElement()
			.satisfies((entry) -> assertThat(entry.error().code()).isEqualTo(13));
		assertThat(batch.output().inlinedEmbedContentResponses()).singleElement()
			.satisfies((entry) -> assertThat(entry.error().code()).isEqualTo(13));
	}

	@Test
	void sdkFieldNameAndAnOperationResponseWrappingTheOutputAreRead() {
		Batch batch = this.json.readValue("""
				{"name": "batches/e", "done": true, "metadata": {"state": "BATCH_STATE_SUCCEEDED"},
				 "response": {"@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.AsyncBatchEmbedContentResponse",
				   "output": {"inlinedEmbedContentResponses": {"inlinedResponses": [
				     {"metadata": {"key": "a"}, "response": {"embedding": {"values": [1]}}}]}}}}
				""", Batch.class);
		assertThat(batch.output().inlinedEmbedContentResponses()).singleElement()
			.satisfies((entry) -> assertThat(entry.response().embedding().values()).containsExactly(1.0));
		assertThat(batch.output().inlinedResponses()).isNull();
	}

	@Test
	void fileStateToleratesNewValuesAndHashIsDecodedToHex() {
		GeminiFile file = this.json.readValue("""
				{"name": "files/a", "state": "ARCHIVED", "sizeBytes": "12",
				 "sha256Hash": "YWJjZGVm", "videoMetadata": {"videoDuration": "12.5s"}}
				""", GeminiFile.class);
		assertThat(file.state()).isEqualTo(GeminiFile.State.UNKNOWN);
		assertThat(file.sizeBytes()).isEqualTo(12);
		assertThat(file.sha256Hex()).isEqualTo("abcdef");
		assertThat(file.videoMetadata().videoDuration()).isEqualTo("12.5s");
	}

}
