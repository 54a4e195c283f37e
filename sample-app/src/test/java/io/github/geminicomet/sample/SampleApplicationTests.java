package io.github.geminicomet.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.Modality;
import io.github.geminicomet.model.Tool;
import io.github.geminicomet.model.UsageMetadata;
import io.github.geminicomet.test.AutoConfigureGeminiStub;
import io.github.geminicomet.test.GeminiStub;
import io.github.geminicomet.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SampleApplication}: every endpoint of the whole app, against a {@link GeminiStub}.
 *
 * @author gemini-comet
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureGeminiStub
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private GeminiStub stub;

	@Autowired
	private GeminiTemplate template;

	@Test
	void chatReturnsAnswerTextAndUsage() {
		this.stub.replyText("Rex")
			.withThoughts("thinking about dogs")
			.withUsage(new UsageMetadata(4, null, 1, null, 12, 17, null, null, null, null, null, null));
		post("/api/chat", "{\"prompt\":\"Name a dog\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.text").isEqualTo("Rex")
			.jsonPath("$.usage.totalTokenCount").isEqualTo(17)
			.jsonPath("$.usage.thoughtsTokenCount").isEqualTo(12);
		RecordedRequest request = this.stub.lastRequest();
		assertThat(request.prompt()).isEqualTo("Name a dog");
		assertThat(request.model()).isEqualTo("gemini-3.5-flash-lite");
		assertThat(request.header("x-goog-api-key")).isEqualTo(GeminiStub.API_KEY);
	}

	@Test
	void chatWithBlockedPromptAnswers422() {
		this.stub.blockPrompt(BlockReason.SAFETY);
		post("/api/chat", "{\"prompt\":\"something bad\"}").expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("SAFETY"));
	}

	@Test
	void chatWhenGeminiIsRateLimitedAnswers429ProblemDetailWithTheReason() {
		this.stub.failWith(429, "Quota exceeded").withRetryDelay(Duration.ofMillis(10));
		post("/api/chat", "{\"prompt\":\"hi\"}").expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title").isEqualTo("Gemini's rate limit was reached")
			.jsonPath("$.geminiStatus").isEqualTo("RESOURCE_EXHAUSTED")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("429").contains("Quota exceeded")
				.doesNotContain(GeminiStub.API_KEY));
		assertThat(this.stub.generationRequests()).hasSize(3);
	}

	@Test
	void chatWithoutPromptAnswers400ProblemDetailWithTheReason() {
		post("/api/chat", "{}").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(400)
			.jsonPath("$.detail").isEqualTo("'prompt' must not be empty");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void streamWithoutPromptAnswers400ProblemDetailBeforeStreaming() {
		client().post().uri("/api/chat/stream").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"prompt\":\" \"}")
			.accept(MediaType.APPLICATION_PROBLEM_JSON, MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail").isEqualTo("'prompt' must not be empty");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void streamTakesAPromptFarLongerThanAQueryStringCould() {
		String prompt = "x".repeat(20 * 1024) + " How long is this?";
		this.stub.streamText("Long", " indeed.");
		assertThat(stream(prompt)).extracting(ServerSentEvent::event).containsExactly("answer", "answer", "usage");
		assertThat(this.stub.lastRequest().prompt()).isEqualTo(prompt);
	}

	@Test
	void streamSendsThoughtAndAnswerDeltasAsSeparateEventTypesThenUsage() {
		this.stub.streamText("Paris", " is the capital.").withThoughts("The user asks ", "about France.");
		List<ServerSentEvent<String>> events = stream("Capital of France?");
		assertThat(events).extracting(ServerSentEvent::event)
			.containsExactly("thought", "thought", "answer", "answer", "usage");
		assertThat(events).extracting(ServerSentEvent::data)
			.startsWith("{\"text\":\"The user asks \"}", "{\"text\":\"about France.\"}", "{\"text\":\"Paris\"}",
					"{\"text\":\" is the capital.\"}");
		assertThat(events.get(4).data()).contains("\"totalTokenCount\"");
		RecordedRequest request = this.stub.lastRequest();
		assertThat(request.isStreaming()).isTrue();
		assertThat(request.prompt()).isEqualTo("Capital of France?");
		assertThat(request.generationConfig().thinkingConfig().includeThoughts()).isTrue();
	}

	@Test
	void streamWhenGeminiFailsEndsWithAFailureEvent() {
		this.stub.failWith(400, "Bad thing");
		List<ServerSentEvent<String>> events = stream("hi");
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("failure");
		assertThat(events.get(0).data()).contains("Bad thing");
	}

	@Test
	void extractReturnsTheRecordAsJson() {
		this.stub.replyJson(Map.of("name", "Ada Lovelace", "email", "ada@example.org", "company", "Analytical Engines",
				"city", "London", "topics", List.of("mathematics")));
		post("/api/extract", "{\"text\":\"Ada Lovelace, ada@example.org\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name").isEqualTo("Ada Lovelace")
			.jsonPath("$.email").isEqualTo("ada@example.org")
			.jsonPath("$.topics[0]").isEqualTo("mathematics");
		RecordedRequest request = this.stub.lastRequest();
		assertThat(request.prompt()).isEqualTo("Ada Lovelace, ada@example.org");
		assertThat(request.systemInstruction()).startsWith("Extract the contact details");
		assertThat(request.responseSchema().properties()).containsOnlyKeys("name", "email", "company", "city",
				"topics");
		assertThat(request.responseSchema().required()).contains("name", "topics").doesNotContain("email");
	}

	@Test
	void extractWithUnreadableAnswerAnswers502() {
		this.stub.replyText("not json");
		post("/api/extract", "{\"text\":\"Ada\"}").expectStatus().isEqualTo(502);
	}

	@Test
	void toolsRunTheFunctionsTheModelCallsThenReturnTheAnswer() {
		this.stub.callFunction("currentWeather", Map.of("city", "Paris"))
			.andCallFunction("currentTime", Map.of("city", "Tokyo"));
		this.stub.replyText("Mild in Paris; evening in Tokyo.");
		post("/api/tools", "{\"prompt\":\"Weather in Paris and time in Tokyo?\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.text").isEqualTo("Mild in Paris; evening in Tokyo.")
			.jsonPath("$.calls[0].name").isEqualTo("currentWeather")
			.jsonPath("$.calls[0].args.city").isEqualTo("Paris")
			.jsonPath("$.calls[0].result.result.city").isEqualTo("Paris")
			.jsonPath("$.calls[1].name").isEqualTo("currentTime")
			.jsonPath("$.calls[1].result.result.timeZone").isEqualTo("Asia/Tokyo");
		List<RecordedRequest> requests = this.stub.generationRequests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).functionNames()).containsExactlyInAnyOrder("currentWeather", "currentTime");
		List<FunctionResponse> results = requests.get(1).functionResponses();
		assertThat(results).extracting(FunctionResponse::name).containsExactly("currentWeather", "currentTime");
		assertThat(results.get(0).response().toString()).contains("city=Paris").contains("temperatureCelsius=");
		assertThat(results.get(1).response().toString()).contains("timeZone=Asia/Tokyo");
	}

	@Test
	void searchReturnsTheAnswerWithCitationsAndSources() {
		this.stub.replyText("Spain won Euro 2024. It beat England in the final.")
			.withCitation("Spain won Euro 2024.", "https://example.com/euro", "uefa.com")
			.withSearchQueries("euro 2024 winner");
		post("/api/search", "{\"prompt\":\"Who won Euro 2024?\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.text").isEqualTo("Spain won Euro 2024.[1] It beat England in the final.")
			.jsonPath("$.sources[0].uri").isEqualTo("https://example.com/euro")
			.jsonPath("$.sources[0].title").isEqualTo("uefa.com")
			.jsonPath("$.queries[0]").isEqualTo("euro 2024 winner");
		assertThat(this.stub.lastRequest().tools()).containsExactly(Tool.GOOGLE_SEARCH);
	}

	@Test
	void imageReturnsThePng() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 };
		this.stub.replyImage("image/png", png).withText("A lighthouse");
		post("/api/image", "{\"prompt\":\"A lighthouse\"}").expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectBody(byte[].class)
			.isEqualTo(png);
		RecordedRequest request = this.stub.lastRequest();
		assertThat(request.model()).isEqualTo("gemini-3.1-flash-image");
		assertThat(request.generationConfig().responseModalities()).contains(Modality.IMAGE);
		assertThat(request.generationConfig().imageConfig().imageSize()).isEqualTo("1K");
	}

	@Test
	void imageWhenTheModelDrawsNothingAnswers422() {
		this.stub.replyText("I would rather not.");
		post("/api/image", "{\"prompt\":\"A lighthouse\"}").expectStatus()
			.isEqualTo(422)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("I would rather not."));
	}

	@Test
	void statusSaysOnlineWithTheModel() {
		client().get().uri("/api/status").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.model").isEqualTo("gemini-3.5-flash-lite")
			.jsonPath("$.offline").isEqualTo(false);
	}

	@Test
	void pageIsServedAtTheRoot() {
		client().get().uri("/").exchange().expectStatus().isOk().expectBody(String.class).value((html) -> assertThat(html)
			.contains("fetch(\"/api/chat/stream\"")
			.doesNotContain("EventSource")
			.contains("<details class=\"thoughts\"")
			.contains("<script src=\"/webjars/marked/lib/marked.umd.js\">")
			.contains("<script src=\"/webjars/dompurify/dist/purify.min.js\">"));
		for (String script : List.of("/webjars/marked/lib/marked.umd.js", "/webjars/dompurify/dist/purify.min.js")) {
			client().get().uri(script).exchange().expectStatus().isOk().expectHeader()
				.contentTypeCompatibleWith(new MediaType("text", "javascript"));
		}
	}

	@Test
	void healthShowsTheGeminiCheck() {
		client().get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.gemini.status").isEqualTo("UP")
			.jsonPath("$.components.gemini.details.model").isEqualTo("gemini-3.5-flash-lite");
		assertThat(this.stub.lastRequest().operation()).isEqualTo("get");
	}

	@Test
	void metricsExposeTheGeminiMeters() {
		this.stub.replyText("Rex");
		post("/api/chat", "{\"prompt\":\"Name a dog\"}").expectStatus().isOk();
		client().get().uri("/actuator/metrics/gen_ai.client.operation.duration").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.name").isEqualTo("gen_ai.client.operation.duration")
			.jsonPath("$.measurements[?(@.statistic == 'COUNT')].value").value((List<Double> counts) ->
				assertThat(counts.get(0)).isPositive());
		client().get().uri("/actuator/metrics/gen_ai.client.token.usage").exchange().expectStatus().isOk();
	}

	@Test
	void templateIsTheAutoConfiguredOnePointingAtTheStub() {
		assertThat(this.template.getDefaultModel()).isEqualTo("gemini-3.5-flash-lite");
		assertThat(this.template.getBaseUrl()).isEqualTo(this.stub.baseUrl());
	}

	private WebTestClient.ResponseSpec post(String path, String json) {
		return client().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private List<ServerSentEvent<String>> stream(String prompt) {
		return client().post()
			.uri("/api/chat/stream")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", prompt))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

}
