package io.github.geminicomet.tool;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * One parameter of a {@link ToolMethod}: its argument name, the type its schema describes (an
 * {@code Optional}'s element type), and how a missing argument is handled.
 *
 * @param name the argument name the model uses
 * @param description the description, or {@code null}
 * @param type the type of the argument (for an {@code Optional} parameter, its element type)
 * @param optional whether the parameter is an {@code Optional}
 * @param nullable whether the parameter is an {@code Optional} or annotated {@code @Nullable}
 * @param required whether the model must pass the argument
 * @param primitive whether the parameter is of a primitive type
 */
record ToolParameter(String name, @Nullable String description, Type type, boolean optional, boolean nullable,
		boolean required, boolean primitive) {

}
