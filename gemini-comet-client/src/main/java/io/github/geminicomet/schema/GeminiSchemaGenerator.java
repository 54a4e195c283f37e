package io.github.geminicomet.schema;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import com.github.victools.jsonschema.module.jackson.JsonPropertySorter;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import io.github.geminicomet.model.Schema;

/**
 * Describes Java types as the schema of a Gemini answer, for structured output. Thread-safe; each
 * type is described once and cached.
 *
 * <p>A type becomes a Gemini {@link Schema} ({@code responseSchema}) whenever Gemini's schema can
 * express it: records, JavaBeans, enums, nested types, {@code List}/{@code Set}/arrays,
 * {@code Optional}, numbers (INTEGER or NUMBER with format {@code int32}, {@code int64}, {@code float},
 * {@code double}), {@code BigDecimal}, {@code String}, {@code boolean}, {@code UUID}, {@code URI},
 * {@code java.time} types (STRING with format {@code date-time}, {@code date}, {@code time} or
 * {@code duration}) and sealed interfaces ({@code anyOf} their permitted subtypes). Gemini's
 * {@code Schema} has neither {@code additionalProperties} nor references, so a type that contains a
 * {@code Map} or refers to itself becomes a JSON Schema instead ({@code responseJsonSchema}, with
 * {@code $defs}); see {@link ResponseSchema}.
 *
 * <p>Property names follow Jackson ({@code @JsonProperty}, {@code @JsonIgnore},
 * {@code @JsonPropertyOrder}); descriptions come from {@code @JsonPropertyDescription} and
 * {@code @JsonClassDescription}; properties keep their declaration order ({@code propertyOrdering}).
 * A property is required unless it is an {@code Optional} or is annotated {@code @Nullable} (any
 * annotation of that simple name: JSpecify, Jakarta, Spring...), in which case it is also
 * {@code nullable}. When Jakarta Validation is on the classpath, {@code @Size}, {@code @Min},
 * {@code @Max}, {@code @DecimalMin}, {@code @DecimalMax}, {@code @Pattern}, {@code @NotEmpty},
 * {@code @NotBlank} and {@code @NotNull} become the matching schema constraints.
 *
 * <p>The type walk is done by the victools {@code jsonschema-generator} (with its Jackson and Jakarta
 * Validation modules); its JSON Schema is then translated to what Gemini accepts.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class GeminiSchemaGenerator {

	/**
	 * Keyword added to each generated type's JSON Schema to name its Java type in error messages;
	 * never sent.
	 */
	static final String JAVA_TYPE = "x-java-type";

	private static final boolean JAKARTA_VALIDATION_PRESENT = ClassUtils
		.isPresent("jakarta.validation.constraints.NotNull", GeminiSchemaGenerator.class.getClassLoader());

	private final SchemaGenerator generator;

	private final Map<Type, ResponseSchema> cache = new ConcurrentHashMap<>();

	/**
	 * Create a new generator.
	 */
	public GeminiSchemaGenerator() {
		this.generator = new SchemaGenerator(configuration());
	}

	/**
	 * Describe the given type.
	 * @param type the type, such as {@code Invoice.class}
	 * @return the schema, cached
	 * @throws SchemaGenerationException if the type cannot be described
	 */
	public ResponseSchema generate(Class<?> type) {
		return generate((Type) type);
	}

	/**
	 * Describe the given generic type.
	 * @param type the type, such as {@code new ParameterizedTypeReference<List<Invoice>>() {}}
	 * @return the schema, cached
	 * @throws SchemaGenerationException if the type cannot be described
	 */
	public ResponseSchema generate(ParameterizedTypeReference<?> type) {
		Assert.notNull(type, "'type' must not be null");
		return generate(type.getType());
	}

	/**
	 * Describe the given type.
	 * @param type the type; a {@link Class} or a fully resolved parameterized type
	 * @return the schema, cached
	 * @throws SchemaGenerationException if the type cannot be described
	 */
	public ResponseSchema generate(Type type) {
		Assert.notNull(type, "'type' must not be null");
		ResponseSchema cached = this.cache.get(type);
		if (cached != null) {
			return cached;
		}
		ResponseSchema generated = doGenerate(type);
		ResponseSchema previous = this.cache.putIfAbsent(type, generated);
		return (previous != null) ? previous : generated;
	}

	private ResponseSchema doGenerate(Type type) {
		ObjectNode jsonSchema;
		try {
			jsonSchema = this.generator.generateSchema(type);
		}
		catch (SchemaGenerationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new SchemaGenerationException(type,
					"Cannot describe " + type.getTypeName() + " for Gemini: " + ex.getMessage(), ex);
		}
		return SchemaConverter.convert(type, jsonSchema);
	}

	static com.github.victools.jsonschema.generator.SchemaGeneratorConfig configuration() {
		SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON)
			.without(Option.SCHEMA_VERSION_INDICATOR)
			.with(Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
					Option.PLAIN_DEFINITION_KEYS, Option.DEFINITION_FOR_MAIN_SCHEMA)
			.with(new JacksonSchemaModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
					JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY, JacksonOption.RESPECT_JSONPROPERTY_REQUIRED));
		if (JAKARTA_VALIDATION_PRESENT) {
			JakartaValidation.register(builder);
		}
		builder.forTypesInGeneral()
			.withPropertySorter(new JsonPropertySorter(false))
			.withSubtypeResolver(GeminiSchemaGenerator::sealedSubtypes)
			.withCustomDefinitionProvider(GeminiSchemaGenerator::stringDefinition)
			.withTypeAttributeOverride((node, scope, context) -> node.put(JAVA_TYPE, scope.getType().getTypeName()));
		builder.forFields()
			.withNullableCheck((field) -> isNullable(field) ? Boolean.TRUE : null)
			.withRequiredCheck((field) -> !isNullable(field) && !isOptional(field.getDeclaredType()));
		return builder.build();
	}

	/**
	 * The permitted subtypes of a sealed type that Jackson annotations do not already describe,
	 * flattened to the concrete ones.
	 */
	private static @Nullable List<ResolvedType> sealedSubtypes(ResolvedType declaredType,
			SchemaGenerationContext context) {
		Class<?> type = declaredType.getErasedType();
		if (!type.isSealed() || type.isAnnotationPresent(JsonTypeInfo.class)) {
			return null;
		}
		List<ResolvedType> subtypes = new ArrayList<>();
		collectPermitted(type, declaredType, context, subtypes);
		return subtypes;
	}

	private static void collectPermitted(Class<?> type, ResolvedType declaredType, SchemaGenerationContext context,
			List<ResolvedType> subtypes) {
		for (Class<?> permitted : type.getPermittedSubclasses()) {
			if (permitted.isSealed() && (permitted.isInterface() || Modifier.isAbstract(permitted.getModifiers()))) {
				collectPermitted(permitted, declaredType, context, subtypes);
			}
			else {
				subtypes.add(context.getTypeContext().resolveSubtype(declaredType, permitted));
			}
		}
	}

	/**
	 * Strings Jackson reads into {@code byte[]} (base64), {@code char} and enums whose constants are
	 * renamed with {@code @JsonProperty} (some or all of them; enums with a {@code @JsonValue} are left
	 * to the Jackson module).
	 */
	private static @Nullable CustomDefinition stringDefinition(ResolvedType javaType, SchemaGenerationContext context) {
		Class<?> type = javaType.getErasedType();
		ObjectNode node = context.getGeneratorConfig().createObjectNode().put("type", "string");
		if (type.isEnum()) {
			List<String> values = enumValues(type);
			if (values == null) {
				return null;
			}
			values.forEach(node.putArray("enum")::add);
		}
		else if (type == byte[].class) {
			node.put("format", "byte");
		}
		else if (type == char.class || type == Character.class) {
			node.put("minLength", 1).put("maxLength", 1);
		}
		else {
			return null;
		}
		return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE,
				CustomDefinition.AttributeInclusion.YES);
	}

	private static @Nullable List<String> enumValues(Class<?> type) {
		for (Method method : type.getDeclaredMethods()) {
			JsonValue jsonValue = method.getAnnotation(JsonValue.class);
			if (jsonValue != null && jsonValue.value()) {
				return null;
			}
		}
		List<String> values = new ArrayList<>();
		for (Object constant : type.getEnumConstants()) {
			String name = ((Enum<?>) constant).name();
			try {
				JsonProperty property = type.getField(name).getAnnotation(JsonProperty.class);
				values.add((property != null && !property.value().isEmpty()) ? property.value() : name);
			}
			catch (NoSuchFieldException ex) {
				values.add(name);
			}
		}
		return values;
	}

	static boolean isNullable(FieldScope field) {
		if (field.getRawMember().getType().isPrimitive() || field.isFakeContainerItemScope()) {
			return false;
		}
		if (isOptional(field.getDeclaredType())) {
			return true;
		}
		if (hasNullable(field.getRawMember().getAnnotations())
				|| hasNullable(field.getRawMember().getAnnotatedType().getAnnotations())) {
			return true;
		}
		MethodScope getter = field.findGetter();
		if (getter != null) {
			Method method = getter.getRawMember();
			return hasNullable(method.getAnnotations()) || hasNullable(method.getAnnotatedReturnType().getAnnotations());
		}
		return false;
	}

	private static boolean hasNullable(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			String name = annotation.annotationType().getSimpleName();
			if (name.equals("Nullable") || name.equals("CheckForNull")) {
				return true;
			}
		}
		return false;
	}

	private static boolean isOptional(ResolvedType type) {
		return type.getErasedType() == Optional.class;
	}

	/**
	 * Return the Java type recorded on a generated JSON Schema node, if any.
	 */
	static @Nullable String javaTypeOf(JsonNode node) {
		JsonNode type = node.get(JAVA_TYPE);
		return (type != null && type.isString()) ? type.asString() : null;
	}

	/**
	 * Registers the Jakarta Validation module; only loaded when Jakarta Validation is present.
	 */
	private static final class JakartaValidation {

		static void register(SchemaGeneratorConfigBuilder builder) {
			builder.with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
					JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
		}

	}

}
