package io.github.geminicomet.springai;

import java.util.Iterator;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.geminicomet.model.Schema;

/**
 * Turns the JSON Schema that Spring AI generates for structured output into Gemini's OpenAPI-subset
 * {@link Schema} ({@code responseSchema}): {@code $ref}s into {@code $defs} inlined, {@code "type": [..., "null"]}
 * and {@code anyOf} with {@code null} made {@code nullable}, keywords Gemini does not know dropped.
 */
final class OutputSchemaConverter {

	private static final int MAX_DEPTH = 32;

	private final JsonMapper jsonMapper;

	OutputSchemaConverter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	Schema convert(String jsonSchema) {
		JsonNode root;
		try {
			root = this.jsonMapper.readTree(jsonSchema);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The output schema is not valid JSON (" + ex.getOriginalMessage()
					+ "): set a JSON Schema as GeminiCometChatOptions.outputSchema, or a Schema as responseSchema", ex);
		}
		JsonNode definitions = root.has("$defs") ? root.get("$defs") : root.get("definitions");
		return this.jsonMapper.treeToValue(inline(root, definitions, 0), Schema.class);
	}

	private JsonNode inline(JsonNode node, @Nullable JsonNode definitions, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("The output schema nests deeper than " + MAX_DEPTH
					+ " levels (a recursive type?): Gemini's responseSchema cannot express recursion; "
					+ "give the answer a non-recursive type");
		}
		if (!node.isObject()) {
			return node;
		}
		JsonNode reference = node.get("$ref");
		if (reference != null && reference.isString()) {
			return inline(resolve(reference.asString(), definitions), definitions, depth + 1);
		}
		ObjectNode result = this.jsonMapper.createObjectNode();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			String name = entry.getKey();
			JsonNode value = entry.getValue();
			switch (name) {
				case "$schema", "$id", "$defs", "definitions", "additionalProperties", "$comment" -> {
				}
				case "type" -> type(result, value);
				case "properties" -> {
					ObjectNode properties = result.putObject("properties");
					for (Map.Entry<String, JsonNode> property : value.properties()) {
						properties.set(property.getKey(), inline(property.getValue(), definitions, depth + 1));
					}
				}
				case "items" -> result.set("items", inline(value, definitions, depth + 1));
				case "anyOf", "oneOf" -> alternatives(result, value, definitions, depth);
				case "enum" -> {
					ArrayNode values = result.putArray("enum");
					value.forEach((element) -> values.add(element.asString()));
				}
				default -> result.set(name, value);
			}
		}
		return result;
	}

	private void type(ObjectNode result, JsonNode value) {
		if (!value.isArray()) {
			result.set("type", value);
			return;
		}
		for (JsonNode element : value) {
			if ("null".equals(element.asString())) {
				result.put("nullable", true);
			}
			else if (!result.has("type")) {
				result.put("type", element.asString());
			}
		}
	}

	private void alternatives(ObjectNode result, JsonNode value, @Nullable JsonNode definitions, int depth) {
		ArrayNode options = this.jsonMapper.createArrayNode();
		for (JsonNode option : value) {
			JsonNode type = option.get("type");
			if (type != null && "null".equals(type.asString())) {
				result.put("nullable", true);
			}
			else {
				options.add(inline(option, definitions, depth + 1));
			}
		}
		if (options.size() == 1 && options.get(0).isObject()) {
			Iterator<Map.Entry<String, JsonNode>> fields = options.get(0).properties().iterator();
			fields.forEachRemaining((field) -> result.set(field.getKey(), field.getValue()));
		}
		else {
			result.set("anyOf", options);
		}
	}

	private JsonNode resolve(String reference, @Nullable JsonNode definitions) {
		int slash = reference.lastIndexOf('/');
		JsonNode target = (definitions != null && slash >= 0) ? definitions.get(reference.substring(slash + 1)) : null;
		if (target == null) {
			throw new IllegalArgumentException("The output schema refers to '" + reference
					+ "', which it does not define under $defs: give a self-contained JSON Schema");
		}
		return target;
	}

}
