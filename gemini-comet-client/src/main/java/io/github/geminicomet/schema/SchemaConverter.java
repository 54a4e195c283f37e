package io.github.geminicomet.schema;

import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.geminicomet.model.Schema;

/**
 * Translates the JSON Schema the victools generator produces into a Gemini {@link Schema} or, for
 * maps and recursive types, into the JSON Schema subset Gemini accepts as {@code responseJsonSchema}.
 */
final class SchemaConverter {

	private static final String DEFS_PREFIX = "#/$defs/";

	private final Type rootType;

	private final JsonNode root;

	private final JsonNode defs;

	private SchemaConverter(Type rootType, JsonNode root) {
		this.rootType = rootType;
		this.root = root;
		this.defs = root.path("$defs");
	}

	static ResponseSchema convert(Type type, ObjectNode generated) {
		SchemaConverter converter = new SchemaConverter(type, generated);
		Features features = new Features();
		converter.scan(generated, new ArrayDeque<>(), new HashSet<>(), features);
		if (!features.recursive && !features.map) {
			return new ResponseSchema(type, converter.toSchema(generated, "$", null), null);
		}
		return new ResponseSchema(type, null, converter.toJsonSchema());
	}

	// ---- analysis

	private void scan(JsonNode node, Deque<String> refs, Set<String> done, Features features) {
		if (!node.isObject()) {
			return;
		}
		String ref = refName(node);
		if (ref != null) {
			if (refs.contains(ref)) {
				features.recursive = true;
			}
			else if (done.add(ref)) {
				refs.push(ref);
				scan(definition(ref), refs, done, features);
				refs.pop();
			}
		}
		JsonNode additional = node.get("additionalProperties");
		if (additional != null && additional.isObject()) {
			features.map = true;
		}
		for (JsonNode child : children(node)) {
			scan(child, refs, done, features);
		}
	}

	private static List<JsonNode> children(JsonNode node) {
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

	private static @Nullable String refName(JsonNode node) {
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

	private JsonNode definition(String name) {
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
	private ObjectNode resolve(JsonNode node) {
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

	private static void mergeInto(ObjectNode target, ObjectNode part) {
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

	// ---- Gemini Schema

	private Schema toSchema(JsonNode source, String path, @Nullable String owner) {
		ObjectNode node = resolve(source);
		String javaType = GeminiSchemaGenerator.javaTypeOf(node);
		Schema.Builder builder = Schema.builder();
		boolean nullable = false;
		JsonNode alternatives = node.has("anyOf") ? node.get("anyOf") : node.get("oneOf");
		if (alternatives != null && alternatives.isArray()) {
			List<JsonNode> nonNull = new ArrayList<>();
			for (JsonNode alternative : alternatives) {
				if (isNullType(alternative)) {
					nullable = true;
				}
				else {
					nonNull.add(alternative);
				}
			}
			ObjectNode rest = node.deepCopy();
			rest.remove(List.of("anyOf", "oneOf"));
			if (nonNull.size() == 1) {
				ObjectNode single = resolve(nonNull.get(0));
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
			throw unexpressible(path, owner, javaType, "it has no JSON type (a property of type Object or an "
					+ "untyped value); use a concrete type");
		}
		switch (type) {
			case "object" -> object(builder, node, path, javaType);
			case "array" -> {
				JsonNode items = node.get("items");
				if (items == null || !items.isObject()) {
					throw unexpressible(path, owner, javaType, "its elements have no type");
				}
				builder.type(Schema.Type.ARRAY).items(toSchema(items, path + "[*]", owner));
				builder.minItems(longValue(node, "minItems")).maxItems(longValue(node, "maxItems"));
			}
			case "string" -> {
				builder.type(Schema.Type.STRING)
					.minLength(longValue(node, "minLength"))
					.maxLength(longValue(node, "maxLength"))
					.pattern(textValue(node, "pattern"));
				List<String> values = enumValues(node);
				if (values != null) {
					builder.format("enum").enumValues(values);
				}
				else {
					builder.format(textValue(node, "format"));
				}
			}
			case "integer", "number" -> {
				builder.type(type.equals("integer") ? Schema.Type.INTEGER : Schema.Type.NUMBER)
					.format(textValue(node, "format"))
					.minimum(doubleValue(node, node.has("minimum") ? "minimum" : "exclusiveMinimum"))
					.maximum(doubleValue(node, node.has("maximum") ? "maximum" : "exclusiveMaximum"));
			}
			case "boolean" -> builder.type(Schema.Type.BOOLEAN);
			case "null" -> builder.type(Schema.Type.NULL);
			default -> throw unexpressible(path, owner, javaType, "its JSON type '" + type + "' is unknown");
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
			throw unexpressible(path, null, javaType, "it has no property that Jackson can read (an interface "
					+ "or abstract class needs to be sealed or to name its subtypes with @JsonSubTypes; a class "
					+ "needs fields or setters)");
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
		builder.title(textValue(node, "title")).description(textValue(node, "description"));
	}

	private static @Nullable List<String> enumValues(JsonNode node) {
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

	private static boolean isNullType(JsonNode node) {
		JsonNode type = node.get("type");
		return type != null && type.isString() && type.asString().equals("null") && node.size() <= 2;
	}

	private static ObjectNode withoutJavaType(ObjectNode node) {
		ObjectNode copy = node.deepCopy();
		copy.remove(GeminiSchemaGenerator.JAVA_TYPE);
		return copy;
	}

	private static @Nullable String textValue(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static @Nullable Long longValue(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value != null && value.isNumber()) ? value.asLong() : null;
	}

	private static @Nullable Double doubleValue(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value != null && value.isNumber()) ? value.asDouble() : null;
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

	// ---- JSON Schema (responseJsonSchema)

	private JsonNode toJsonSchema() {
		Map<String, Set<String>> reach = reachability();
		ObjectNode body = ((ObjectNode) this.root).deepCopy();
		body.remove("$defs");
		String bodyDef = null;
		String rootRef = refName(body);
		if (rootRef != null && !rootRef.equals("#") && body.size() == 1
				&& !reach.getOrDefault(rootRef, Set.of()).contains(rootRef)) {
			// the top-level type does not refer to itself: describe it inline
			bodyDef = rootRef;
			body = ((ObjectNode) definition(rootRef)).deepCopy();
		}
		Set<String> used = new LinkedHashSet<>();
		collectRefs(body, used);
		used.removeIf((name) -> !name.equals("#") && !reach.getOrDefault(name, Set.of()).contains(name));
		ObjectNode result = toJson(body, "$", null, (bodyDef != null) ? bodyDef : "#", reach);
		if (!used.isEmpty()) {
			ObjectNode defsNode = result.putObject("$defs");
			for (String name : used) {
				if (!name.equals("#")) {
					defsNode.set(name, toJson(definition(name), "$defs." + name, null, name, reach));
				}
			}
		}
		return result;
	}

	/** Collect every definition reachable from the node, through other definitions too. */
	private void collectRefs(JsonNode node, Set<String> used) {
		if (!node.isObject()) {
			return;
		}
		String ref = refName(node);
		if (ref != null && used.add(ref) && !ref.equals("#")) {
			collectRefs(definition(ref), used);
		}
		for (JsonNode child : children(node)) {
			collectRefs(child, used);
		}
	}

	/** For each definition, the definitions it can reach. */
	private Map<String, Set<String>> reachability() {
		Map<String, Set<String>> direct = new HashMap<>();
		this.defs.properties().forEach((entry) -> direct.put(entry.getKey(), directRefs(entry.getValue())));
		direct.put("#", directRefs(this.root));
		Map<String, Set<String>> reach = new HashMap<>();
		for (String name : direct.keySet()) {
			Set<String> seen = new HashSet<>();
			Deque<String> queue = new ArrayDeque<>(direct.get(name));
			while (!queue.isEmpty()) {
				String next = queue.pop();
				if (seen.add(next)) {
					queue.addAll(direct.getOrDefault(next, Set.of()));
				}
			}
			reach.put(name, seen);
		}
		return reach;
	}

	/** The definitions a node refers to without going through another definition. */
	private static Set<String> directRefs(JsonNode node) {
		Set<String> refs = new HashSet<>();
		collectDirectRefs(node, refs);
		return refs;
	}

	private static void collectDirectRefs(JsonNode node, Set<String> refs) {
		if (!node.isObject()) {
			return;
		}
		String ref = refName(node);
		if (ref != null) {
			refs.add(ref);
		}
		for (JsonNode child : children(node)) {
			collectDirectRefs(child, refs);
		}
	}

	private ObjectNode toJson(JsonNode source, String path, @Nullable String owner, @Nullable String currentDef,
			Map<String, Set<String>> reach) {
		ObjectNode node = (ObjectNode) source;
		String javaType = GeminiSchemaGenerator.javaTypeOf(node);
		ObjectNode result = JsonNodeFactory.instance.objectNode();
		String ref = refName(node);
		if (ref != null && !ref.equals("#") && !reach.getOrDefault(ref, Set.of()).contains(ref)) {
			// only recursive types need a reference: describe the others inline
			return toJson(resolve(node), path, owner, currentDef, reach);
		}
		if (ref != null) {
			ObjectNode reference = JsonNodeFactory.instance.objectNode();
			reference.put("$ref", ref.equals("#") ? "#" : DEFS_PREFIX + ref);
			ObjectNode rest = node.deepCopy();
			rest.remove(List.of("$ref", "$defs", GeminiSchemaGenerator.JAVA_TYPE));
			if (rest.isEmpty()) {
				return reference;
			}
			// "$ref" takes no sibling keywords: keep a description and a nullable marker around it
			ArrayNode anyOf = result.putArray("anyOf");
			anyOf.add(reference);
			if (isNullableMarker(rest)) {
				anyOf.addObject().put("type", "null");
			}
			copyText(rest, result, "description");
			copyText(rest, result, "title");
			return result;
		}
		copyText(node, result, "title");
		copyText(node, result, "description");
		JsonNode alternatives = node.has("anyOf") ? node.get("anyOf") : node.get("oneOf");
		if (alternatives != null && alternatives.isArray()) {
			ArrayNode anyOf = result.putArray("anyOf");
			for (JsonNode alternative : alternatives) {
				anyOf.add(isNullType(alternative) ? nullType()
						: toJson(alternative, path, owner, currentDef, reach));
			}
			return result;
		}
		JsonNode allOf = node.get("allOf");
		if (allOf != null && allOf.isArray()) {
			return toJson(resolveAllOfOnly(node), path, owner, currentDef, reach);
		}
		JsonNode typeNode = node.get("type");
		String type = null;
		boolean nullable = false;
		if (typeNode != null && typeNode.isString()) {
			type = typeNode.asString();
		}
		else if (typeNode != null && typeNode.isArray()) {
			List<String> types = new ArrayList<>();
			typeNode.forEach((element) -> types.add(element.asString()));
			nullable = types.remove("null");
			if (types.size() == 1) {
				type = types.get(0);
			}
			else if (!types.isEmpty()) {
				ArrayNode anyOf = result.putArray("anyOf");
				for (String option : types) {
					ObjectNode single = node.deepCopy();
					single.put("type", option);
					anyOf.add(toJson(single, path, owner, currentDef, reach));
				}
				if (nullable) {
					anyOf.add(nullType());
				}
				return result;
			}
		}
		JsonNode constant = node.get("const");
		if (type == null && constant != null && constant.isString()) {
			type = "string";
		}
		if (type == null && node.has("enum")) {
			type = "string";
		}
		if (type == null) {
			throw unexpressible(path, owner, javaType, "it has no JSON type (a property of type Object or an "
					+ "untyped value); use a concrete type");
		}
		ObjectNode typed = JsonNodeFactory.instance.objectNode();
		typed.put("type", type);
		switch (type) {
			case "object" -> jsonObject(typed, node, path, javaType, currentDef, reach);
			case "array" -> {
				JsonNode items = node.get("items");
				if (items == null || !items.isObject()) {
					throw unexpressible(path, owner, javaType, "its elements have no type");
				}
				typed.set("items", toJson(items, path + "[*]", owner, currentDef, reach));
				copyNumber(node, typed, "minItems", "minItems");
				copyNumber(node, typed, "maxItems", "maxItems");
			}
			case "string" -> {
				List<String> values = enumValues(node);
				if (values != null) {
					ArrayNode enumNode = typed.putArray("enum");
					values.forEach(enumNode::add);
				}
				else {
					copyText(node, typed, "format");
				}
			}
			case "integer", "number" -> {
				copyText(node, typed, "format");
				copyNumber(node, typed, node.has("minimum") ? "minimum" : "exclusiveMinimum", "minimum");
				copyNumber(node, typed, node.has("maximum") ? "maximum" : "exclusiveMaximum", "maximum");
			}
			case "boolean", "null" -> {
			}
			default -> throw unexpressible(path, owner, javaType, "its JSON type '" + type + "' is unknown");
		}
		if (!nullable) {
			typed.setAll(result);
			return typed;
		}
		ArrayNode anyOf = result.putArray("anyOf");
		anyOf.add(typed);
		anyOf.add(nullType());
		return result;
	}

	private void jsonObject(ObjectNode typed, ObjectNode node, String path, @Nullable String javaType,
			@Nullable String currentDef, Map<String, Set<String>> reach) {
		JsonNode properties = node.get("properties");
		JsonNode additional = node.get("additionalProperties");
		boolean map = additional != null && additional.isObject();
		if (!map && (properties == null || !properties.isObject() || properties.isEmpty())) {
			throw unexpressible(path, null, javaType, "it has no property that Jackson can read (an interface "
					+ "or abstract class needs to be sealed or to name its subtypes with @JsonSubTypes; a class "
					+ "needs fields or setters)");
		}
		List<String> names = new ArrayList<>();
		Set<String> cyclic = new HashSet<>();
		if (properties != null && properties.isObject() && !properties.isEmpty()) {
			ObjectNode target = typed.putObject("properties");
			properties.properties().forEach((entry) -> {
				names.add(entry.getKey());
				target.set(entry.getKey(),
						toJson(entry.getValue(), path + "." + entry.getKey(), javaType, currentDef, reach));
				if (currentDef != null && isCyclic(entry.getValue(), currentDef, reach)) {
					cyclic.add(entry.getKey());
				}
			});
			JsonNode requiredNode = node.get("required");
			if (requiredNode != null && requiredNode.isArray()) {
				ArrayNode required = JsonNodeFactory.instance.arrayNode();
				for (String name : names) {
					for (JsonNode element : requiredNode) {
						if (element.asString().equals(name) && !cyclic.contains(name)) {
							required.add(name);
						}
					}
				}
				if (!required.isEmpty()) {
					typed.set("required", required);
				}
			}
			ArrayNode ordering = typed.putArray("propertyOrdering");
			names.forEach(ordering::add);
		}
		if (map) {
			typed.set("additionalProperties", toJson(additional, path + ".*", javaType, currentDef, reach));
		}
	}

	/** Whether a property refers, through definitions, back to the definition that holds it. */
	private static boolean isCyclic(JsonNode property, String currentDef, Map<String, Set<String>> reach) {
		for (String ref : directRefs(property)) {
			if (ref.equals(currentDef) || reach.getOrDefault(ref, Set.of()).contains(currentDef)) {
				return true;
			}
		}
		return false;
	}

	private ObjectNode resolveAllOfOnly(ObjectNode node) {
		ObjectNode resolved = node.deepCopy();
		resolved.remove("allOf");
		for (JsonNode part : node.get("allOf")) {
			ObjectNode copy = (ObjectNode) part.deepCopy();
			if (refName(copy) != null) {
				copy = resolve(copy);
			}
			mergeInto(resolved, copy);
		}
		return resolved;
	}

	private static boolean isNullableMarker(ObjectNode rest) {
		JsonNode type = rest.get("type");
		return type != null && type.isArray() && type.toString().toLowerCase(Locale.ROOT).contains("\"null\"");
	}

	private static ObjectNode nullType() {
		return JsonNodeFactory.instance.objectNode().put("type", "null");
	}

	private static void copyText(JsonNode from, ObjectNode to, String key) {
		String value = textValue(from, key);
		if (value != null) {
			to.put(key, value);
		}
	}

	private static void copyNumber(JsonNode from, ObjectNode to, String fromKey, String toKey) {
		JsonNode value = from.get(fromKey);
		if (value != null && value.isNumber()) {
			to.set(toKey, value);
		}
	}

	/** What a generated schema needs that Gemini's {@code Schema} lacks. */
	private static final class Features {

		private boolean recursive;

		private boolean map;

	}

}
