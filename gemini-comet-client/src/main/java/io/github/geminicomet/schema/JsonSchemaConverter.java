package io.github.geminicomet.schema;

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

/**
 * Converts a generated JSON Schema into the JSON Schema subset Gemini accepts as {@code responseJsonSchema}.
 */
final class JsonSchemaConverter {

	private final GeneratedSchema generated;

	JsonSchemaConverter(GeneratedSchema generated) {
		this.generated = generated;
	}

	JsonNode convert() {
		Map<String, Set<String>> reach = reachability();
		ObjectNode body = ((ObjectNode) this.generated.root()).deepCopy();
		body.remove("$defs");
		String bodyDef = null;
		String rootRef = GeneratedSchema.refName(body);
		if (rootRef != null && !rootRef.equals("#") && body.size() == 1
				&& !reach.getOrDefault(rootRef, Set.of()).contains(rootRef)) {
			// the top-level type does not refer to itself: describe it inline
			bodyDef = rootRef;
			body = ((ObjectNode) this.generated.definition(rootRef)).deepCopy();
		}
		Set<String> used = new LinkedHashSet<>();
		collectRefs(body, used);
		used.removeIf((name) -> !name.equals("#") && !reach.getOrDefault(name, Set.of()).contains(name));
		ObjectNode result = toJson(body, "$", null, (bodyDef != null) ? bodyDef : "#", reach);
		if (!used.isEmpty()) {
			ObjectNode defsNode = result.putObject("$defs");
			for (String name : used) {
				if (!name.equals("#")) {
					defsNode.set(name, toJson(this.generated.definition(name), "$defs." + name, null, name, reach));
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
		String ref = GeneratedSchema.refName(node);
		if (ref != null && used.add(ref) && !ref.equals("#")) {
			collectRefs(this.generated.definition(ref), used);
		}
		for (JsonNode child : GeneratedSchema.children(node)) {
			collectRefs(child, used);
		}
	}

	/** For each definition, the definitions it can reach. */
	private Map<String, Set<String>> reachability() {
		Map<String, Set<String>> direct = new HashMap<>();
		this.generated.defs().properties().forEach((entry) -> direct.put(entry.getKey(), directRefs(entry.getValue())));
		direct.put("#", directRefs(this.generated.root()));
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
		String ref = GeneratedSchema.refName(node);
		if (ref != null) {
			refs.add(ref);
		}
		for (JsonNode child : GeneratedSchema.children(node)) {
			collectDirectRefs(child, refs);
		}
	}

	private ObjectNode toJson(JsonNode source, String path, @Nullable String owner, @Nullable String currentDef,
			Map<String, Set<String>> reach) {
		ObjectNode node = (ObjectNode) source;
		String javaType = GeminiSchemaGenerator.javaTypeOf(node);
		ObjectNode result = JsonNodeFactory.instance.objectNode();
		String ref = GeneratedSchema.refName(node);
		if (ref != null && !ref.equals("#") && !reach.getOrDefault(ref, Set.of()).contains(ref)) {
			// only recursive types need a reference: describe the others inline
			return toJson(this.generated.resolve(node), path, owner, currentDef, reach);
		}
		if (ref != null) {
			ObjectNode reference = JsonNodeFactory.instance.objectNode();
			reference.put("$ref", ref.equals("#") ? "#" : GeneratedSchema.DEFS_PREFIX + ref);
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
				anyOf.add(GeneratedSchema.isNullType(alternative) ? nullType()
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
			throw this.generated.untyped(path, owner, javaType);
		}
		ObjectNode typed = JsonNodeFactory.instance.objectNode();
		typed.put("type", type);
		switch (type) {
			case "object" -> object(typed, node, path, javaType, currentDef, reach);
			case "array" -> {
				JsonNode items = node.get("items");
				if (items == null || !items.isObject()) {
					throw this.generated.untypedItems(path, owner, javaType);
				}
				typed.set("items", toJson(items, path + "[*]", owner, currentDef, reach));
				copyNumber(node, typed, "minItems", "minItems");
				copyNumber(node, typed, "maxItems", "maxItems");
			}
			case "string" -> {
				List<String> values = GeneratedSchema.enumValues(node);
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
			default -> throw this.generated.unknownType(path, owner, javaType, type);
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

	private void object(ObjectNode typed, ObjectNode node, String path, @Nullable String javaType,
			@Nullable String currentDef, Map<String, Set<String>> reach) {
		JsonNode properties = node.get("properties");
		JsonNode additional = node.get("additionalProperties");
		boolean map = additional != null && additional.isObject();
		if (!map && (properties == null || !properties.isObject() || properties.isEmpty())) {
			throw this.generated.noProperties(path, javaType);
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
			if (GeneratedSchema.refName(copy) != null) {
				copy = this.generated.resolve(copy);
			}
			GeneratedSchema.mergeInto(resolved, copy);
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
		String value = GeneratedSchema.textValue(from, key);
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

}
