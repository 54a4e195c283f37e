package io.github.geminicomet.test;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.RetrySettings;
import io.github.geminicomet.TextDelta;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Modality;
import io.github.geminicomet.model.ThinkingConfig;
import io.github.geminicomet.model.Tool;
import io.github.geminicomet.tool.GeminiTool;
import io.github.geminicomet.tool.GeminiToolParam;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PlausibleResponder}.
 *
 * @author gemini-comet
 */
class PlausibleResponderTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static GeminiStub stub;

	private static GeminiTemplate gemini;

	@BeforeAll
	static void start() {
		stub = GeminiStub.start()
			.answerWith(new PlausibleResponder().withChunkDelay(Duration.ZERO).withNote("Set COMETAPI_KEY."));
		gemini = GeminiTemplate.builder()
			.baseUrl(stub.baseUrl())
			.apiKey(GeminiStub.API_KEY)
			.retry(RetrySettings.NONE)
			.build();
	}

	@AfterAll
	static void stop() {
		gemini.close();
		stub.close();
	}

	@Test
	void textIsStreamedWordByWordAfterThoughtsWhenAsked() {
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(Content.user("Why is the sky blue?"))
			.generationConfig(GenerationConfig.builder()
				.thinkingConfig(ThinkingConfig.includingThoughts())
				.build())
			.build();
		List<TextDelta> deltas = gemini.streamTextDeltas(request).collectList().block(TIMEOUT);
		assertThat(deltas.get(0).isThought()).isTrue();
		List<TextDelta> answer = deltas.stream().filter((delta) -> !delta.isThought()).toList();
		assertThat(answer).hasSizeGreaterThan(10);
		String text = String.join("", answer.stream().map(TextDelta::text).toList());
		assertThat(text).contains("Why is the sky blue?").contains("made up").endsWith("Set COMETAPI_KEY.");
	}

	@Test
	void textHasNoThoughtsUnlessAsked() {
		GenerateContentResponse response = gemini.generateContent(GenerateContentRequest.of("Hi")).block(TIMEOUT);
		assertThat(response.thoughtText()).isEmpty();
		assertThat(response.text()).contains("Hi");
	}

	@Test
	void structuredOutputFitsTheSchemaAndUsesThePrompt() {
		Contact contact = gemini.generateObject("Ada Lovelace (ada@example.org) works at Analytical Engines Ltd "
				+ "in London since 1843-06-01 and has 3 cats.", Contact.class).block(TIMEOUT);
		assertThat(contact.name()).isEqualTo("Ada Lovelace");
		assertThat(contact.email()).isEqualTo("ada@example.org");
		assertThat(contact.company()).isEqualTo("Analytical Engines Ltd");
		assertThat(contact.city()).isEqualTo("London");
		assertThat(contact.since()).isEqualTo(LocalDate.of(1843, 6, 1));
		assertThat(contact.cats()).isEqualTo(3);
		assertThat(contact.mood()).isEqualTo(Mood.HAPPY);
		assertThat(contact.topics()).containsExactly("cats");
	}

	@Test
	void structuredOutputWithAMapUsesTheJsonSchema() {
		Inventory inventory = gemini.generateObject("Count the apples", Inventory.class).block(TIMEOUT);
		assertThat(stub.lastRequest().responseJsonSchema()).isNotNull();
		assertThat(inventory.owner()).isNotBlank();
	}

	@Test
	void functionsMatchingThePromptAreCalledThenTheirResultsReported() {
		String answer = gemini.withTools(new TravelTools())
			.generateText("What's the weather in Tokyo right now?")
			.block(TIMEOUT);
		List<RecordedRequest> requests = stub.generationRequests();
		RecordedRequest last = requests.get(requests.size() - 1);
		assertThat(last.functionResponses()).singleElement()
			.satisfies((result) -> assertThat(result.name()).isEqualTo("currentWeather"));
		assertThat(answer).contains("city Tokyo").contains("celsius 21");
	}

	@Test
	void groundedAnswerCitesTwoSources() {
		GenerateContentResponse response = gemini.generateContent(GenerateContentRequest.builder()
			.addContent(Content.user("Who won Euro 2024?"))
			.addTool(Tool.GOOGLE_SEARCH)
			.build()).block(TIMEOUT);
		assertThat(response.textWithCitations()).contains("topic.[1]").contains("news.[2]");
		assertThat(response.firstCandidate().groundingMetadata().webSearchQueries())
			.containsExactly("Who won Euro 2024?");
	}

	@Test
	void imageModalityGetsADecodablePng() throws Exception {
		GenerateContentResponse response = gemini.generateContent("gemini-2.5-flash-image",
				GenerateContentRequest.builder()
					.addContent(Content.user("A cat"))
					.generationConfig(GenerationConfig.builder().responseModalities(Modality.TEXT, Modality.IMAGE).build())
					.build())
			.block(TIMEOUT);
		assertThat(response.images()).singleElement().satisfies((image) -> {
			assertThat(image.mimeType()).isEqualTo("image/png");
			BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
			assertThat(decoded.getWidth()).isEqualTo(256);
		});
		assertThat(response.text()).contains("A cat");
	}

	enum Mood {

		HAPPY, SAD

	}

	record Contact(String name, String email, String company, String city, LocalDate since, int cats, Mood mood,
			List<String> topics, @Nullable String note) {
	}

	record Inventory(String owner, Map<String, Integer> counts) {
	}

	static class TravelTools {

		@GeminiTool(description = "Current weather in a city")
		Map<String, Object> currentWeather(@GeminiToolParam(description = "City, such as Paris") String city) {
			return Map.of("city", city, "celsius", 21);
		}

		@GeminiTool(description = "Exchange rate between two currencies")
		double exchangeRate(String from, String to) {
			return 1.1;
		}

	}

}
