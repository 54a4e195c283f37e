package io.github.geminicomet.schema;

import java.util.List;

/**
 * Checks an object read from a structured-output answer. A
 * {@link io.github.geminicomet.GeminiTemplate} with a validator signals
 * {@link io.github.geminicomet.GeminiStructuredOutputException} for an object with violations (and
 * may ask the model to repair its answer). {@link BeanValidationStructuredOutputValidator} runs
 * Jakarta Bean Validation.
 *
 * @author gemini-comet
 * @since 0.1.0
 * @see BeanValidationStructuredOutputValidator
 */
@FunctionalInterface
public interface StructuredOutputValidator {

	/**
	 * Validate an object read from an answer.
	 * @param value the object (a stream element, for {@code streamObjects})
	 * @return the violations, each naming the property, such as
	 * {@code "lines[0].quantity: must be greater than 0"}; empty when the object is valid
	 */
	List<String> validate(Object value);

}
