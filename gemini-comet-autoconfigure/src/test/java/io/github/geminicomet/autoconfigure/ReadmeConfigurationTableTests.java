package io.github.geminicomet.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the README's configuration reference: every property in the generated configuration
 * metadata has a row of its own, so the table cannot drift from {@link GeminiProperties}.
 *
 * @author gemini-comet
 */
class ReadmeConfigurationTableTests {

	@Test
	void everyConfigurationPropertyHasARowInTheReadme() throws Exception {
		String readme = Files.readString(Path.of("..", "README.md"));
		List<String> properties = new ArrayList<>();
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).isNotNull();
			JsonNode root = JsonMapper.builder().build().readTree(metadata);
			root.get("properties").forEach((property) -> properties.add(property.get("name").asString()));
		}
		assertThat(properties).isNotEmpty();
		assertThat(properties).allSatisfy((name) -> assertThat(readme).as("README row for %s", name)
			.contains("| `" + name + "`"));
	}

}
