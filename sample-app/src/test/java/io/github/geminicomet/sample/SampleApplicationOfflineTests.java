package io.github.geminicomet.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.core.io.ByteArrayResource;

import io.github.geminicomet.GeminiTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the offline mode of {@link SampleApplication}: started without a key, it runs end to end
 * against the embedded fake Gemini; with a key, it leaves the configuration alone.
 *
 * @author gemini-comet
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationOfflineTests {

	@Test
	void startWithoutKeyRunsOfflineAndSaysHowToGoOnline(CapturedOutput output) {
		// "--COMETAPI_KEY=" outranks a real environment variable, so the test also holds on a machine with a key
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class,
				"--server.port=0", "--COMETAPI_KEY=", "--cometapi.gemini.api-key=")) {
			assertThat(output).contains("OFFLINE MODE: no CometAPI key is set")
				.contains("COMETAPI_KEY=sk-your-key ./mvnw -pl sample-app spring-boot:run")
				.doesNotContain("APPLICATION FAILED TO START");
			String baseUrl = context.getBean(GeminiTemplate.class).getBaseUrl();
			assertThat(baseUrl).startsWith("http://127.0.0.1:");
			assertThat(output).contains(baseUrl);
			WebTestClient client = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
				.responseTimeout(Duration.ofSeconds(20))
				.build();
			client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"prompt\":\"Name a dog\"}").exchange()
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.text").value((String text) -> assertThat(text).contains("Name a dog").contains("offline"))
				.jsonPath("$.usage.totalTokenCount").isNumber();
			client.get().uri("/api/status").exchange().expectBody().jsonPath("$.offline").isEqualTo(true);
			assertEveryEndpointAnswersPlausibly(client);
		}
	}

	private void assertEveryEndpointAnswersPlausibly(WebTestClient client) {
		List<ServerSentEvent<String>> events = client.post()
			.uri("/api/chat/stream")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"prompt\":\"Why is the sky blue?\"}")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(events).extracting(ServerSentEvent::event).contains("thought", "answer").endsWith("usage");
		assertThat(events.stream().filter((event) -> "answer".equals(event.event())).count()).isGreaterThan(10);
		client.post().uri("/api/extract").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\":\"Ada Lovelace (ada@example.org) works at Analytical Engines Ltd in London.\"}")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.name").isEqualTo("Ada Lovelace")
			.jsonPath("$.email").isEqualTo("ada@example.org")
			.jsonPath("$.city").isEqualTo("London");
		client.post().uri("/api/tools").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"prompt\":\"What's the weather in Tokyo, and what time is it there?\"}")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.text").value((String text) -> assertThat(text).contains("Tokyo").contains("Asia/Tokyo")
				.contains("temperature celsius"));
		client.post().uri("/api/search").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"prompt\":\"Who won Euro 2024?\"}")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.text").value((String text) -> assertThat(text).contains("[1]").contains("[2]"))
			.jsonPath("$.sources.length()").isEqualTo(2);
		client.post().uri("/api/image").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"prompt\":\"A lighthouse\"}")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentType(MediaType.IMAGE_PNG);
		assertFilesAndBatchesWorkOffline(client);
		client.get().uri("/actuator/health").exchange().expectBody()
			.jsonPath("$.components.gemini.status").isEqualTo("UP");
		assertSpringAiChatRemembersAndCallsTools(client);
	}

	private void assertSpringAiChatRemembersAndCallsTools(WebTestClient client) {
		Map<?, ?> first = client.post().uri("/api/spring-ai").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "What time is it in Tokyo?"))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat((String) first.get("text")).contains("Asia/Tokyo");
		assertThat((Integer) first.get("remembered")).isGreaterThanOrEqualTo(2);
		Map<?, ?> second = client.post().uri("/api/spring-ai").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "And in Paris?", "conversation", first.get("conversation")))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(second.get("conversation")).isEqualTo(first.get("conversation"));
		assertThat((Integer) second.get("remembered")).isGreaterThan((Integer) first.get("remembered"));
	}

	private void assertFilesAndBatchesWorkOffline(WebTestClient client) {
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new ByteArrayResource(new byte[600 * 1024]) {

			@Override
			public String getFilename() {
				return "clip.mp4";
			}

		}).contentType(MediaType.parseMediaType("video/mp4"));
		client.post().uri("/api/files").contentType(MediaType.MULTIPART_FORM_DATA)
			.bodyValue(form.build())
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.name").value((String name) -> assertThat(name).startsWith("files/"))
			.jsonPath("$.sizeBytes").isEqualTo(600 * 1024)
			.jsonPath("$.state").isEqualTo("ACTIVE")
			.jsonPath("$.answer").isNotEmpty();
		String name = client.post().uri("/api/batches").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"prompts\":[\"Why is the sky blue?\",\"Name a river\"]}")
			.exchange()
			.expectStatus().isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(name).contains("\"state\":\"PENDING\"");
		String id = name.replaceAll(".*\"name\":\"batches/([^\"]+)\".*", "$1");
		client.get().uri("/api/batches/" + id).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.state").isEqualTo("SUCCEEDED")
			.jsonPath("$.answers.length()").isEqualTo(2)
			.jsonPath("$.answers[0].key").isEqualTo("prompt-1")
			.jsonPath("$.answers[0].text").isNotEmpty();
	}

	@Test
	void startWithKeyLeavesTheConfigurationAlone(CapturedOutput output) {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class,
				"--spring.main.web-application-type=none", "--cometapi.gemini.api-key=a-key")) {
			assertThat(context.getEnvironment().getPropertySources().contains(OfflineGemini.PROPERTY_SOURCE_NAME))
				.isFalse();
			assertThat(context.getBean(GeminiTemplate.class).getBaseUrl()).isEqualTo("https://api.cometapi.com");
			assertThat(output).doesNotContain("OFFLINE MODE");
		}
	}

	@Test
	void startWithBaseUrlButNoKeyDoesNotGoOffline() {
		OfflineGeminiEnvironmentPostProcessor postProcessor = new OfflineGeminiEnvironmentPostProcessor();
		MockEnvironment environment = new MockEnvironment()
			.withProperty("cometapi.gemini.base-url", "https://gateway.example.com");
		postProcessor.postProcessEnvironment(environment, new SpringApplication(SampleApplication.class));
		assertThat(environment.getPropertySources().contains(OfflineGemini.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void offlinePropertySourceStartsTheFakeOnlyWhenTheBaseUrlIsRead() {
		OfflineGemini offline = new OfflineGemini();
		OfflineGemini.OfflinePropertySource source = new OfflineGemini.OfflinePropertySource(offline);
		assertThat(source.getProperty("cometapi.gemini.api-key")).isEqualTo(OfflineGemini.PLACEHOLDER_KEY);
		assertThat(source.getProperty("sample.offline")).isEqualTo("false");
		assertThat(offline.isStarted()).isFalse();
		assertThat((String) source.getProperty("cometapi.gemini.base-url")).startsWith("http://127.0.0.1:");
		assertThat(offline.isStarted()).isTrue();
		assertThat(source.getProperty("sample.offline")).isEqualTo("true");
		offline.onApplicationEvent(new ApplicationFailedEvent(new SpringApplication(), new String[0], null,
				new IllegalStateException("test")));
		assertThat(offline.isStarted()).isFalse();
	}

}
