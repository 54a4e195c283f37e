package io.github.geminicomet.schema;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SealedTypesIntrospector}.
 */
class SealedTypesIntrospectorTests {

	private final JsonMapper mapper = SealedTypesIntrospector.apply(JsonMapper.builder().build());

	@Test
	void sealedInterfaceIsReadAsTheSubtypeWhosePropertiesArePresent() {
		List<Animal> animals = this.mapper.readValue("[{\"name\": \"Rex\", \"barks\": true}, {\"name\": \"Tom\", "
				+ "\"lives\": 9}, {\"wings\": 2}]", new TypeReference<List<Animal>>() {
				});
		assertThat(animals).containsExactly(new Dog("Rex", true), new Cat("Tom", 9), new Parrot(2));
	}

	@Test
	void explicitTypeInfoWins() {
		assertThat(this.mapper.readValue("{\"kind\": \"square\", \"side\": 2}", Shape.class)).isEqualTo(new Square(2));
	}

	@Test
	void theGivenMapperIsNotChanged() {
		JsonMapper original = JsonMapper.builder().build();
		SealedTypesIntrospector.apply(original);
		assertThat(original.deserializationConfig().getAnnotationIntrospector())
			.isNotInstanceOf(SealedTypesIntrospector.class);
	}

	sealed interface Animal permits Dog, Cat, Bird {
	}

	record Dog(String name, boolean barks) implements Animal {
	}

	record Cat(String name, int lives) implements Animal {
	}

	sealed interface Bird extends Animal permits Parrot {
	}

	record Parrot(int wings) implements Bird {
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Square.class, name = "square") })
	sealed interface Shape permits Square {
	}

	record Square(double side) implements Shape {
	}

}
