package io.github.geminicomet.tool;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

import io.github.geminicomet.model.FunctionDeclaration;

/**
 * One {@link GeminiTool @GeminiTool} method of one object: its function declaration, and how to call
 * it with the model's arguments and turn its result into a function response.
 */
final class ToolMethod {

	static final String RESULT = "result";

	static final String ERROR = "error";

	/** The result of a method that returns nothing. */
	static final String OK = "ok";

	private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.-]{0,63}");

	private static final boolean AOP_PRESENT = ClassUtils.isPresent("org.springframework.aop.support.AopUtils",
			ToolMethod.class.getClassLoader());

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	private static final ReactiveAdapterRegistry ADAPTERS = ReactiveAdapterRegistry.getSharedInstance();

	private final String name;

	private final String displayName;

	private final FunctionDeclaration declaration;

	private final @Nullable Object target;

	private final Method method;

	private final List<ToolParameter> parameters;

	private final @Nullable ReactiveAdapter adapter;

	private final boolean noResult;

	private ToolMethod(String name, String displayName, FunctionDeclaration declaration, @Nullable Object target,
			Method method, List<ToolParameter> parameters, @Nullable ReactiveAdapter adapter, boolean noResult) {
		this.name = name;
		this.displayName = displayName;
		this.declaration = declaration;
		this.target = target;
		this.method = method;
		this.parameters = parameters;
		this.adapter = adapter;
		this.noResult = noResult;
	}

	String name() {
		return this.name;
	}

	String displayName() {
		return this.displayName;
	}

	FunctionDeclaration declaration() {
		return this.declaration;
	}

	/** Whether the method blocks: it returns neither a {@code Publisher} nor a {@code CompletionStage}. */
	boolean isBlocking() {
		return this.adapter == null;
	}

	// ---- resolution

	/**
	 * Find the {@code @GeminiTool} methods of an object (of its target class, for a Spring AOP proxy; the
	 * static methods of a class, for a {@code Class}), sorted by function name.
	 */
	static List<ToolMethod> resolve(Object toolObject) {
		Assert.notNull(toolObject, "Tool objects must not be null");
		boolean staticOnly = toolObject instanceof Class<?>;
		Class<?> userClass = staticOnly ? (Class<?>) toolObject : targetClass(toolObject);
		Map<Method, GeminiTool> annotated = MethodIntrospector.selectMethods(userClass,
				(MethodIntrospector.MetadataLookup<GeminiTool>) (candidate) -> AnnotatedElementUtils
					.findMergedAnnotation(candidate, GeminiTool.class));
		if (annotated.isEmpty()) {
			throw new IllegalArgumentException("No @GeminiTool method found on " + userClass.getName()
					+ ((userClass != toolObject.getClass() && !staticOnly)
							? " (the target class of " + toolObject.getClass().getName() + ")" : "")
					+ ": annotate the methods the model may call with @io.github.geminicomet.tool.GeminiTool");
		}
		List<ToolMethod> methods = new ArrayList<>();
		annotated.forEach((method, annotation) -> methods
			.add(create(toolObject, userClass, staticOnly, method, annotation)));
		methods.sort(Comparator.comparing(ToolMethod::name));
		return methods;
	}

	private static Class<?> targetClass(Object toolObject) {
		Class<?> type = AOP_PRESENT ? Aop.targetClass(toolObject) : toolObject.getClass();
		return ClassUtils.getUserClass(type);
	}

	private static ToolMethod create(Object toolObject, Class<?> userClass, boolean staticOnly, Method method,
			GeminiTool annotation) {
		String displayName = ClassUtils.getShortName(userClass) + "." + method.getName();
		String name = StringUtils.hasText(annotation.name()) ? annotation.name() : method.getName();
		if (!FUNCTION_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid function name '" + name + "' of @GeminiTool method "
					+ displayName + ": Gemini function names must match ^[a-zA-Z_][a-zA-Z0-9_.-]{0,63}$ (a letter "
					+ "or '_' first, then letters, digits, '_', '.' or '-', at most 64 characters); set a valid "
					+ "one with @GeminiTool(name = \"...\")");
		}
		boolean isStatic = Modifier.isStatic(method.getModifiers());
		if (staticOnly && !isStatic) {
			throw new IllegalArgumentException("@GeminiTool method " + displayName + " is an instance method, but "
					+ "the class " + userClass.getName() + " was given instead of an instance: pass an instance");
		}
		Object target = isStatic ? null : toolObject;
		Method invocable = isStatic ? method : invocableMethod(method, toolObject, displayName);
		ReflectionUtils.makeAccessible(invocable);
		List<ToolParameter> parameters = parameters(method, userClass, displayName);
		String description = StringUtils.hasText(annotation.description()) ? annotation.description() : null;
		FunctionDeclaration declaration = ToolSchemas.declaration(name, description, parameters, displayName);
		ResolvableType returnType = ResolvableType.forMethodReturnType(method, userClass);
		Class<?> returnClass = returnType.resolve(Object.class);
		ReactiveAdapter adapter = ADAPTERS.getAdapter(returnClass);
		boolean noResult = returnClass == void.class || returnClass == Void.class
				|| (adapter != null && (adapter.isNoValue() || returnType.getGeneric(0).resolve() == Void.class));
		return new ToolMethod(name, displayName, declaration, target, invocable, List.copyOf(parameters), adapter,
				noResult);
	}

	private static Method invocableMethod(Method method, Object toolObject, String displayName) {
		if (!AOP_PRESENT) {
			return method;
		}
		Method invocable;
		try {
			invocable = Aop.invocableMethod(method, toolObject.getClass());
		}
		catch (IllegalStateException ex) {
			throw new IllegalArgumentException("@GeminiTool method " + displayName + " cannot be called through "
					+ "the proxy " + toolObject.getClass().getName() + ": make it neither private nor final, and, "
					+ "for a JDK proxy, declare it on an interface the proxy implements (or proxy the target class)",
					ex);
		}
		if (Aop.isCglibProxy(toolObject) && Modifier.isFinal(invocable.getModifiers())) {
			// a final method is not intercepted: it would run on the proxy instance, whose fields are empty
			throw new IllegalArgumentException("@GeminiTool method " + displayName + " is final, so it cannot be "
					+ "called through the proxy " + toolObject.getClass().getName() + ": remove 'final'");
		}
		return invocable;
	}

	private static List<ToolParameter> parameters(Method method, Class<?> userClass, String displayName) {
		MethodParameter[] methodParameters = new AnnotatedMethod(method).getMethodParameters();
		String[] discovered = PARAMETER_NAMES.getParameterNames(method);
		List<ToolParameter> parameters = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < methodParameters.length; i++) {
			MethodParameter parameter = methodParameters[i];
			GeminiToolParam annotation = parameter.getParameterAnnotation(GeminiToolParam.class);
			String name = (annotation != null && StringUtils.hasText(annotation.name())) ? annotation.name()
					: (discovered != null) ? discovered[i] : null;
			if (name == null) {
				throw new IllegalArgumentException("The parameter names of @GeminiTool method " + displayName
						+ " are not in the class file: compile with -parameters (javac) or -java-parameters "
						+ "(kotlinc), or name each parameter with @GeminiToolParam(name = \"...\")");
			}
			if (!names.add(name)) {
				throw new IllegalArgumentException(
						"@GeminiTool method " + displayName + " has two parameters named '" + name + "'");
			}
			ResolvableType type = ResolvableType.forMethodParameter(method, i, userClass);
			boolean optional = type.resolve() == Optional.class;
			ResolvableType valueType = optional ? type.getGeneric(0) : type;
			Type concrete = concreteType(valueType, displayName, name);
			boolean primitive = (concrete instanceof Class<?> c) && c.isPrimitive();
			boolean nullable = optional || (!primitive && (hasNullable(method.getParameters()[i].getAnnotations())
					|| hasNullable(method.getAnnotatedParameterTypes()[i].getAnnotations())
					|| hasNullable(parameter.getParameterAnnotations())));
			boolean required = (annotation == null || annotation.required()) && !nullable;
			if (primitive && !required) {
				throw new IllegalArgumentException("Parameter '" + name + "' of @GeminiTool method " + displayName
						+ " is of the primitive type " + concrete.getTypeName() + " and cannot be optional: use "
						+ ClassUtils.resolvePrimitiveIfNecessary((Class<?>) concrete).getSimpleName() + " instead");
			}
			parameters.add(new ToolParameter(name, description(parameter, annotation), concrete, optional, nullable,
					required, primitive));
		}
		return parameters;
	}

	private static @Nullable String description(MethodParameter parameter, @Nullable GeminiToolParam annotation) {
		if (annotation != null && StringUtils.hasText(annotation.description())) {
			return annotation.description();
		}
		JsonPropertyDescription description = parameter.getParameterAnnotation(JsonPropertyDescription.class);
		return (description != null && StringUtils.hasText(description.value())) ? description.value() : null;
	}

	/**
	 * The parameter's type with every type variable resolved against the tool's class, as a
	 * {@code Class} or a parameterized type.
	 */
	private static Type concreteType(ResolvableType type, String displayName, String parameterName) {
		Class<?> raw = type.resolve();
		if (raw == null || type.hasUnresolvableGenerics()) {
			throw new IllegalArgumentException("Unsupported type " + type + " of parameter '" + parameterName
					+ "' of @GeminiTool method " + displayName + ": its type variables cannot be resolved; use a "
					+ "concrete type");
		}
		if (raw.isArray() || !type.hasGenerics()) {
			return (type.getType() instanceof Class<?> c) ? c : raw;
		}
		ResolvableType[] generics = type.getGenerics();
		ResolvableType[] resolved = new ResolvableType[generics.length];
		for (int i = 0; i < generics.length; i++) {
			resolved[i] = ResolvableType.forType(concreteType(generics[i], displayName, parameterName));
		}
		return ResolvableType.forClassWithGenerics(raw, resolved).getType();
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

	// ---- invocation

	/**
	 * Resolve, once and up front, the mapper's deserializers for the parameter types and for the plain
	 * values results become. Jackson creates a missing deserializer under a lock; resolved here, a call
	 * (a reactive method's arguments are read on the calling thread, an event loop) finds them in the
	 * mapper's cache instead of waiting for that lock while another tool's call holds it.
	 * @param mapper the mapper calls convert with
	 */
	void resolveConverters(JsonMapper mapper) {
		for (ToolParameter parameter : this.parameters) {
			mapper.readerFor(mapper.constructType(parameter.type()));
		}
		mapper.readerFor(Object.class);
	}

	/**
	 * Call the method with the model's arguments: blocking methods on the options' scheduler, reactive
	 * ones on the calling thread (only their assembly), composed with their result.
	 * @return the function response's {@code response} object; an error when the arguments are invalid
	 * ({@link ToolArgumentException}) or the method failed (its exception)
	 */
	Mono<Map<String, @Nullable Object>> call(@Nullable Map<String, @Nullable Object> args,
			ToolCallingOptions options) {
		JsonMapper mapper = options.jsonMapper();
		if (this.adapter == null) {
			return Mono.fromCallable(() -> Optional.ofNullable(invoke(arguments(args, mapper))))
				.subscribeOn(options.scheduler())
				.flatMap((result) -> result.isPresent() ? fromValue(result.get(), mapper) : Mono.just(empty()));
		}
		return Mono.defer(() -> {
			Object result;
			try {
				result = invoke(arguments(args, mapper));
			}
			catch (Exception ex) {
				return Mono.error(ex);
			}
			return (result != null) ? fromValue(result, mapper) : Mono.just(empty());
		});
	}

	private Mono<Map<String, @Nullable Object>> fromValue(Object value, JsonMapper mapper) {
		ReactiveAdapter valueAdapter = (this.adapter != null) ? this.adapter : ADAPTERS.getAdapter(value.getClass());
		if (valueAdapter == null) {
			return Mono.just(response(value, mapper));
		}
		Publisher<?> publisher = valueAdapter.toPublisher(value);
		Mono<?> single = valueAdapter.isMultiValue() ? Flux.from(publisher).collectList() : Mono.from(publisher);
		return single.<Map<String, @Nullable Object>>map((element) -> response(element, mapper))
			.switchIfEmpty(Mono.fromSupplier(this::empty));
	}

	private @Nullable Object[] arguments(@Nullable Map<String, @Nullable Object> args, JsonMapper mapper) {
		@Nullable Object[] values = new Object[this.parameters.size()];
		for (int i = 0; i < values.length; i++) {
			ToolParameter parameter = this.parameters.get(i);
			Object raw = (args != null) ? args.get(parameter.name()) : null;
			if (raw == null) {
				if (parameter.required()) {
					throw new ToolArgumentException("missing required argument '" + parameter.name() + "'");
				}
				values[i] = parameter.optional() ? Optional.empty() : null;
				continue;
			}
			Object converted;
			try {
				converted = mapper.convertValue(raw, mapper.constructType(parameter.type()));
			}
			catch (RuntimeException ex) {
				String reason = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
				throw new ToolArgumentException("argument '" + parameter.name() + "' cannot be read as "
						+ parameter.type().getTypeName() + ": " + reason, ex);
			}
			values[i] = parameter.optional() ? Optional.ofNullable(converted) : converted;
		}
		return values;
	}

	private @Nullable Object invoke(@Nullable Object[] arguments) throws Exception {
		try {
			return this.method.invoke(this.target, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	private Map<String, @Nullable Object> empty() {
		return Collections.singletonMap(RESULT, this.noResult ? OK : null);
	}

	/**
	 * A map (or JSON object) result is the response; any other value is wrapped as {@code result}.
	 * Values are converted to plain JSON values (maps, lists, strings, numbers, booleans) with the mapper.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, @Nullable Object> response(@Nullable Object value, JsonMapper mapper) {
		if (value == null) {
			return Collections.singletonMap(RESULT, null);
		}
		JsonNode tree = mapper.valueToTree(value);
		Object plain = mapper.treeToValue(tree, Object.class);
		if ((value instanceof Map<?, ?> || value instanceof JsonNode) && plain instanceof Map<?, ?> map) {
			return (Map<String, @Nullable Object>) map;
		}
		return Collections.singletonMap(RESULT, plain);
	}

	@Override
	public String toString() {
		return "ToolMethod[" + this.name + " -> " + this.displayName + "]";
	}

	/**
	 * The Spring AOP calls, only loaded when Spring AOP is present.
	 */
	private static final class Aop {

		static Class<?> targetClass(Object candidate) {
			return AopUtils.getTargetClass(candidate);
		}

		static Method invocableMethod(Method method, Class<?> proxyType) {
			return AopUtils.selectInvocableMethod(method, proxyType);
		}

		static boolean isCglibProxy(Object candidate) {
			return AopUtils.isCglibProxy(candidate);
		}

	}

	/**
	 * The model's arguments do not fit the method's parameters.
	 */
	static final class ToolArgumentException extends RuntimeException {

		ToolArgumentException(String message) {
			super(message);
		}

		ToolArgumentException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
