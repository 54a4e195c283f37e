package io.github.geminicomet.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BeanValidationStructuredOutputValidator}.
 */
class BeanValidationStructuredOutputValidatorTests {

	private final BeanValidationStructuredOutputValidator validator = new BeanValidationStructuredOutputValidator(
			Validation.byDefaultProvider()
				.configure()
				.messageInterpolator(new ParameterMessageInterpolator())
				.buildValidatorFactory()
				.getValidator());

	@Test
	void validObjectHasNoViolations() {
		assertThat(this.validator.validate(new Note("Hi", 1, List.of()))).isEmpty();
	}

	@Test
	void violationsNamePropertiesAndAreSorted() {
		assertThat(this.validator.validate(new Note(" ", 9, List.of(new Note("ok", 12, List.of())))))
			.containsExactly("children[0].stars: must be less than or equal to 5", "stars: must be less than or equal to 5",
					"text: must not be blank");
	}

	@Test
	void elementsOfATopLevelListArrayOrMapAreValidatedOneByOne() {
		assertThat(this.validator.validate(List.of(new Note("a", 1, List.of()), new Note("", 1, List.of()))))
			.containsExactly("[1].text: must not be blank");
		assertThat(this.validator.validate(new Note[] { new Note("a", 6, List.of()) }))
			.containsExactly("[0].stars: must be less than or equal to 5");
		Map<String, Note> map = new LinkedHashMap<>();
		map.put("first", new Note("a", 1, List.of()));
		map.put("second", new Note("b", 7, List.of()));
		assertThat(this.validator.validate(map)).containsExactly("[second].stars: must be less than or equal to 5");
	}

	record Note(@NotBlank String text, @Max(5) int stars, @Size(max = 2) List<@Valid Note> children) {
	}

}
