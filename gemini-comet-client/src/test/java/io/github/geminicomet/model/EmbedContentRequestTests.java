package io.github.geminicomet.model;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmbedContentRequest} and the embedding responses.
 */
class EmbedContentRequestTests {

	@Test
	void ofTextWritesOneTextPartWithoutRole() {
		assertThat(write(EmbedContentRequest.of("hello")))
			.isEqualTo("{\"content\":{\"parts\":[{\"text\":\"hello\"}]}}");
	}

	@Test
	void withersSetTheOptionalFields() {
		EmbedContentRequest request = EmbedContentRequest.of("doc body")
			.withModel("gemini-embedding-001")
			.withTaskType(TaskType.RETRIEVAL_DOCUMENT)
			.withTitle("Doc")
			.withOutputDimensionality(768);
		assertThat(write(request)).isEqualTo("{\"model\":\"models/gemini-embedding-001\","
				+ "\"content\":{\"parts\":[{\"text\":\"doc body\"}]},\"taskType\":\"RETRIEVAL_DOCUMENT\","
				+ "\"title\":\"Doc\",\"outputDimensionality\":768}");
	}

	@Test
	void batchSetsTheModelOnEveryRequestWithoutOne() {
		BatchEmbedContentsRequest batch = BatchEmbedContentsRequest.of("gemini-embedding-001",
				List.of(EmbedContentRequest.of("a"), EmbedContentRequest.of("b").withModel("models/other")));
		assertThat(batch.requests()).extracting(EmbedContentRequest::model)
			.containsExactly("models/gemini-embedding-001", "models/other");
		assertThat(BatchEmbedContentsRequest.ofTexts("models/e", List.of("x", "y")).requests())
			.extracting((request) -> request.content().text())
			.containsExactly("x", "y");
	}

	@Test
	void embeddingResponsesAreRead() {
		EmbedContentResponse single = mapper.readValue("{\"embedding\":{\"values\":[0.25,-0.5,0.125]}}",
				EmbedContentResponse.class);
		assertThat(single.embedding().values()).containsExactly(0.25, -0.5, 0.125);
		assertThat(single.embedding().toFloatArray()).containsExactly(0.25f, -0.5f, 0.125f);
		BatchEmbedContentsResponse batch = mapper.readValue(
				"{\"embeddings\":[{\"values\":[0.5]},{\"values\":[-0.75]}],\"usageMetadata\":{\"x\":1}}",
				BatchEmbedContentsResponse.class);
		assertThat(batch.embeddings()).containsExactly(new ContentEmbedding(List.of(0.5)),
				new ContentEmbedding(List.of(-0.75)));
		assertThat(write(single)).isEqualTo("{\"embedding\":{\"values\":[0.25,-0.5,0.125]}}");
		assertThat(new ContentEmbedding(null).toFloatArray()).isEmpty();
	}

}
