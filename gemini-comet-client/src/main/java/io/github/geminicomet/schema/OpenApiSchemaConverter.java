package io.github.geminicomet.schema;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.geminicomet.model.Schema;

/**
 * Converts a generated JSON Schema into Gemini's OpenAPI-subset {@link Schema}, sent as {@code responseSchema}.
 */
final class OpenApiSchemaConverter {

	private final GeneratedSchema generated;

	OpenApiSchemaConverter(GeneratedSchema generated) {
		this.generated = generated;
	}

	Schema convert() {
		return toSchema(this.generated.root(), "$", null);
	}

	private Schema toSchema(JsonNode source, String path, @Nullable String owner) {
		ObjectNode node = this.generated.resolve(source);
		String javaType = GeminiSchemaGenerator.javaTypeOf(node);
		Schema.Builder builder = Schema.builder();
		boolean nullable = false;
		JsonNode alternatives = node.has("anyOf") ? node.get("anyOf") : node.get("oneOf");
		if (alternatives != null && alternatives.isArray()) {
			List<JsonNode> nonNull = new ArrayList<>();
			for (JsonNode alternative : alternatives) {
				if (GeneratedSchema.isNullType(alternative)) {
					nullable = true;
				}
				else {
					nonNull.add(alternative);
				}
			}
			ObjectNode rest = node.deepCopy();
			rest.remove(List.of("anyOf", "oneOf"));
			if (nonNull.size() == 1) {
				ObjectNode single = this.generated.resolve(nonNull.get(0));
				single.setAll(withoutJavaType(rest));
				Schema schema = toSchema(single, path, owner);
				return nullable ? schema.toBuilder().nullable(true).build() : schema;
			}
			List<Schema> options = new ArrayList<>();
			for (int i = 0; i < nonNull.size(); i++) {
				options.add(toSchema(nonNull.get(i), path, owner));
			}
			builder.anyOf(options);
			describe(builder, node);
			return builder.nullable(nullable ? Boolean.TRUE : null).build();
		}
		String type = null;
		JsonNode typeNode = node.get("type");
		if (typeNode != null && typeNode.isString()) {
			type = typeNode.asString();
		}
		else if (typeNode != null && typeNode.isArray()) {
			List<String> types = new ArrayList<>();
			for (JsonNode element : typeNode) {
				if (element.asString().equals("null")) {
					nullable = true;
				}
				else {
					types.add(element.asString());
				}
			}
			if (types.size() == 1) {
				type = types.get(0);
			}
			else if (types.size() > 1) {
				List<Schema> options = new ArrayList<>();
				for (String option : types) {
					ObjectNode single = node.deepCopy();
					single.put("type", option);
					options.add(toSchema(single, path, owner));
				}
				describe(builder, node);
				return builder.anyOf(options).nullable(nullable ? Boolean.TRUE : null).build();
			}
		}
		JsonNode constant = node.get("const");
		if (type == null && constant != null) {
			type = constant.isString() ? "string" : constant.isIntegralNumber() ? "integer"
					: constant.isNumber() ? "number" : constant.isBoolean() ? "boolean" : null;
		}
		if (type == null && node.has("enum")) {
			type = "string";
		}
		if (type == null) {
			throw this.generated.untyped(path, owner, javaType);
		}
		switch (type) {
			case "object" -> object(builder, node, path, javaType);
			case "array" -> {
				JsonNode items = node.get("items");
				if (items == null || !items.isObject()) {
					throw this.generated.untypedItems(path, owner, javaType);
				}
				builder.type(Schema.Type.ARRAY).items(toSchema(items, path + "[*]", owner));
				builder.minItems(longValue(node, "minItems")).maxItems(longValue(node, "maxItems"));
			}
			case "string" -> {
				builder.type(Schema.Type.STRING)
					.minLength(longValue(node, "minLength"))
					.maxLength(longValue(node, "maxLength"))
					.pattern(GeneratedSchema.textValue(node, "pattern"));
				List<String> values = GeneratedSchema.enumValues(node);
				if (values != null) {
					builder.format("enum").enumValues(values);
				}
				else {
					builder.format(GeneratedSchema.textValue(node, "format"));
				}
			}
			case "integer", "number" -> {
				builder.type(type.equals("integer") ? Schema.Type.INTEGER : Schema.Type.NUMBER)
					.format(GeneratedSchema.textValue(node, "format"))
					.minimum(doubleValue(node, node.has("minimum") ? "minimum" : "exclusiveMinimum"))
					.maximum(doubleValue(node, node.has("maximum") ? "maximum" : "exclusiveMaximum"));
			}
			case "boolean" -> builder.type(Schema.Type.BOOLEAN);
			case "null" -> builder.type(Schema.Type.NULL);
			default -> throw this.generated.unknownType(path, owner, javaType, type);
		}
		describe(builder, node);
		if (nullable) {
			builder.nullable(true);
		}
		return builder.build();
	}

	private void object(Schema.Builder builder, ObjectNode node, String path, @Nullable String javaType) {
		builder.type(Schema.Type.OBJECT);
		JsonNode properties = node.get("properties");
		if (properties == null || !properties.isObject() || properties.isEmpty()) {
			throw this.generated.noProperties(path, javaType);
		}
		List<String> names = new ArrayList<>();
		properties.properties().forEach((entry) -> {
			names.add(entry.getKey());
			builder.property(entry.getKey(), toSchema(entry.getValue(), path + "." + entry.getKey(), javaType));
		});
		List<String> required = new ArrayList<>();
		JsonNode requiredNode = node.get("required");
		if (requiredNode != null && requiredNode.isArray()) {
			for (String name : names) {
				for (JsonNode element : requiredNode) {
					if (element.asString().equals(name)) {
						required.add(name);
					}
				}
			}
		}
		builder.required(required.isEmpty() ? null : required);
		builder.propertyOrdering(names);
	}

	private static void describe(Schema.Builder builder, JsonNode node) {
		builder.title(GeneratedSchema.textValue(node, "title"))
			.description(GeneratedSchema.textValue(node, "description"));
	}

	private static ObjectNode withoutJavaType(ObjectNode node) {
		ObjectNode copy = node.deepCopy();
		copy.remove(GeminiSchemaGenerator.JAVA_TYPE);
		return copy;
	}

	private static @Nullable Long longValue(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value != null && value.isNumber()) ? value.asLong() : null;
	}

	private static @Nullable Double doubleValue(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value != null && value.isNumber()) ? value.asDouble() : null;
	}

}
