package io.github.geminicomet.schema;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Schema;

/**
 * The schema of an answer for a Java type, as {@link GeminiSchemaGenerator} generates it: either a
 * Gemini {@link Schema}, sent as {@code generationConfig.responseSchema}, or, for types Gemini's
 * schema cannot express (a {@code Map}, which needs {@code additionalProperties}, or a type that
 * refers to itself, which needs {@code $ref}), a JSON Schema sent as
 * {@code generationConfig.responseJsonSchema}. Exactly one of the two is set.
 *
 * <p>The JSON Schema keeps only the keywords Gemini documents for {@code responseJsonSchema}
 * ({@code $defs}, {@code $ref}, {@code type}, {@code format}, {@code title}, {@code description},
 * {@code enum}, {@code items}, {@code minItems}, {@code maxItems}, {@code minimum}, {@code maximum},
 * {@code anyOf}, {@code properties}, {@code additionalProperties}, {@code required} and
 * {@code propertyOrdering}): string length and pattern constraints are left to validation there.
 * Gemini unrolls a recursive reference to a limited depth and only accepts it in a property that is
 * not required, so the properties through which a type refers to itself are never required.
 *
 * @param javaType the Java type described
 * @param schema the Gemini schema, or {@code null} when {@code jsonSchema} is set
 * @param jsonSchema the JSON Schema, or {@code null} when {@code schema} is set
 * @author gemini-comet
 * @since 0.1.0
 */
public record ResponseSchema(Type javaType, @Nullable Schema schema, @Nullable JsonNode jsonSchema) {

	/**
	 * The media type that asks Gemini for JSON.
	 */
	public static final String JSON_MIME_TYPE = "application/json";

	public ResponseSchema {
		Assert.notNull(javaType, "'javaType' must not be null");
		Assert.isTrue((schema == null) != (jsonSchema == null), "Exactly one of 'schema' and 'jsonSchema' must be set");
	}

	/**
	 * Return whether this schema is a JSON Schema, sent as {@code responseJsonSchema}.
	 * @return whether {@link #jsonSchema()} is set
	 */
	public boolean isJsonSchema() {
		return this.jsonSchema != null;
	}

	/**
	 * Return the given generation options asking for JSON that matches this schema:
	 * {@code responseMimeType} {@value #JSON_MIME_TYPE} and either {@code responseSchema} or
	 * {@code responseJsonSchema} (the other one cleared). The given options are not changed.
	 * @param config the options to start from, or {@code null} for none
	 * @return new options
	 */
	public GenerationConfig applyTo(@Nullable GenerationConfig config) {
		GenerationConfig.Builder builder = (config != null) ? config.toBuilder() : GenerationConfig.builder();
		return builder.responseMimeType(JSON_MIME_TYPE)
			.responseSchema(this.schema)
			.responseJsonSchema(this.jsonSchema)
			.build();
	}

}
