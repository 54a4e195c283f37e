package io.github.geminicomet.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a parameter of a {@link GeminiTool @GeminiTool} method. Optional: without it, the
 * parameter is named after the method's parameter, described by a
 * {@code @JsonPropertyDescription} if there is one, and required unless it is an {@code Optional} or
 * annotated {@code @Nullable}.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GeminiToolParam {

	/**
	 * What the parameter means; the model reads it to fill in the argument.
	 * @return the description, or empty for none
	 */
	String description() default "";

	/**
	 * The argument name the model uses; defaults to the parameter's name in the class file.
	 * @return the name, or empty for the parameter's name
	 */
	String name() default "";

	/**
	 * Whether the model must always pass the argument. An {@code Optional} or {@code @Nullable}
	 * parameter is never required.
	 * @return whether the argument is required
	 */
	boolean required() default true;

}
