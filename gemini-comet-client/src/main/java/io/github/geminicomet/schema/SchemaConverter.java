package io.github.geminicomet.schema;

import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.geminicomet.model.Schema;

/**
 * Translates the JSON Schema the victools generator produces into a Gemini {@link Schema} or, for
 * maps and recursive types, into the JSON Schema subset Gemini accepts as {@code responseJsonSchema}.
 */
final class SchemaConverter {

	private final GeneratedSchema generated;

	private SchemaConverter(GeneratedSchema generated) {
		this.generated = generated;
	}

	static ResponseSchema convert(Type type, ObjectNode generated) {
		GeneratedSchema schema = new GeneratedSchema(type, generated);
		Features features = new Features();
		new SchemaConverter(schema).scan(generated, new ArrayDeque<>(), new HashSet<>(), features);
		if (!features.recursive && !features.map) {
			return new ResponseSchema(type, new OpenApiSchemaConverter(schema).convert(), null);
		}
		return new ResponseSchema(type, null, new JsonSchemaConverter(schema).convert());
	}

	private void scan(JsonNode node, Deque<String> refs, Set<String> done, Features features) {
		if (!node.isObject()) {
			return;
		}
		String ref = GeneratedSchema.refName(node);
		if (ref != null) {
			if (refs.contains(ref)) {
				features.recursive = true;
			}
			else if (done.add(ref)) {
				refs.push(ref);
				scan(this.generated.definition(ref), refs, done, features);
				refs.pop();
			}
		}
		JsonNode additional = node.get("additionalProperties");
		if (additional != null && additional.isObject()) {
			features.map = true;
		}
		for (JsonNode child : GeneratedSchema.children(node)) {
			scan(child, refs, done, features);
		}
	}

	/** What a generated schema needs that Gemini's {@code Schema} lacks. */
	private static final class Features {

		private boolean recursive;

		private boolean map;

	}

}
