package io.github.geminicomet.schema;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;

/**
 * Lets Jackson read sealed interfaces and sealed abstract classes that carry no
 * {@code @JsonTypeInfo}: the concrete type is deduced from the properties present
 * ({@link JsonTypeInfo.Id#DEDUCTION}) among the permitted subtypes, matching the {@code anyOf} that
 * {@link GeminiSchemaGenerator} sends for them. Explicit Jackson annotations always win. Deduction
 * needs each subtype to have a property the others lack; otherwise annotate the sealed type with
 * {@code @JsonTypeInfo(use = Id.NAME)} and {@code @JsonSubTypes}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class SealedTypesIntrospector extends NopAnnotationIntrospector {

	private static final long serialVersionUID = 1L;

	/**
	 * Return a copy of the mapper that reads sealed types by deduction (see above).
	 * @param mapper the mapper to copy; not changed
	 * @return the new mapper
	 */
	public static JsonMapper apply(JsonMapper mapper) {
		JsonMapper.Builder builder = mapper.rebuild();
		AnnotationIntrospector existing = builder.annotationIntrospector();
		return builder.annotationIntrospector(AnnotationIntrospector.pair(existing, new SealedTypesIntrospector()))
			.build();
	}

	@Override
	public JsonTypeInfo.@Nullable Value findPolymorphicTypeInfo(MapperConfig<?> config, Annotated annotated) {
		Class<?> type = sealedType(annotated);
		if (type == null) {
			return null;
		}
		return JsonTypeInfo.Value.construct(JsonTypeInfo.Id.DEDUCTION, JsonTypeInfo.As.PROPERTY, null, null, false,
				null);
	}

	@Override
	public @Nullable List<NamedType> findSubtypes(MapperConfig<?> config, Annotated annotated) {
		Class<?> type = sealedType(annotated);
		if (type == null) {
			return null;
		}
		List<NamedType> subtypes = new ArrayList<>();
		collect(type, subtypes);
		return subtypes;
	}

	private static void collect(Class<?> type, List<NamedType> subtypes) {
		for (Class<?> permitted : type.getPermittedSubclasses()) {
			if (isAbstractSealed(permitted)) {
				collect(permitted, subtypes);
			}
			else {
				subtypes.add(new NamedType(permitted));
			}
		}
	}

	private static @Nullable Class<?> sealedType(Annotated annotated) {
		if (!(annotated instanceof AnnotatedClass annotatedClass)) {
			return null;
		}
		Class<?> type = annotatedClass.getRawType();
		return (isAbstractSealed(type) && !type.isAnnotationPresent(JsonTypeInfo.class)) ? type : null;
	}

	private static boolean isAbstractSealed(Class<?> type) {
		return type.isSealed() && (type.isInterface() || Modifier.isAbstract(type.getModifiers()));
	}

}
