package io.github.geminicomet.sample;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.geminicomet.GeminiTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SampleApplication}: the whole app against a fake Gemini on loopback.
 *
 * @author gemini-comet
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cometapi.gemini.api-key=sample-test-key")
class SampleApplicationTests {

	private static final WireMockServer gemini = startGemini();

	@LocalServerPort
	private int port;

	@Autowired
	private GeminiTemplate template;

	private static WireMockServer startGemini() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		return server;
	}

	@DynamicPropertySource
	static void geminiProperties(DynamicPropertyRegistry registry) {
		registry.add("cometapi.gemini.base-url", () -> "http://127.0.0.1:" + gemini.port());
	}

	@AfterAll
	static void stopGemini() {
		gemini.stop();
	}

	@Test
	void chatReturnsAnswerTextAndUsage() {
		gemini.stubFor(post(urlEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"candidates":[{"content":{"role":"model","parts":[
					  {"text":"thinking about dogs","thought":true},{"text":"Rex"}]},"finishReason":"STOP"}],
					 "usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":1,"thoughtsTokenCount":12,
					   "totalTokenCount":17}}""")));
		client().post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"prompt\":\"Name a dog\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.text").isEqualTo("Rex")
			.jsonPath("$.usage.totalTokenCount").isEqualTo(17)
			.jsonPath("$.usage.thoughtsTokenCount").isEqualTo(12);
		gemini.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
			.withHeader("x-goog-api-key", equalTo("sample-test-key"))
			.withRequestBody(equalToJson("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Name a dog\"}]}]}")));
	}

	@Test
	void chatWithBlockedPromptAnswers422() {
		gemini.stubFor(post(urlEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}")));
		client().post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"prompt\":\"something bad\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("SAFETY"));
	}

	@Test
	void chatWhenGeminiFailsAnswers502WithTheReason() {
		gemini.stubFor(post(urlEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
			.willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
					{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}""")));
		client().post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"prompt\":\"hi\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("429").contains("Quota exceeded")
				.doesNotContain("sample-test-key"));
	}

	@Test
	void chatWithoutPromptAnswers400() {
		client().post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void templateIsTheAutoConfiguredOne() {
		assertThat(this.template.getDefaultModel()).isEqualTo("gemini-2.5-flash");
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

}
