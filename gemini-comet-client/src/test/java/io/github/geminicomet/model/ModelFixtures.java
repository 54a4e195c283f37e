package io.github.geminicomet.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test fixtures of the wire model: a plain {@link JsonMapper} and the JSON files under {@code model/}.
 */
final class ModelFixtures {

	/** A mapper with no configuration at all, as the model must work with. */
	static final JsonMapper mapper = JsonMapper.builder().build();

	private ModelFixtures() {
	}

	/** Read a fixture as text. */
	static String json(String name) {
		try (InputStream input = ModelFixtures.class.getResourceAsStream("/model/" + name)) {
			if (input == null) {
				throw new IllegalArgumentException("No fixture model/" + name);
			}
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Read a fixture into a wire type. */
	static <T> T read(String name, Class<T> type) {
		return mapper.readValue(json(name), type);
	}

	/** Read a fixture as a tree, independently of the wire types. */
	static JsonNode tree(String name) {
		return mapper.readTree(json(name));
	}

	/** Write a value with the plain mapper. */
	static String write(Object value) {
		return mapper.writeValueAsString(value);
	}

}
