package io.github.geminicomet.springai;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.RetrySettings;
import io.github.geminicomet.model.TaskType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiCometEmbeddingModel}, against a Reactor Netty server on 127.0.0.1 that answers
 * {@code batchEmbedContents} with one vector per text.
 */
class GeminiCometEmbeddingModelTests {

	private final JsonMapper jsonMapper = JsonMapper.shared();

	private final List<String> paths = new CopyOnWriteArrayList<>();

	private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

	private DisposableServer server;

	private GeminiTemplate gemini;

	@BeforeEach
	void start() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/**", (request, response) -> request.receive()
				.aggregate()
				.asString()
				.flatMap((body) -> {
					this.paths.add(request.uri());
					JsonNode json = this.jsonMapper.readTree(body);
					this.bodies.add(json);
					StringBuilder answer = new StringBuilder("{\"embeddings\":[");
					for (int i = 0; i < json.get("requests").size(); i++) {
						answer.append((i > 0) ? "," : "").append("{\"values\":[").append(i).append(".5,-1.0,0.25]}");
					}
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just(answer.append("]}").toString()))
						.then();
				})))
			.bindNow();
		this.gemini = GeminiTemplate.builder()
			.baseUrl("http://127.0.0.1:" + this.server.port())
			.apiKey(FakeGemini.API_KEY)
			.retry(RetrySettings.NONE)
			.build();
	}

	@AfterEach
	void stop() {
		this.gemini.close();
		this.server.disposeNow();
	}

	@Test
	void severalTextsAreEmbeddedInOneBatchCall() {
		GeminiCometEmbeddingModel model = new GeminiCometEmbeddingModel(this.gemini);
		List<float[]> vectors = model.embed(List.of("cat", "dog", "bird"));
		assertThat(vectors).hasSize(3);
		assertThat(vectors.get(2)).containsExactly(2.5f, -1.0f, 0.25f);
		assertThat(this.paths).containsExactly("/v1beta/models/gemini-embedding-001:batchEmbedContents");
		JsonNode requests = this.bodies.get(0).get("requests");
		assertThat(requests).hasSize(3);
		assertThat(requests.get(1).get("model").asString()).isEqualTo("models/gemini-embedding-001");
		assertThat(requests.get(1).get("content").get("parts").get(0).get("text").asString()).isEqualTo("dog");
		assertThat(requests.get(1).has("taskType")).isFalse();
		assertThat(requests.get(1).has("outputDimensionality")).isFalse();
	}

	@Test
	void taskTypeAndDimensionsAreSentFromDefaultsAndRequestOptions() {
		GeminiCometEmbeddingModel model = new GeminiCometEmbeddingModel(this.gemini,
				GeminiCometEmbeddingOptions.builder().taskType(TaskType.RETRIEVAL_DOCUMENT).dimensions(768).build());
		EmbeddingResponse response = model.call(new EmbeddingRequest(List.of("a", "b"),
				GeminiCometEmbeddingOptions.builder().model("text-embedding-004").dimensions(3).build()));
		assertThat(response.getResults()).extracting((embedding) -> embedding.getIndex()).containsExactly(0, 1);
		assertThat(response.getMetadata().getModel()).isEqualTo("text-embedding-004");
		assertThat(this.paths).containsExactly("/v1beta/models/text-embedding-004:batchEmbedContents");
		JsonNode first = this.bodies.get(0).get("requests").get(0);
		assertThat(first.get("taskType").asString()).isEqualTo("RETRIEVAL_DOCUMENT");
		assertThat(first.get("outputDimensionality").asInt()).isEqualTo(3);
		assertThat(model.dimensions()).isEqualTo(768);
	}

	@Test
	void documentsAreEmbeddedByTheirText() {
		GeminiCometEmbeddingModel model = new GeminiCometEmbeddingModel(this.gemini);
		float[] vector = model.embed(new Document("Paris is the capital of France", Map.of("source", "atlas")));
		assertThat(vector).hasSize(3);
		assertThat(this.bodies.get(0).get("requests").get(0).get("content").get("parts").get(0).get("text").asString())
			.isEqualTo("Paris is the capital of France");
	}

}
