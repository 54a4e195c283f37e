package io.github.geminicomet.schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link JsonArrayElementReader}.
 */
class JsonArrayElementReaderTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final String TRICKY = "[ {\"name\": \"Caf\\u00e9 \\\"Chez\\\\Nous\\\" \u2615\", \"qty\": 1},\n"
			+ "{\"name\": \"\ud83e\udda6 otter \\ud83e\\udda6 [not] {a} , \\/\", \"qty\": -20} ]";

	private static final List<Dish> EXPECTED = List.of(new Dish("Café \"Chez\\Nous\" ☕", 1),
			new Dish("🦦 otter 🦦 [not] {a} , /", -20));

	@Test
	void elementIsReadTheMomentItsClosingBraceArrives() {
		JsonArrayElementReader<Dish> reader = reader(Dish.class);
		assertThat(reader.feed("[{\"name\":\"soup\",")).isEmpty();
		assertThat(reader.feed("\"qty\":2}")).containsExactly(new Dish("soup", 2));
		assertThat(reader.feed(",{\"name\":\"bread\",\"qty\":1")).isEmpty();
		assertThat(reader.feed("}")).containsExactly(new Dish("bread", 1));
		assertThat(reader.isComplete()).isFalse();
		assertThat(reader.feed("]")).isEmpty();
		assertThat(reader.isComplete()).isTrue();
		assertThat(reader.finish()).isEmpty();
	}

	@Test
	void textSplitAtAnyCharacterGivesTheSameElements() {
		for (int split = 0; split <= TRICKY.length(); split++) {
			JsonArrayElementReader<Dish> reader = reader(Dish.class);
			List<Dish> dishes = new ArrayList<>(reader.feed(TRICKY.substring(0, split)));
			dishes.addAll(reader.feed(TRICKY.substring(split)));
			dishes.addAll(reader.finish());
			assertThat(dishes).as("split at %d", split).isEqualTo(EXPECTED);
		}
	}

	@Test
	void textFedOneCharacterAtATimeSplitsSurrogatePairsAndEscapes() {
		JsonArrayElementReader<Dish> reader = reader(Dish.class);
		List<Dish> dishes = new ArrayList<>();
		for (int i = 0; i < TRICKY.length(); i++) {
			dishes.addAll(reader.feed(String.valueOf(TRICKY.charAt(i))));
		}
		dishes.addAll(reader.finish());
		assertThat(dishes).isEqualTo(EXPECTED);
	}

	@Test
	void bytesSplitInsideMultiByteCharactersGiveTheSameElements() {
		byte[] bytes = TRICKY.getBytes(StandardCharsets.UTF_8);
		for (int split = 0; split <= bytes.length; split++) {
			JsonArrayElementReader<Dish> reader = reader(Dish.class);
			List<Dish> dishes = new ArrayList<>(reader.feed(bytes, 0, split));
			dishes.addAll(reader.feed(bytes, split, bytes.length - split));
			dishes.addAll(reader.finish());
			assertThat(dishes).as("split at byte %d", split).isEqualTo(EXPECTED);
		}
	}

	@Test
	void scalarElementsAreReadOneByOne() {
		JsonArrayElementReader<String> reader = reader(String.class);
		assertThat(reader.feed("[\"a\", \"b")).containsExactly("a");
		assertThat(reader.feed("\", 3]")).containsExactly("b", "3");
		assertThat(reader.finish()).isEmpty();
	}

	@Test
	void pendingTextHoldsOnlyTheTextSinceTheLastElement() {
		JsonArrayElementReader<Dish> reader = reader(Dish.class);
		reader.feed("[{\"name\":\"soup\",\"qty\":2}, {\"name\":\"caf\u00e9");
		assertThat(reader.pendingText()).isEqualTo(", {\"name\":\"café");
		reader.feed("\",\"qty\":1}");
		assertThat(reader.pendingText()).isEmpty();
	}

	@Test
	void incompleteArrayFailsWhenTheTextEnds() {
		JsonArrayElementReader<Dish> reader = reader(Dish.class);
		assertThat(reader.feed("[{\"name\":\"soup\",\"qty\":2},{\"name\":\"br")).hasSize(1);
		assertThatIllegalStateException().isThrownBy(reader::finish).withMessage("the JSON array is incomplete");
		assertThat(reader.pendingText()).isEqualTo(",{\"name\":\"br");
	}

	@Test
	void emptyTextFailsWhenTheTextEnds() {
		JsonArrayElementReader<Dish> reader = reader(Dish.class);
		assertThat(reader.feed("")).isEmpty();
		assertThatIllegalStateException().isThrownBy(reader::finish)
			.withMessage("the answer is empty, expected a JSON array");
	}

	@Test
	void objectInsteadOfArrayFails() {
		assertThatIllegalStateException().isThrownBy(() -> reader(Dish.class).feed("{\"name\":\"soup\"}"))
			.withMessage("expected a JSON array but the answer starts with '{'");
	}

	@Test
	void textAfterTheArrayFails() {
		JsonArrayElementReader<Dish> reader = reader(Dish.class);
		reader.feed("[] ");
		assertThatIllegalStateException().isThrownBy(() -> reader.feed("[]"))
			.withMessage("unexpected '[' after the end of the JSON array");
	}

	@Test
	void invalidJsonFails() {
		JsonArrayElementReader<Dish> reader = reader(Dish.class);
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> reader.feed("[{\"name\" \"soup\"}]"));
	}

	@Test
	void elementOfTheWrongShapeFails() {
		JsonArrayElementReader<Dish> reader = reader(Dish.class);
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> reader.feed("[{\"name\":\"soup\",\"qty\":\"many\"}]"))
			.withMessageContaining("many");
	}

	private static <T> JsonArrayElementReader<T> reader(Class<T> type) {
		return new JsonArrayElementReader<>(mapper, mapper.constructType(type));
	}

	record Dish(String name, int qty) {
	}

}
