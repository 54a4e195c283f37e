package io.github.geminicomet.model;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CountTokensRequest}.
 */
class CountTokensRequestTests {

	@Test
	void ofContentsWritesTheContents() {
		assertThat(write(CountTokensRequest.of(Content.user("count me"))))
			.isEqualTo("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"count me\"}]}]}");
	}

	@Test
	void ofRequestNestsTheRequestWithItsModel() {
		GenerateContentRequest request = GenerateContentRequest.builder()
			.systemInstruction("sys")
			.addContent(Content.user("hi"))
			.build();
		assertThat(write(CountTokensRequest.of("gemini-3.5-flash-lite", request)))
			.isEqualTo("{\"generateContentRequest\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
					+ "\"systemInstruction\":{\"parts\":[{\"text\":\"sys\"}]},\"model\":\"models/gemini-3.5-flash-lite\"}}");
		assertThat(request.model()).isNull();
	}

	@Test
	void responseIsRead() {
		String json = """
				{"totalTokens":31,"cachedContentTokenCount":10,
				 "promptTokensDetails":[{"modality":"TEXT","tokenCount":21},{"modality":"IMAGE","tokenCount":10}],
				 "cacheTokensDetails":[{"modality":"IMAGE","tokenCount":10}],"unknown":1}
				""";
		CountTokensResponse response = mapper.readValue(json, CountTokensResponse.class);
		assertThat(response).isEqualTo(new CountTokensResponse(31, 10,
				List.of(new ModalityTokenCount(Modality.TEXT, 21), new ModalityTokenCount(Modality.IMAGE, 10)),
				List.of(new ModalityTokenCount(Modality.IMAGE, 10))));
	}

}
