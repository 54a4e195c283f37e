package io.github.geminicomet.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CachedContent} and {@link ListCachedContentsResponse}.
 */
class CachedContentTests {

	@Test
	void builderWritesWhatACreateRequestNeeds() {
		CachedContent cache = CachedContent.builder()
			.model("gemini-3.5-flash-lite")
			.displayName("manual")
			.systemInstruction("Answer from the manual.")
			.addContent(Content.user(Part.fileData("application/pdf", "https://example.com/files/manual")))
			.tools(List.of(Tool.CODE_EXECUTION))
			.ttl(Duration.ofMinutes(5))
			.build();
		assertThat(write(cache)).isEqualTo("{\"model\":\"models/gemini-3.5-flash-lite\",\"displayName\":\"manual\","
				+ "\"contents\":[{\"role\":\"user\",\"parts\":[{\"fileData\":{\"mimeType\":\"application/pdf\","
				+ "\"fileUri\":\"https://example.com/files/manual\"}}]}],"
				+ "\"systemInstruction\":{\"parts\":[{\"text\":\"Answer from the manual.\"}]},"
				+ "\"tools\":[{\"codeExecution\":{}}],\"ttl\":\"300s\"}");
	}

	@Test
	void expireTimeReplacesTheTtl() {
		CachedContent update = CachedContent.builder()
			.ttl(Duration.ofSeconds(10))
			.expireTime(Instant.parse("2026-03-01T12:00:00Z"))
			.build();
		assertThat(write(update)).isEqualTo("{\"expireTime\":\"2026-03-01T12:00:00Z\"}");
	}

	@Test
	void cachedContentsAreRead() {
		String json = """
				{"cachedContents":[{"name":"cachedContents/abc123","model":"models/gemini-3.5-flash-lite",
				  "displayName":"manual","createTime":"2026-02-01T10:00:00.000001Z",
				  "updateTime":"2026-02-01T10:00:00.000001Z","expireTime":"2026-02-01T10:05:00.000001Z",
				  "usageMetadata":{"totalTokenCount":4096}}],
				 "nextPageToken":"next"}
				""";
		ListCachedContentsResponse response = mapper.readValue(json, ListCachedContentsResponse.class);
		CachedContent cache = response.cachedContents().get(0);
		assertThat(cache.name()).isEqualTo("cachedContents/abc123");
		assertThat(cache.usageMetadata()).isEqualTo(new CachedContent.UsageMetadata(4096));
		assertThat(cache.expireTime()).isEqualTo("2026-02-01T10:05:00.000001Z");
		assertThat(cache.contents()).isNull();
		assertThat(response.nextPageToken()).isEqualTo("next");
	}

}
