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
