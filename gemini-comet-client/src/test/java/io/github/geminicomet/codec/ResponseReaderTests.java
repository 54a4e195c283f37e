package io.github.geminicomet.codec;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ResponseReader}: the pass without a databinding context reads what the databinding
 * reads, and leaves everything else to it.
 *
 * @author gemini-comet
 */
class ResponseReaderTests {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private static final ObjectReader DEFAULT = MAPPER.readerFor(GenerateContentResponse.class);

	private static final ResponseReader READER = ResponseReader.of(MAPPER);

	static Stream<String> recordedResponses() throws IOException, URISyntaxException {
		return ResponseDeserializersTests.recordedResponses();
	}

	@ParameterizedTest
	@MethodSource("recordedResponses")
	void readsEveryRecordedResponseAsTheDefaultBindingDoes(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		GenerateContentResponse expected;
		try {
			expected = DEFAULT.readValue(json);
		}
		catch (JacksonException ex) {
			assertThat(READER.readWithoutContext(bytes, 0, bytes.length)).isNull();
			assertThatExceptionOfType(ex.getClass()).isThrownBy(() -> READER.read(bytes, 0, bytes.length));
			return;
		}
		GenerateContentResponse pass = READER.readWithoutContext(bytes, 0, bytes.length);
		if (pass != null) {
			assertThat(pass).isEqualTo(expected);
			assertThat(MAPPER.writeValueAsString(pass)).isEqualTo(MAPPER.writeValueAsString(expected));
		}
		assertThat(READER.read(bytes, 0, bytes.length)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,\"totalTokenCount\":12,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":12}]},\"modelVersion\":\"gemini-3.5-flash-lite\",\"responseId\":\"x3Zq\"}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"},{\"text\":\"b\",\"thought\":true,\"thoughtSignature\":\"c2ln/+==\"}]},\"finishReason\":\"STOP\",\"avgLogprobs\":-0.25,\"safetyRatings\":[{\"category\":\"HARM_CATEGORY_HATE_SPEECH\",\"probability\":\"NEGLIGIBLE\"}]}],\"usageMetadata\":{\"serviceTier\":\"standard\",\"thoughtsTokenCount\":291}}",
			"{\"candidates\":[{\"content\":{\"parts\":[]},\"future\":{\"a\":[1,2,{\"b\":3}]}},{\"index\":1}],\"createTime\":\"2026-01-01T00:00:00Z\"}",
			"{\"candidates\":[],\"usageMetadata\":null,\"modelVersion\":null}", "{}", " {\"candidates\":null} " })
	void readsTheUsualAnswersWithoutTheDatabinding(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		GenerateContentResponse pass = READER.readWithoutContext(bytes, 0, bytes.length);
		assertThat(pass).isNotNull().isEqualTo(DEFAULT.readValue(json));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"id\":\"c1\",\"name\":\"f\",\"args\":{\"x\":1}}}]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]}}]}",
			"{\"candidates\":[{\"groundingMetadata\":{\"webSearchQueries\":[\"q\"]}}]}",
			"{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}",
			"{\"candidates\":[{\"finishReason\":\"SOMETHING_NEW\"}]}",
			"{\"candidates\":[{\"finishReason\":\"stop\",\"index\":\"2\",\"tokenCount\":1.0}]}",
			"{\"usageMetadata\":{\"promptTokenCount\":\"7\"}}",
			"{\"usageMetadata\":{\"promptTokenCount\":12345678901}}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"thought\":\"true\"}]}}]}",
			"{\"candidates\":{\"index\":0}}", "{\"candidates\":[null]}", "{} {}", "{\"a\":1} x" })
	void leavesEverythingElseToTheDatabinding(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		assertThat(READER.readWithoutContext(bytes, 0, bytes.length)).isNull();
		GenerateContentResponse expected;
		try {
			expected = ResponseDeserializers.register(MAPPER).readerFor(GenerateContentResponse.class).readValue(bytes);
		}
		catch (JacksonException ex) {
			assertThatExceptionOfType(ex.getClass()).isThrownBy(() -> READER.read(bytes, 0, bytes.length))
				.withMessage(ex.getMessage());
			return;
		}
		assertThat(READER.read(bytes, 0, bytes.length)).isEqualTo(expected);
	}

	@Test
	void readsTheBytesBetweenOffsetAndLength() {
		byte[] bytes = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}\n\nmore"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(READER.read(bytes, 6, bytes.length - 6 - 6).text()).isEqualTo("x");
	}

	@Test
	void unknownEnumValuesBecomeUnknown() {
		byte[] bytes = "{\"candidates\":[{\"finishReason\":\"NEW_REASON\"}]}".getBytes(StandardCharsets.UTF_8);
		assertThat(READER.read(bytes, 0, bytes.length).finishReason()).isEqualTo(FinishReason.UNKNOWN);
	}

	@Test
	void invalidJsonFailsAsTheDatabindingFails() {
		byte[] bytes = "{\"candidates\":[{\"content\":".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(StreamReadException.class).isThrownBy(() -> READER.read(bytes, 0, bytes.length));
		byte[] array = "[1]".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(MismatchedInputException.class)
			.isThrownBy(() -> READER.read(array, 0, array.length));
	}

	@Test
	void parsesWithTheMappersReadFeatures() {
		byte[] bytes = "{\"candidates\":[{\"index\":0,},],}".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(StreamReadException.class).isThrownBy(() -> READER.read(bytes, 0, bytes.length));
		ResponseReader lenient = ResponseReader
			.of(MAPPER.rebuild().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build());
		assertThat(lenient.readWithoutContext(bytes, 0, bytes.length)).isNotNull()
			.extracting(GenerateContentResponse::candidates)
			.asList()
			.hasSize(1);
		byte[] duplicate = "{\"modelVersion\":\"a\",\"modelVersion\":\"b\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(READER.read(duplicate, 0, duplicate.length).modelVersion()).isEqualTo("b");
		ResponseReader strict = ResponseReader
			.of(MAPPER.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
		assertThatExceptionOfType(StreamReadException.class)
			.isThrownBy(() -> strict.read(duplicate, 0, duplicate.length));
	}

	@Test
	void answersWrappedInARootNameAreLeftToTheDatabinding() {
		ResponseReader wrapped = ResponseReader.of(MAPPER.rebuild().enable(DeserializationFeature.UNWRAP_ROOT_VALUE).build());
		byte[] bytes = "{\"GenerateContentResponse\":{\"modelVersion\":\"m\"}}".getBytes(StandardCharsets.UTF_8);
		assertThat(wrapped.readWithoutContext(bytes, 0, bytes.length)).isNull();
		assertThat(wrapped.read(bytes, 0, bytes.length).modelVersion()).isEqualTo("m");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{\"x\":1}}}]}}]}" })
	void readsABufferWithoutMovingItsReadPosition(String json) {
		org.springframework.core.io.buffer.DataBuffer buffer = org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance
			.wrap(("xx" + json).getBytes(StandardCharsets.UTF_8));
		buffer.readPosition(2);
		assertThat(READER.read(buffer)).isEqualTo(DEFAULT.readValue(json));
		assertThat(buffer.readPosition()).isEqualTo(2);
	}

	@Test
	void invalidJsonInABufferFailsAsTheDatabindingFails() {
		org.springframework.core.io.buffer.DataBuffer buffer = org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance
			.wrap("{\"candidates\":[".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(StreamReadException.class).isThrownBy(() -> READER.read(buffer));
		assertThat(buffer.readPosition()).isZero();
	}

	@Test
	void usageDetailsThatRepeatFromEventToEventAreSharedWithinAStream() {
		ResponseReader.Session reader = ResponseReader.of(MAPPER).session();
		String text = "{\"modality\":\"TEXT\",\"tokenCount\":12}";
		String image = "{\"modality\":\"IMAGE\",\"tokenCount\":258}";
		GenerateContentResponse first = read(reader, usage("[" + text + "]"));
		GenerateContentResponse second = read(reader, usage("[" + text + "]"));
		assertThat(second.usageMetadata().promptTokensDetails()).isSameAs(first.usageMetadata().promptTokensDetails());
		GenerateContentResponse longer = read(reader, usage("[" + text + "," + image + "]"));
		assertThat(longer.usageMetadata().promptTokensDetails()).isNotSameAs(first.usageMetadata().promptTokensDetails())
			.isEqualTo(DEFAULT.<GenerateContentResponse>readValue(usage("[" + text + "," + image + "]"))
				.usageMetadata()
				.promptTokensDetails());
		assertThat(longer.usageMetadata().promptTokensDetails().get(0))
			.isSameAs(first.usageMetadata().promptTokensDetails().get(0));
		for (String details : new String[] { "[" + text + "]", "[]", "[{\"modality\":\"TEXT\",\"tokenCount\":13}]",
				"[{\"modality\":\"TEXT\"}]", "[" + image + "," + text + "]", "[" + text + "]" }) {
			assertThat(read(reader, usage(details))).as(details).isEqualTo(DEFAULT.readValue(usage(details)));
		}
	}

	private static String usage(String promptTokensDetails) {
		return "{\"usageMetadata\":{\"promptTokenCount\":12,\"promptTokensDetails\":" + promptTokensDetails
				+ ",\"serviceTier\":\"standard\"}}";
	}

	@Test
	void answersReadOutsideAStreamShareNothing() {
		String json = usage("[{\"modality\":\"TEXT\",\"tokenCount\":12}]");
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		GenerateContentResponse first = READER.read(bytes, 0, bytes.length);
		GenerateContentResponse second = READER.read(bytes, 0, bytes.length);
		assertThat(second).isEqualTo(first);
		assertThat(second.usageMetadata().promptTokensDetails()).isNotSameAs(first.usageMetadata().promptTokensDetails());
		assertThat(second.usageMetadata().serviceTier()).isNotSameAs(first.usageMetadata().serviceTier());
	}

	private static GenerateContentResponse read(ResponseReader.Session reader, String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		GenerateContentResponse response = reader.readWithoutContext(bytes, 0, bytes.length);
		assertThat(response).as(json).isNotNull();
		return response;
	}

}
