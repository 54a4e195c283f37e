package io.github.geminicomet.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.Schema;

/**
 * Builds values that fit a schema (structured output, function arguments), from what the prompt offers.
 */
final class PlausibleValues {

	private static final int MAX_DEPTH = 8;

	private final PromptFacts prompt;

	PlausibleValues(String prompt) {
		this.prompt = new PromptFacts(prompt);
	}

	Map<String, Object> arguments(FunctionDeclaration function) {
		Object args = null;
		if (function.parameters() != null) {
			args = sample(function.parameters(), "arguments", 0);
		}
		else if (function.parametersJsonSchema() != null) {
			args = sampleJsonSchema(function.parametersJsonSchema(), function.parametersJsonSchema(), "arguments", 0);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		if (args instanceof Map<?, ?> map) {
			map.forEach((key, value) -> result.put(String.valueOf(key), value));
		}
		return result;
	}

	@Nullable Object sample(Schema schema, String name, int depth) {
		if (schema.anyOf() != null && !schema.anyOf().isEmpty()) {
			return sample(schema.anyOf().get(0), name, depth);
		}
		if (schema.enumValues() != null && !schema.enumValues().isEmpty()) {
			return this.prompt.enumValue(schema.enumValues());
		}
		Schema.Type type = (schema.type() != null) ? schema.type() : Schema.Type.STRING;
		return switch (type) {
			case OBJECT -> {
				Map<String, Object> object = new LinkedHashMap<>();
				if (schema.properties() == null || depth >= MAX_DEPTH) {
					yield object;
				}
				List<String> names = new ArrayList<>(schema.properties().keySet());
				if (schema.propertyOrdering() != null) {
					names.sort((a, b) -> Integer.compare(order(schema.propertyOrdering(), a),
							order(schema.propertyOrdering(), b)));
				}
				for (String property : names) {
					boolean required = schema.required() != null && schema.required().contains(property);
					if (required || depth < 2) {
						object.put(property, sample(schema.properties().get(property), property, depth + 1));
					}
				}
				yield object;
			}
			case ARRAY -> array(name, (schema.minItems() != null) ? schema.minItems().intValue() : 0,
					(schema.maxItems() != null) ? schema.maxItems().intValue() : Integer.MAX_VALUE,
					(schema.items() != null && schema.items().type() == Schema.Type.STRING
							&& schema.items().enumValues() == null && schema.items().format() == null),
					() -> (schema.items() != null) ? sample(schema.items(), singular(name), depth + 1) : "item");
			case INTEGER -> (long) this.prompt.number(name, schema.minimum(), schema.maximum(), true);
			case NUMBER -> this.prompt.number(name, schema.minimum(), schema.maximum(), false);
			case BOOLEAN -> Boolean.TRUE;
			case NULL -> null;
			default -> this.prompt.string(name, schema.format(), schema.description(),
					(schema.maxLength() != null) ? schema.maxLength().intValue() : Integer.MAX_VALUE);
		};
	}

	@Nullable Object sampleJsonSchema(Object node, Object root, String name, int depth) {
		if (!(node instanceof Map<?, ?> schema) || depth > MAX_DEPTH) {
			return null;
		}
		Object ref = schema.get("$ref");
		if (ref instanceof String pointer && pointer.startsWith("#/")) {
			Object target = root;
			for (String segment : pointer.substring(2).split("/")) {
				target = (target instanceof Map<?, ?> map) ? map.get(segment) : null;
			}
			return sampleJsonSchema(target, root, name, depth + 1);
		}
		Object anyOf = (schema.get("anyOf") != null) ? schema.get("anyOf") : schema.get("oneOf");
		if (anyOf instanceof List<?> options && !options.isEmpty()) {
			Object first = options.get(0);
			for (Object option : options) {
				if (!(option instanceof Map<?, ?> map && "null".equals(map.get("type")))) {
					first = option;
					break;
				}
			}
			return sampleJsonSchema(first, root, name, depth);
		}
		if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
			return this.prompt.enumValue(values.stream().map(String::valueOf).toList());
		}
		String type = jsonType(schema.get("type"), schema);
		String format = (schema.get("format") instanceof String value) ? value : null;
		String description = (schema.get("description") instanceof String value) ? value : null;
		return switch (type) {
			case "object" -> {
				Map<String, Object> object = new LinkedHashMap<>();
				List<?> required = (schema.get("required") instanceof List<?> list) ? list : List.of();
				if (schema.get("properties") instanceof Map<?, ?> properties) {
					properties.forEach((key, value) -> {
						if (required.contains(key) || depth < 2) {
							object.put(String.valueOf(key),
									sampleJsonSchema(value, root, String.valueOf(key), depth + 1));
						}
					});
				}
				yield object;
			}
			case "array" -> {
				Object items = schema.get("items");
				boolean strings = items instanceof Map<?, ?> map && "string".equals(map.get("type"))
						&& map.get("enum") == null && map.get("format") == null;
				yield array(name, intValue(schema.get("minItems"), 0),
						intValue(schema.get("maxItems"), Integer.MAX_VALUE), strings,
						() -> sampleJsonSchema(items, root, singular(name), depth + 1));
			}
			case "integer" -> (long) this.prompt.number(name, doubleValue(schema.get("minimum")),
					doubleValue(schema.get("maximum")), true);
			case "number" -> this.prompt.number(name, doubleValue(schema.get("minimum")),
					doubleValue(schema.get("maximum")), false);
			case "boolean" -> Boolean.TRUE;
			case "null" -> null;
			default -> this.prompt.string(name, format, description,
					intValue(schema.get("maxLength"), Integer.MAX_VALUE));
		};
	}

	private static String jsonType(@Nullable Object type, Map<?, ?> schema) {
		if (type instanceof String value) {
			return value;
		}
		if (type instanceof List<?> list) {
			return list.stream()
				.map(String::valueOf)
				.filter((value) -> !"null".equals(value))
				.findFirst()
				.orElse("null");
		}
		return (schema.get("properties") != null) ? "object" : "string";
	}

	private List<@Nullable Object> array(String name, int minItems, int maxItems, boolean strings,
			Supplier<@Nullable Object> element) {
		if (strings) {
			List<@Nullable Object> words = new ArrayList<>(this.prompt.topics().stream().limit(3).toList());
			while (words.size() < minItems) {
				words.add(singular(name) + " " + (words.size() + 1));
			}
			if (words.isEmpty()) {
				words.add(singular(name));
			}
			return words.subList(0, Math.min(words.size(), Math.max(1, maxItems)));
		}
		int count = Math.min(Math.max(1, minItems), Math.max(1, maxItems));
		List<@Nullable Object> list = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			list.add(element.get());
		}
		return list;
	}

	private static String singular(String name) {
		return (name.endsWith("s") && name.length() > 1) ? name.substring(0, name.length() - 1) : name;
	}

	private static int order(List<String> ordering, String name) {
		int index = ordering.indexOf(name);
		return (index >= 0) ? index : Integer.MAX_VALUE;
	}

	private static int intValue(@Nullable Object value, int fallback) {
		return (value instanceof Number number) ? number.intValue() : fallback;
	}

	private static @Nullable Double doubleValue(@Nullable Object value) {
		return (value instanceof Number number) ? number.doubleValue() : null;
	}

}
