package io.github.geminicomet.schema;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link StructuredOutputValidator} that runs Jakarta Bean Validation. The elements of a top-level
 * collection, array or map are validated one by one. Only this class needs
 * {@code jakarta.validation} on the classpath.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class BeanValidationStructuredOutputValidator implements StructuredOutputValidator {

	private final Validator validator;

	/**
	 * Create a new validator.
	 * @param validator the Bean Validation validator, such as Spring Boot's
	 */
	public BeanValidationStructuredOutputValidator(Validator validator) {
		Assert.notNull(validator, "'validator' must not be null");
		this.validator = validator;
	}

	@Override
	public List<String> validate(Object value) {
		Assert.notNull(value, "'value' must not be null");
		List<String> violations = new ArrayList<>();
		if (value instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				validateElement(element, "[" + index++ + "]", violations);
			}
		}
		else if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> validateElement(element, "[" + key + "]", violations));
		}
		else if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
			for (int i = 0; i < Array.getLength(value); i++) {
				validateElement(Array.get(value, i), "[" + i + "]", violations);
			}
		}
		else {
			validateElement(value, "", violations);
		}
		return violations;
	}

	private void validateElement(@Nullable Object value, String prefix, List<String> violations) {
		if (value == null) {
			return;
		}
		List<String> found = new ArrayList<>();
		for (ConstraintViolation<Object> violation : this.validator.validate(value)) {
			String path = violation.getPropertyPath().toString();
			String property = prefix + ((!prefix.isEmpty() && !path.isEmpty() && !path.startsWith("[")) ? "." : "")
					+ path;
			found.add((property.isEmpty() ? "" : property + ": ") + violation.getMessage());
		}
		found.sort(null);
		violations.addAll(found);
	}

}
