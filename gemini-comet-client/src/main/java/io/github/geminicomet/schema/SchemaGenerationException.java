package io.github.geminicomet.schema;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * Signals that a Java type cannot be described as the schema of a Gemini answer, for example a
 * property of type {@code Object}, an interface with no known implementation, or a class with no
 * property Jackson can read. The message names the type and the property.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public class SchemaGenerationException extends IllegalArgumentException {

	private final transient Type type;

	/**
	 * Create a new exception.
	 * @param type the type that was to be described
	 * @param message the detail message
	 * @param cause the cause, if any
	 */
	public SchemaGenerationException(Type type, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.type = type;
	}

	/**
	 * Return the type that was to be described (the top-level type, not the offending property's).
	 * @return the type
	 */
	public Type getType() {
		return this.type;
	}

}
