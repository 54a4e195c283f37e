package io.github.geminicomet.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a function the model may call. The method may belong to any object (a Spring
 * bean, proxied or not, or a plain instance; static methods work too); pass the object to
 * {@link io.github.geminicomet.GeminiOperations#withTools(Object...) withTools(...)} or to
 * {@link GeminiTools#of(Object...)}.
 *
 * <p>The function's parameters are the method's parameters, in declaration order, described from
 * their generic types by {@link io.github.geminicomet.schema.GeminiSchemaGenerator} (records, enums,
 * lists, maps, {@code java.time} types and so on). Parameter names come from the class file, so compile
 * with {@code -parameters} (Spring Boot's build plugins do), or name them with
 * {@link GeminiToolParam#name()}. A parameter is required unless it is an {@code Optional} or is
 * annotated {@code @Nullable} or {@code @GeminiToolParam(required = false)}.
 *
 * <pre class="code">
 * &#64;Component
 * class WeatherTools {
 *
 *     &#64;GeminiTool(description = "Current weather in a city")
 *     Weather currentWeather(&#64;GeminiToolParam(description = "City name, such as Paris") String city,
 *             Unit unit) {
 *         ...
 *     }
 *
 * }
 * </pre>
 *
 * <p>A method may return a value, {@code void}, a {@code Mono}, a {@code Flux} (its elements are
 * collected into a list), any other {@code Publisher} or a {@code CompletionStage}. See
 * {@link GeminiTools} for how results and errors are sent back to the model.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GeminiTool {

	/**
	 * What the function does and when to call it; the model reads it to decide.
	 * @return the description
	 */
	String description();

	/**
	 * The function name the model calls; defaults to the method name. Must match
	 * {@code ^[a-zA-Z_][a-zA-Z0-9_.-]{0,63}$}.
	 * @return the function name, or empty for the method name
	 */
	String name() default "";

}
