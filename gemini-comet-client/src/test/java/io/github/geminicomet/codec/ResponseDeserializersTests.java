package io.github.geminicomet.codec;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.ModalityTokenCount;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.SafetyRating;
import io.github.geminicomet.model.UsageMetadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ResponseDeserializers}: the fast path reads every response into the records Jackson's
 * default binding gives.
 *
 * @author gemini-comet
 */
class ResponseDeserializersTests {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private static final ObjectReader DEFAULT = MAPPER.readerFor(GenerateContentResponse.class);

	private static final ObjectReader FAST = ResponseDeserializers.register(MAPPER)
		.readerFor(GenerateContentResponse.class);

	/** Every response body and stream event among the test resources, as JSON. */
	static Stream<String> recordedResponses() throws IOException, URISyntaxException {
		Path resources = Path.of(ResponseDeserializersTests.class.getResource("/template").toURI()).getParent();
		List<String> bodies = new ArrayList<>();
		try (Stream<Path> files = Files.walk(resources)) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				String name = file.getFileName().toString();
				if (!name.endsWith(".sse") && !name.endsWith(".json")) {
					continue;
				}
				String text = Files.readString(file, StandardCharsets.UTF_8);
				if (name.endsWith(".sse")) {
					for (String line : text.split("\r\n|\r|\n")) {
						if (line.startsWith("data:") && line.contains("{") && !line.contains("\"error\"")) {
							bodies.add(line.substring(5).strip());
						}
					}
				}
				else if (name.endsWith(".json") && (name.startsWith("response") || file.toString().contains("unary"))) {
					bodies.add(text);
				}
			}
		}
		assertThat(bodies).hasSizeGreaterThan(20);
		return bodies.stream();
	}

	@ParameterizedTest
	@MethodSource("recordedResponses")
	void readsEveryRecordedResponseAsTheDefaultBindingDoes(String json) {
		GenerateContentResponse expected;
		try {
			expected = DEFAULT.readValue(json);
		}
		catch (JacksonException ex) {
			// the invalid and the multi-line events of the stream fixtures: the fast path fails on them too
			assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> FAST.readValue(json));
			return;
		}
		GenerateContentResponse actual = FAST.readValue(json);
		assertThat(actual).isEqualTo(expected);
		assertThat(MAPPER.writeValueAsString(actual)).isEqualTo(MAPPER.writeValueAsString(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"},{\"text\":\"b\",\"thought\":true},{\"text\":\"c\"}]},\"index\":0},{\"index\":1,\"finishReason\":\"STOP\"}]}",
			"{\"candidates\":[],\"usageMetadata\":null,\"modelVersion\":null}",
			"{\"candidates\":[{\"finishReason\":\"SOMETHING_NEW\",\"content\":{\"parts\":[]},\"future\":{\"a\":[1,2,{\"b\":3}]}}]}",
			"{\"candidates\":[{\"finishReason\":\"stop\",\"index\":\"2\",\"tokenCount\":1.0}]}",
			"{\"usageMetadata\":{\"promptTokenCount\":\"7\",\"promptTokensDetails\":[{\"modality\":\"AUDIO_NEW\",\"tokenCount\":3},{\"modality\":\"TEXT\"}],\"serviceTier\":\"flex\"}}",
			"{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"thought\":\"true\",\"thoughtSignature\":\"c2ln/+==\",\"partMetadata\":{\"k\":null,\"n\":[1]}}]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"id\":\"c1\",\"name\":\"f\",\"args\":{\"x\":1}}},{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]}}],\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}",
			"{\"candidates\":[{\"safetyRatings\":[{\"category\":\"HARM_CATEGORY_NEW\",\"probability\":\"low\",\"blocked\":true,\"probabilityScore\":0.1}]}]}",
			"{}" })
	void readsEdgeCasesAsTheDefaultBindingDoes(String json) {
		assertThat(FAST.<GenerateContentResponse>readValue(json)).isEqualTo(DEFAULT.readValue(json));
	}

	@Test
	void countsBeyondAnIntFailAsJacksonDoes() {
		String json = "{\"usageMetadata\":{\"promptTokenCount\":12345678901}}";
		JacksonException expected = org.assertj.core.api.Assertions.catchThrowableOfType(JacksonException.class,
				() -> DEFAULT.readValue(json));
		assertThat(expected).isNotNull();
		assertThatExceptionOfType(expected.getClass()).isThrownBy(() -> FAST.readValue(json));
	}

	@Test
	void unknownEnumValuesBecomeUnknown() {
		GenerateContentResponse response = FAST.readValue("{\"candidates\":[{\"finishReason\":\"NEW_REASON\"}]}");
		assertThat(response.finishReason()).isEqualTo(FinishReason.UNKNOWN);
	}

	@Test
	void signaturesAreKeptByteForByte() {
		String signature = "CiQB0e2Kb+/3xZ9==\\u002b";
		GenerateContentResponse response = FAST.readValue(
				"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\",\"thoughtSignature\":\"" + signature + "\"}]}}]}");
		assertThat(response.firstCandidate().content().parts().get(0).thoughtSignature()).isEqualTo("CiQB0e2Kb+/3xZ9==+");
	}

	@Test
	void wrongShapeFailsAsJacksonDoes() {
		assertThatExceptionOfType(MismatchedInputException.class).isThrownBy(() -> FAST.readValue("[1]"));
		assertThatExceptionOfType(MismatchedInputException.class)
			.isThrownBy(() -> FAST.readValue("{\"candidates\":[{\"content\":\"text\"}]}"));
	}

	/**
	 * Each record read on the fast path names its components here: a component added to one of them must
	 * be read by {@link ResponseDeserializers} too (and then added here), or its value would be dropped.
	 */
	@Test
	void fastPathKnowsEveryComponentOfItsRecords() {
		assertComponents(GenerateContentResponse.class, "candidates", "promptFeedback", "usageMetadata",
				"modelVersion", "responseId", "createTime");
		assertComponents(Candidate.class, "index", "content", "finishReason", "finishMessage", "safetyRatings",
				"citationMetadata", "tokenCount", "groundingMetadata", "avgLogprobs", "logprobsResult",
				"urlContextMetadata");
		assertComponents(Content.class, "role", "parts");
		assertComponents(Part.class, "text", "inlineData", "fileData", "functionCall", "functionResponse",
				"executableCode", "codeExecutionResult", "toolCall", "toolResponse", "videoMetadata", "thought",
				"thoughtSignature", "partMetadata");
		assertComponents(UsageMetadata.class, "promptTokenCount", "cachedContentTokenCount", "candidatesTokenCount",
				"toolUsePromptTokenCount", "thoughtsTokenCount", "totalTokenCount", "promptTokensDetails",
				"cacheTokensDetails", "candidatesTokensDetails", "toolUsePromptTokensDetails", "trafficType",
				"serviceTier");
		assertComponents(ModalityTokenCount.class, "modality", "tokenCount");
		assertComponents(SafetyRating.class, "category", "probability", "blocked");
	}

	private static void assertComponents(Class<? extends Record> type, String... names) {
		assertThat(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName))
			.as("components of %s read by ResponseDeserializers", type.getSimpleName())
			.containsExactly(names);
	}

}
