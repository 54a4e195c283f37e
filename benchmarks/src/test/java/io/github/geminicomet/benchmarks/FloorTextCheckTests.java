package io.github.geminicomet.benchmarks;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FloorTextCheck} and the lean floor's readers.
 */
class FloorTextCheckTests {

	private static final byte[] ANSWER = ("{\"candidates\":[{\"content\":{\"parts\":[{\"thought\":true,\"text\":\"hm\"},"
			+ "{\"text\":\"Hello, \",\"x\":{\"text\":\"nested\"}},{\"functionCall\":{\"name\":\"f\"}},{\"text\":null},"
			+ "{\"text\":\"w\\u00f6rld\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"safetyRatings\":[]},"
			+ "{\"content\":{\"parts\":[{\"text\":\"other\"}]},\"finishReason\":\"MAX_TOKENS\"}],"
			+ "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":4,\"totalTokenCount\":9,"
			+ "\"thoughtsTokenCount\":2,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":3}]},"
			+ "\"unknown\":[1,2,{\"a\":\"b\"}]}")
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void floorsReadWhatTheTemplateReads() {
		assertThat(FloorTextCheck.verify()).endsWith("agree on 255 stream events and 5 answers");
	}

	@Test
	void streamingReaderKeepsTheFirstCandidatesTextAndUsageAndSkipsTheRest() {
		assertLean(new LeanStreamingReader().read(ANSWER, 0, ANSWER.length));
	}

	@Test
	void bindingReaderReadsTheSame() {
		assertLean(new LeanBindingReader().read(ANSWER, 0, ANSWER.length));
	}

	@Test
	void floorIsTheOldNameOfTheModelFloor() {
		assertThat(BenchClient.canonicalName("floor")).isEqualTo("floor-model");
		assertThat(BenchClient.canonicalName("floor-lean")).isEqualTo("floor-lean");
	}

	private static void assertLean(LeanResponse response) {
		assertThat(response.text()).isEqualTo("Hello, wörld");
		assertThat(response.thoughtText()).isEqualTo("hm");
		assertThat(response.finishReason()).isEqualTo("STOP");
		assertThat(response.promptTokenCount()).isEqualTo(3);
		assertThat(response.candidatesTokenCount()).isEqualTo(4);
		assertThat(response.totalTokenCount()).isEqualTo(9);
		assertThat(response.thoughtsTokenCount()).isEqualTo(2);
	}

}
