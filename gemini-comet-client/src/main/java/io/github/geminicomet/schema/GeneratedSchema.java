package io.github.geminicomet.schema;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The victools generator's JSON Schema as the converters read it: references, keywords and errors.
 */
final class GeneratedSchema {

	static final String DEFS_PREFIX = "#/$defs/";

	private final Type rootType;

	private final JsonNode root;

	private final JsonNode defs;

	GeneratedSchema(Type rootType, JsonNode root) {
		this.rootType = rootType;
		this.root = root;
		this.defs = root.path("$defs");
	}

	JsonNode root() {
		return this.root;
	}

	JsonNode defs() {
		return this.defs;
	}

	// ---- references

	static List<JsonNode> children(JsonNode node) {
		List<JsonNode> children = new ArrayList<>();
		JsonNode properties = node.get("properties");
		if (properties != null && properties.isObject()) {
			properties.forEach(children::add);
		}
		for (String key : List.of("items", "additionalProperties")) {
			JsonNode child = node.get(key);
			if (child != null && child.isObject()) {
				children.add(child);
			}
		}
		for (String key : List.of("anyOf", "oneOf", "allOf", "prefixItems")) {
			JsonNode list = node.get(key);
			if (list != null && list.isArray()) {
				list.forEach(children::add);
			}
		}
		return children;
	}

	static @Nullable String refName(JsonNode node) {
		JsonNode ref = node.get("$ref");
		if (ref == null || !ref.isString()) {
			return null;
		}
		String value = ref.asString();
		if (value.equals("#")) {
			return "#";
		}
		return value.startsWith(DEFS_PREFIX) ? value.substring(DEFS_PREFIX.length()) : value;
	}

	JsonNode definition(String name) {
		if (name.equals("#")) {
			return this.root;
		}
		JsonNode definition = this.defs.get(name);
		if (definition == null) {
			throw new SchemaGenerationException(this.rootType,
					"Cannot describe " + this.rootType.getTypeName() + " for Gemini: unresolved reference " + name,
					null);
		}
		return definition;
	}

	/**
	 * Return the node with its {@code $ref} replaced by the referenced definition (the node's own
	 * keywords, such as a property description, win) and its {@code allOf} parts merged in.
	 */
	ObjectNode resolve(JsonNode node) {
		ObjectNode resolved = JsonNodeFactory.instance.objectNode();
		String ref = refName(node);
		if (ref != null) {
			resolved.setAll((ObjectNode) resolve(definition(ref)));
		}
		node.properties().forEach((entry) -> {
			if (!entry.getKey().equals("$ref") && !entry.getKey().equals("allOf")) {
				resolved.set(entry.getKey(), entry.getValue());
			}
		});
		JsonNode allOf = node.get("allOf");
		if (allOf != null && allOf.isArray()) {
			for (JsonNode part : allOf) {
				mergeInto(resolved, resolve(part));
			}
		}
		return resolved;
	}

	static void mergeInto(ObjectNode target, ObjectNode part) {
		part.properties().forEach((entry) -> {
			String key = entry.getKey();
			JsonNode value = entry.getValue();
			JsonNode existing = target.get(key);
			if (existing instanceof ObjectNode existingObject && key.equals("properties") && value.isObject()) {
				ObjectNode merged = existingObject.deepCopy();
				merged.setAll((ObjectNode) value);
				target.set(key, merged);
			}
			else if (existing instanceof ArrayNode existingArray && key.equals("required") && value.isArray()) {
				Set<String> names = new LinkedHashSet<>();
				existingArray.forEach((name) -> names.add(name.asString()));
				value.forEach((name) -> names.add(name.asString()));
				ArrayNode merged = JsonNodeFactory.instance.arrayNode();
				names.forEach(merged::add);
				target.set(key, merged);
			}
			else if (existing == null) {
				target.set(key, value);
			}
		});
	}

	// ---- keywords

	static @Nullable List<String> enumValues(JsonNode node) {
		JsonNode values = node.get("enum");
		if (values != null && values.isArray()) {
			List<String> result = new ArrayList<>();
			values.forEach((value) -> result.add(value.isString() ? value.asString() : value.toString()));
			return result;
		}
		JsonNode constant = node.get("const");
		if (constant != null && constant.isString()) {
			return List.of(constant.asString());
		}
		return null;
	}

	static boolean isNullType(JsonNode node) {
		JsonNode type = node.get("type");
		return type != null && type.isString() && type.asString().equals("null") && node.size() <= 2;
	}

	static @Nullable String textValue(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	// ---- errors

	SchemaGenerationException untyped(String path, @Nullable String owner, @Nullable String javaType) {
		return unexpressible(path, owner, javaType, "it has no JSON type (a property of type Object or an "
				+ "untyped value); use a concrete type");
	}

	SchemaGenerationException untypedItems(String path, @Nullable String owner, @Nullable String javaType) {
		return unexpressible(path, owner, javaType, "its elements have no type");
	}

	SchemaGenerationException unknownType(String path, @Nullable String owner, @Nullable String javaType,
			String type) {
		return unexpressible(path, owner, javaType, "its JSON type '" + type + "' is unknown");
	}

	SchemaGenerationException noProperties(String path, @Nullable String javaType) {
		return unexpressible(path, null, javaType, "it has no property that Jackson can read (an interface "
				+ "or abstract class needs to be sealed or to name its subtypes with @JsonSubTypes; a class "
				+ "needs fields or setters)");
	}

	private SchemaGenerationException unexpressible(String path, @Nullable String owner, @Nullable String javaType,
			String reason) {
		StringBuilder message = new StringBuilder("Cannot describe ").append(this.rootType.getTypeName())
			.append(" for Gemini: ");
		if (owner != null) {
			String property = path.substring(path.lastIndexOf('.') + 1);
			message.append("property '").append(property).append("' of ").append(owner);
			message.append(" (at ").append(path).append(")");
			if (javaType != null) {
				message.append(", of type ").append(javaType);
			}
		}
		else if (javaType != null) {
			message.append("type ").append(javaType).append(" (at ").append(path).append(")");
		}
		else {
			message.append("the value at ").append(path);
		}
		message.append(": ").append(reason);
		return new SchemaGenerationException(this.rootType, message.toString(), null);
	}

}
