package io.github.geminicomet.tool;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.ResolvableType;

import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.Schema;
import io.github.geminicomet.schema.GeminiSchemaGenerator;
import io.github.geminicomet.schema.ResponseSchema;
import io.github.geminicomet.schema.SchemaGenerationException;

/**
 * Builds the function declaration of a tool method: an {@code OBJECT} schema with one property per
 * parameter, in declaration order, each described by {@link GeminiSchemaGenerator}. When a parameter
 * needs JSON Schema (a map, or a type that refers to itself), the whole parameter list is sent as
 * {@code parametersJsonSchema}, with the definitions of every parameter merged into one {@code $defs}.
 */
final class ToolSchemas {

	private static final GeminiSchemaGenerator GENERATOR = new GeminiSchemaGenerator();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ToolSchemas() {
	}

	static FunctionDeclaration declaration(String name, @Nullable String description, List<ToolParameter> parameters,
			String displayName) {
		if (parameters.isEmpty()) {
			return new FunctionDeclaration(name, description, null, null, null, null, null);
		}
		List<ResponseSchema> schemas = new ArrayList<>();
		for (ToolParameter parameter : parameters) {
			schemas.add(generate(parameter.type(), parameter, displayName));
		}
		if (schemas.stream().noneMatch(ResponseSchema::isJsonSchema)) {
			return new FunctionDeclaration(name, description, objectSchema(parameters, schemas), null, null, null,
					null);
		}
		return new FunctionDeclaration(name, description, null, objectJsonSchema(parameters, displayName), null, null,
				null);
	}

	private static Schema objectSchema(List<ToolParameter> parameters, List<ResponseSchema> schemas) {
		Schema.Builder object = Schema.builder().type(Schema.Type.OBJECT);
		List<String> names = new ArrayList<>();
		List<String> required = new ArrayList<>();
		for (int i = 0; i < parameters.size(); i++) {
			ToolParameter parameter = parameters.get(i);
			Schema schema = schemas.get(i).schema();
			Schema.Builder property = schema.toBuilder();
			if (parameter.description() != null) {
				property.description(parameter.description());
			}
			if (parameter.nullable()) {
				property.nullable(true);
			}
			object.property(parameter.name(), property.build());
			names.add(parameter.name());
			if (parameter.required()) {
				required.add(parameter.name());
			}
		}
		return object.required(required.isEmpty() ? null : required).propertyOrdering(names).build();
	}

	private static ObjectNode objectJsonSchema(List<ToolParameter> parameters, String displayName) {
		ObjectNode root = NODES.objectNode().put("type", "object");
		ObjectNode properties = root.putObject("properties");
		ObjectNode defs = NODES.objectNode();
		ArrayNode required = NODES.arrayNode();
		ArrayNode ordering = NODES.arrayNode();
		for (ToolParameter parameter : parameters) {
			// a map's value schema is always JSON Schema: describe each parameter as the values of a map
			Type mapType = ResolvableType
				.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class), ResolvableType.forType(parameter.type()))
				.getType();
			JsonNode map = generate(mapType, parameter, displayName).jsonSchema();
			JsonNode values = (map != null) ? map.get("additionalProperties") : null;
			if (values == null || !values.isObject()) {
				throw new IllegalArgumentException(unsupported(parameter, displayName, "it has no JSON Schema"));
			}
			JsonNode parameterDefs = map.get("$defs");
			if (parameterDefs != null) {
				parameterDefs.properties().forEach((entry) -> {
					JsonNode existing = defs.get(entry.getKey());
					if (existing != null && !existing.equals(entry.getValue())) {
						throw new IllegalArgumentException(unsupported(parameter, displayName, "two different types "
								+ "are both named " + entry.getKey() + " in the parameters' JSON Schema; rename one"));
					}
					defs.set(entry.getKey(), entry.getValue());
				});
			}
			properties.set(parameter.name(), described((ObjectNode) values.deepCopy(), parameter));
			ordering.add(parameter.name());
			if (parameter.required()) {
				required.add(parameter.name());
			}
		}
		if (!required.isEmpty()) {
			root.set("required", required);
		}
		root.set("propertyOrdering", ordering);
		if (!defs.isEmpty()) {
			root.set("$defs", defs);
		}
		return root;
	}

	private static ObjectNode described(ObjectNode node, ToolParameter parameter) {
		ObjectNode result = node;
		if (parameter.nullable() || (node.has("$ref") && parameter.description() != null)) {
			// "$ref" takes no sibling keywords: wrap it, as the schema generator does
			result = NODES.objectNode();
			ArrayNode anyOf = result.putArray("anyOf");
			anyOf.add(node);
			if (parameter.nullable()) {
				anyOf.addObject().put("type", "null");
			}
		}
		if (parameter.description() != null) {
			result.put("description", parameter.description());
		}
		return result;
	}

	private static ResponseSchema generate(Type type, ToolParameter parameter, String displayName) {
		try {
			return GENERATOR.generate(type);
		}
		catch (SchemaGenerationException ex) {
			throw new IllegalArgumentException(unsupported(parameter, displayName, ex.getMessage()), ex);
		}
	}

	private static String unsupported(ToolParameter parameter, String displayName, @Nullable String reason) {
		return "Unsupported type " + parameter.type().getTypeName() + " of parameter '" + parameter.name()
				+ "' of @GeminiTool method " + displayName + ": " + reason;
	}

}
