package io.github.geminicomet.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Content}.
 */
class ContentTests {

	@Test
	void userTextHasUserRoleAndOneTextPart() {
		assertThat(write(Content.user("hi"))).isEqualTo("{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}");
	}

	@Test
	void userPartsKeepTheirOrder() {
		Content content = Content.user(Part.text("Describe"), Part.inlineData("image/png", new byte[] { 1 }));
		assertThat(write(content)).isEqualTo("{\"role\":\"user\",\"parts\":[{\"text\":\"Describe\"},"
				+ "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AQ==\"}}]}");
	}

	@Test
	void modelTextHasModelRole() {
		assertThat(write(Content.model("ok"))).isEqualTo("{\"role\":\"model\",\"parts\":[{\"text\":\"ok\"}]}");
		assertThat(Content.model(Part.text("a"), Part.text("b")).role()).isEqualTo(Content.MODEL);
	}

	@Test
	void systemHasNoRole() {
		assertThat(write(Content.system("Be kind."))).isEqualTo("{\"parts\":[{\"text\":\"Be kind.\"}]}");
	}

	@Test
	void textConcatenatesNonThoughtParts() {
		Content content = mapper.readValue("{\"role\":\"model\",\"parts\":[{\"text\":\"hmm\",\"thought\":true},"
				+ "{\"text\":\"A\"},{\"functionCall\":{\"name\":\"f\"}},{\"text\":\"B\"},"
				+ "{\"text\":\"\",\"thoughtSignature\":\"eA==\"}]}",
				Content.class);
		assertThat(content.text()).isEqualTo("AB");
		assertThat(content.thoughtText()).isEqualTo("hmm");
		assertThat(content.functionCalls()).containsExactly(new FunctionCall(null, "f", null));
	}

	@Test
	void contentWithoutPartsHasEmptyText() {
		Content content = mapper.readValue("{}", Content.class);
		assertThat(content.text()).isEmpty();
		assertThat(content.thoughtText()).isEmpty();
		assertThat(content.functionCalls()).isEmpty();
		assertThat(write(content)).isEqualTo("{}");
	}

	@Test
	void convenienceMethodsAreNotWritten() {
		Content content = Content.model(Part.functionCall("f", Map.of()));
		assertThat(mapper.readTree(write(content)).propertyNames()).containsExactly("role", "parts");
		assertThat(content.parts()).isEqualTo(List.of(Part.functionCall("f", Map.of())));
	}

}
