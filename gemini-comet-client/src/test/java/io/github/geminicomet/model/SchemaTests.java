package io.github.geminicomet.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import io.github.geminicomet.model.Schema.Type;

import static io.github.geminicomet.model.ModelFixtures.mapper;
import static io.github.geminicomet.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Schema}.
 */
class SchemaTests {

	@Test
	void nestedPropertiesKeepInsertionOrderOnTheWire() {
		Schema address = Schema.builder()
			.type(Type.OBJECT)
			.property("zip", Schema.of(Type.STRING))
			.property("city", Schema.of(Type.STRING))
			.property("alpha", Schema.of(Type.BOOLEAN))
			.build();
		Schema person = Schema.builder()
			.type(Type.OBJECT)
			.property("name", Schema.of(Type.STRING))
			.property("age", Schema.of(Type.INTEGER))
			.property("address", address)
			.property("aliases", Schema.arrayOf(Schema.of(Type.STRING)))
			.build();
		assertThat(write(person)).isEqualTo("{\"type\":\"OBJECT\",\"properties\":{" + "\"name\":{\"type\":\"STRING\"},"
				+ "\"age\":{\"type\":\"INTEGER\"},"
				+ "\"address\":{\"type\":\"OBJECT\",\"properties\":{\"zip\":{\"type\":\"STRING\"},"
				+ "\"city\":{\"type\":\"STRING\"},\"alpha\":{\"type\":\"BOOLEAN\"}}},"
				+ "\"aliases\":{\"type\":\"ARRAY\",\"items\":{\"type\":\"STRING\"}}}}");
	}

	@Test
	void propertiesReadBackKeepTheirOrder() {
		String json = """
				{"type":"OBJECT","properties":{"z":{"type":"STRING"},"a":{"type":"STRING"},"m":{"type":"NUMBER"}}}
				""";
		Schema schema = mapper.readValue(json, Schema.class);
		assertThat(schema.properties().keySet()).containsExactly("z", "a", "m");
	}

	@Test
	void propertiesMapIsCopied() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("b", Schema.of(Type.STRING));
		Schema schema = Schema.builder()
			.type(Type.OBJECT)
			.properties(properties)
			.property("a", Schema.of(Type.NULL))
			.build();
		properties.put("c", Schema.of(Type.STRING));
		assertThat(schema.properties().keySet()).containsExactly("b", "a");
	}

	@Test
	void enumValuesAndDefaultValueUseTheJsonKeywords() {
		Schema schema = Schema.builder()
			.type(Type.STRING)
			.format("enum")
			.enumValues("RED", "GREEN")
			.defaultValue("RED")
			.build();
		String json = write(schema);
		assertThat(json).isEqualTo(
				"{\"type\":\"STRING\",\"format\":\"enum\",\"enum\":[\"RED\",\"GREEN\"],\"default\":\"RED\"}");
		assertThat(mapper.readValue(json, Schema.class)).isEqualTo(schema);
	}

	@Test
	void everyFieldIsWritten() throws Exception {
		Schema schema = Schema.builder()
			.type(Type.OBJECT)
			.title("Order")
			.description("An order")
			.nullable(false)
			.property("items",
					Schema.builder().type(Type.ARRAY).items(Schema.of(Type.STRING)).minItems(1L).maxItems(5L).build())
			.property("code",
					Schema.builder()
						.type(Type.STRING)
						.pattern("^[A-Z]{3}$")
						.minLength(3L)
						.maxLength(3L)
						.example("ABC")
						.build())
			.property("total",
					Schema.builder().type(Type.NUMBER).format("double").minimum(0.5).maximum(99.5).build())
			.property("note", Schema.builder().anyOf(Schema.of(Type.STRING), Schema.of(Type.NULL)).build())
			.required("items", "total")
			.minProperties(1L)
			.maxProperties(4L)
			.propertyOrdering("items", "code", "total", "note")
			.build();
		String expected = """
				{"type":"OBJECT","title":"Order","description":"An order","nullable":false,
				 "properties":{
				  "items":{"type":"ARRAY","items":{"type":"STRING"},"maxItems":5,"minItems":1},
				  "code":{"type":"STRING","minLength":3,"maxLength":3,"pattern":"^[A-Z]{3}$","example":"ABC"},
				  "total":{"type":"NUMBER","format":"double","minimum":0.5,"maximum":99.5},
				  "note":{"anyOf":[{"type":"STRING"},{"type":"NULL"}]}},
				 "required":["items","total"],"minProperties":1,"maxProperties":4,
				 "propertyOrdering":["items","code","total","note"]}
				""";
		JSONAssert.assertEquals(expected, write(schema), JSONCompareMode.STRICT);
		assertThat(mapper.readValue(write(schema), Schema.class)).isEqualTo(schema);
	}

	@Test
	void int64CountsSentAsStringsAreRead() {
		Schema schema = mapper.readValue("{\"type\":\"ARRAY\",\"minItems\":\"2\",\"maxItems\":\"9\"}", Schema.class);
		assertThat(schema.minItems()).isEqualTo(2L);
		assertThat(schema.maxItems()).isEqualTo(9L);
	}

	@Test
	void toBuilderCopiesEveryField() {
		Schema schema = Schema.builder()
			.type(Type.OBJECT)
			.description("d")
			.property("a", Schema.of(Type.STRING))
			.required(List.of("a"))
			.build();
		assertThat(schema.toBuilder().build()).isEqualTo(schema);
		Schema extended = schema.toBuilder().property("b", Schema.of(Type.INTEGER)).build();
		assertThat(extended.properties().keySet()).containsExactly("a", "b");
		assertThat(schema.properties().keySet()).containsExactly("a");
	}

	@Test
	void unknownTypeIsReadAsUnknown() {
		assertThat(mapper.readValue("{\"type\":\"TUPLE\"}", Schema.class).type()).isEqualTo(Type.UNKNOWN);
	}

}
