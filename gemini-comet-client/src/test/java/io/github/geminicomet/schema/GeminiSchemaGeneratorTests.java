package io.github.geminicomet.schema;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;

import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Schema;
import io.github.geminicomet.schema.SchemaTypes.Account;
import io.github.geminicomet.schema.SchemaTypes.Basket;
import io.github.geminicomet.schema.SchemaTypes.Book;
import io.github.geminicomet.schema.SchemaTypes.Catalogue;
import io.github.geminicomet.schema.SchemaTypes.Category;
import io.github.geminicomet.schema.SchemaTypes.Drawing;
import io.github.geminicomet.schema.SchemaTypes.Empty;
import io.github.geminicomet.schema.SchemaTypes.Item;
import io.github.geminicomet.schema.SchemaTypes.Leaderboard;
import io.github.geminicomet.schema.SchemaTypes.Numbers;
import io.github.geminicomet.schema.SchemaTypes.Order;
import io.github.geminicomet.schema.SchemaTypes.Priority;
import io.github.geminicomet.schema.SchemaTypes.Profile;
import io.github.geminicomet.schema.SchemaTypes.Review;
import io.github.geminicomet.schema.SchemaTypes.Reviews;
import io.github.geminicomet.schema.SchemaTypes.Scalars;
import io.github.geminicomet.schema.SchemaTypes.Score;
import io.github.geminicomet.schema.SchemaTypes.Shape;
import io.github.geminicomet.schema.SchemaTypes.Ticket;
import io.github.geminicomet.schema.SchemaTypes.Times;
import io.github.geminicomet.schema.SchemaTypes.Untyped;
import io.github.geminicomet.schema.SchemaTypes.Zebra;
import io.github.geminicomet.schema.SchemaTypes.Zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GeminiSchemaGenerator}: the generation options sent on the wire for each type
 * family, asserted in full and in order.
 */
class GeminiSchemaGeneratorTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final GeminiSchemaGenerator generator = new GeminiSchemaGenerator();

	@Test
	void numbersAreIntegersOrNumbersWithTheirFormat() {
		assertWire(Numbers.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {
							"count": {"type": "INTEGER", "format": "int32"},
							"id": {"type": "INTEGER", "format": "int64"},
							"small": {"type": "INTEGER"},
							"ratio": {"type": "NUMBER", "format": "double"},
							"weight": {"type": "NUMBER", "format": "float"},
							"boxedCount": {"type": "INTEGER", "format": "int32"},
							"boxedId": {"type": "INTEGER", "format": "int64"},
							"boxedRatio": {"type": "NUMBER", "format": "double"},
							"amount": {"type": "NUMBER"},
							"huge": {"type": "INTEGER"}
						},
						"required": [
							"count",
							"id",
							"small",
							"ratio",
							"weight",
							"boxedCount",
							"boxedId",
							"boxedRatio",
							"amount",
							"huge"
						],
						"propertyOrdering": [
							"count",
							"id",
							"small",
							"ratio",
							"weight",
							"boxedCount",
							"boxedId",
							"boxedRatio",
							"amount",
							"huge"
						]
					}
				}
				""");
	}

	@Test
	void scalarsAreStringsAndBooleansWithTheirFormat() {
		assertWire(Scalars.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {
							"name": {"type": "STRING"},
							"active": {"type": "BOOLEAN"},
							"verified": {"type": "BOOLEAN"},
							"initial": {"type": "STRING", "minLength": 1, "maxLength": 1},
							"uuid": {"type": "STRING", "format": "uuid"},
							"homepage": {"type": "STRING", "format": "uri"},
							"avatar": {"type": "STRING", "format": "byte"}
						},
						"required": ["name", "active", "verified", "initial", "uuid", "homepage", "avatar"],
						"propertyOrdering": ["name", "active", "verified", "initial", "uuid", "homepage", "avatar"]
					}
				}
				""");
	}

	@Test
	void javaTimeTypesAreStringsWithTheirFormat() {
		assertWire(Times.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {
							"instant": {"type": "STRING", "format": "date-time"},
							"offsetDateTime": {"type": "STRING", "format": "date-time"},
							"zonedDateTime": {"type": "STRING", "format": "date-time"},
							"date": {"type": "STRING", "format": "date"},
							"localDateTime": {"type": "STRING"},
							"time": {"type": "STRING", "format": "time"},
							"duration": {"type": "STRING", "format": "duration"}
						},
						"required": [
							"instant",
							"offsetDateTime",
							"zonedDateTime",
							"date",
							"localDateTime",
							"time",
							"duration"
						],
						"propertyOrdering": [
							"instant",
							"offsetDateTime",
							"zonedDateTime",
							"date",
							"localDateTime",
							"time",
							"duration"
						]
					}
				}
				""");
	}

	@Test
	void enumIsStringWithEnumFormatAndJacksonNames() {
		assertWire(Priority.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {"type": "STRING", "format": "enum", "enum": ["LOW", "urgent"]}
				}
				""");
	}

	@Test
	void enumPropertyIsStringWithEnumFormat() {
		assertWire(Ticket.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {
							"title": {"type": "STRING"},
							"priority": {"type": "STRING", "format": "enum", "enum": ["LOW", "urgent"]}
						},
						"required": ["title", "priority"],
						"propertyOrdering": ["title", "priority"]
					}
				}
				""");
	}

	@Test
	void nestedTypesAreInlinedObjects() {
		assertWire(Order.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {
							"id": {"type": "STRING"},
							"customer": {
								"type": "OBJECT",
								"properties": {
									"name": {"type": "STRING"},
									"address": {
										"type": "OBJECT",
										"properties": {"street": {"type": "STRING"}, "city": {"type": "STRING"}},
										"required": ["street", "city"],
										"propertyOrdering": ["street", "city"]
									}
								},
								"required": ["name", "address"],
								"propertyOrdering": ["name", "address"]
							},
							"shipping": {
								"type": "OBJECT",
								"properties": {"street": {"type": "STRING"}, "city": {"type": "STRING"}},
								"required": ["street", "city"],
								"propertyOrdering": ["street", "city"]
							}
						},
						"required": ["id", "customer", "shipping"],
						"propertyOrdering": ["id", "customer", "shipping"]
					}
				}
				""");
	}

	@Test
	void collectionsAndArraysAreArrays() {
		assertWire(Basket.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {
							"items": {
								"type": "ARRAY",
								"items": {
									"type": "OBJECT",
									"properties": {
										"sku": {"type": "STRING"},
										"quantity": {"type": "INTEGER", "format": "int32"}
									},
									"required": ["sku", "quantity"],
									"propertyOrdering": ["sku", "quantity"]
								}
							},
							"tags": {"type": "ARRAY", "items": {"type": "STRING"}},
							"codes": {"type": "ARRAY", "items": {"type": "STRING"}},
							"counts": {"type": "ARRAY", "items": {"type": "INTEGER", "format": "int32"}},
							"matrix": {
								"type": "ARRAY",
								"items": {"type": "ARRAY", "items": {"type": "INTEGER", "format": "int32"}}
							}
						},
						"required": ["items", "tags", "codes", "counts", "matrix"],
						"propertyOrdering": ["items", "tags", "codes", "counts", "matrix"]
					}
				}
				""");
	}

	@Test
	void optionalAndNullablePropertiesAreNullableAndNotRequired() {
		assertWire(Profile.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {
							"name": {"type": "STRING"},
							"nickname": {"type": "STRING", "nullable": true},
							"age": {"type": "INTEGER", "format": "int32", "nullable": true},
							"home": {
								"type": "OBJECT",
								"nullable": true,
								"properties": {"street": {"type": "STRING"}, "city": {"type": "STRING"}},
								"required": ["street", "city"],
								"propertyOrdering": ["street", "city"]
							},
							"office": {
								"type": "OBJECT",
								"nullable": true,
								"properties": {"street": {"type": "STRING"}, "city": {"type": "STRING"}},
								"required": ["street", "city"],
								"propertyOrdering": ["street", "city"]
							}
						},
						"required": ["name"],
						"propertyOrdering": ["name", "nickname", "age", "home", "office"]
					}
				}
				""");
	}

	@Test
	void jacksonAnnotationsNameDescribeAndHideProperties() {
		assertWire(Book.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"description": "A book in the catalogue",
						"properties": {
							"book_title": {"type": "STRING", "description": "The title as printed on the cover"},
							"year": {"type": "INTEGER", "format": "int32", "description": "Year of first publication"}
						},
						"required": ["book_title", "year"],
						"propertyOrdering": ["book_title", "year"]
					}
				}
				""");
	}

	@Test
	void propertiesKeepTheirDeclarationOrder() {
		assertWire(Zebra.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {"zulu": {"type": "STRING"}, "alpha": {"type": "STRING"}, "mike": {"type": "STRING"}},
						"required": ["zulu", "alpha", "mike"],
						"propertyOrdering": ["zulu", "alpha", "mike"]
					}
				}
				""");
	}

	@Test
	void javaBeanPropertiesComeFromFieldsAndAccessors() {
		assertWire(Account.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {
							"owner": {"type": "STRING"},
							"limit": {"type": "INTEGER", "format": "int32", "nullable": true}
						},
						"required": ["owner"],
						"propertyOrdering": ["owner", "limit"]
					}
				}
				""");
	}

	@Test
	void jakartaConstraintsBecomeSchemaConstraints() {
		assertWire(Review.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {
							"author": {"type": "STRING", "minLength": 1},
							"text": {"type": "STRING", "maxLength": 280},
							"stars": {"type": "INTEGER", "format": "int32", "minimum": 1.0, "maximum": 5.0},
							"tags": {"type": "ARRAY", "items": {"type": "STRING"}, "maxItems": 3, "minItems": 1},
							"code": {"type": "STRING", "pattern": "^[A-Z]{3}$"},
							"price": {"type": "NUMBER", "minimum": 0.5}
						},
						"required": ["author", "text", "stars", "tags", "code", "price"],
						"propertyOrdering": ["author", "text", "stars", "tags", "code", "price"]
					}
				}
				""");
	}

	@Test
	void mapPropertyNeedsJsonSchemaWithAdditionalProperties() {
		assertWire(Leaderboard.class, """
				{
					"responseMimeType": "application/json",
					"responseJsonSchema": {
						"type": "object",
						"properties": {
							"season": {"type": "string"},
							"scores": {
								"type": "object",
								"additionalProperties": {
									"type": "object",
									"properties": {
										"points": {"type": "integer", "format": "int32"},
										"grade": {"type": "string"}
									},
									"required": ["points", "grade"],
									"propertyOrdering": ["points", "grade"]
								}
							}
						},
						"required": ["season", "scores"],
						"propertyOrdering": ["season", "scores"]
					}
				}
				""");
	}

	@Test
	void jsonSchemaKeepsOnlyTheKeywordsGeminiDocuments() {
		assertWire(Reviews.class, """
				{
					"responseMimeType": "application/json",
					"responseJsonSchema": {
						"type": "object",
						"properties": {
							"byUser": {
								"type": "object",
								"additionalProperties": {
									"type": "object",
									"properties": {
										"author": {"type": "string"},
										"text": {"type": "string"},
										"stars": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 5},
										"tags": {
											"type": "array",
											"items": {"type": "string"},
											"minItems": 1,
											"maxItems": 3
										},
										"code": {"type": "string"},
										"price": {"type": "number", "minimum": 0.5}
									},
									"required": ["author", "text", "stars", "tags", "code", "price"],
									"propertyOrdering": ["author", "text", "stars", "tags", "code", "price"]
								}
							}
						},
						"required": ["byUser"],
						"propertyOrdering": ["byUser"]
					}
				}
				""");
	}

	@Test
	void recursiveTypeIsJsonSchemaWithDefsAndItsRecursivePropertyIsNotRequired() {
		assertWire(Category.class, """
				{
					"responseMimeType": "application/json",
					"responseJsonSchema": {
						"$ref": "#/$defs/Category",
						"$defs": {
							"Category": {
								"type": "object",
								"properties": {
									"name": {"type": "string"},
									"children": {"type": "array", "items": {"$ref": "#/$defs/Category"}}
								},
								"required": ["name"],
								"propertyOrdering": ["name", "children"]
							}
						}
					}
				}
				""");
	}

	@Test
	void recursiveTypeInsideAnotherKeepsTheOuterPropertiesRequired() {
		assertWire(Catalogue.class, """
				{
					"responseMimeType": "application/json",
					"responseJsonSchema": {
						"type": "object",
						"properties": {"title": {"type": "string"}, "root": {"$ref": "#/$defs/Category"}},
						"required": ["title", "root"],
						"propertyOrdering": ["title", "root"],
						"$defs": {
							"Category": {
								"type": "object",
								"properties": {
									"name": {"type": "string"},
									"children": {"type": "array", "items": {"$ref": "#/$defs/Category"}}
								},
								"required": ["name"],
								"propertyOrdering": ["name", "children"]
							}
						}
					}
				}
				""");
	}

	@Test
	void sealedInterfaceIsAnyOfItsPermittedSubtypes() {
		assertWire(Drawing.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "OBJECT",
						"properties": {
							"shapes": {
								"type": "ARRAY",
								"items": {
									"anyOf": [
										{
											"type": "OBJECT",
											"properties": {"radius": {"type": "NUMBER", "format": "double"}},
											"required": ["radius"],
											"propertyOrdering": ["radius"]
										},
										{
											"type": "OBJECT",
											"properties": {"side": {"type": "NUMBER", "format": "double"}},
											"required": ["side"],
											"propertyOrdering": ["side"]
										}
									]
								}
							}
						},
						"required": ["shapes"],
						"propertyOrdering": ["shapes"]
					}
				}
				""");
	}

	@Test
	void topLevelSealedInterfaceIsAnyOf() {
		assertWire(Shape.class, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"anyOf": [
							{
								"type": "OBJECT",
								"properties": {"radius": {"type": "NUMBER", "format": "double"}},
								"required": ["radius"],
								"propertyOrdering": ["radius"]
							},
							{
								"type": "OBJECT",
								"properties": {"side": {"type": "NUMBER", "format": "double"}},
								"required": ["side"],
								"propertyOrdering": ["side"]
							}
						]
					}
				}
				""");
	}

	@Test
	void genericListReferenceIsArrayOfTheElement() {
		assertWire(new ParameterizedTypeReference<List<Item>>() {
		}, """
				{
					"responseMimeType": "application/json",
					"responseSchema": {
						"type": "ARRAY",
						"items": {
							"type": "OBJECT",
							"properties": {"sku": {"type": "STRING"}, "quantity": {"type": "INTEGER", "format": "int32"}},
							"required": ["sku", "quantity"],
							"propertyOrdering": ["sku", "quantity"]
						}
					}
				}
				""");
	}

	@Test
	void genericMapReferenceIsJsonSchemaWithAdditionalProperties() {
		assertWire(new ParameterizedTypeReference<Map<String, Score>>() {
		}, """
				{
					"responseMimeType": "application/json",
					"responseJsonSchema": {
						"type": "object",
						"additionalProperties": {
							"type": "object",
							"properties": {"points": {"type": "integer", "format": "int32"}, "grade": {"type": "string"}},
							"required": ["points", "grade"],
							"propertyOrdering": ["points", "grade"]
						}
					}
				}
				""");
	}

	@Test
	void stringIsPlainString() {
		assertWire(String.class, """
				{"responseMimeType": "application/json", "responseSchema": {"type": "STRING"}}
				""");
	}

	@Test
	void propertyOfTypeObjectIsRejectedNamingTheTypeAndTheProperty() {
		assertThatExceptionOfType(SchemaGenerationException.class).isThrownBy(() -> this.generator.generate(Untyped.class))
			.withMessage("Cannot describe " + Untyped.class.getTypeName() + " for Gemini: property 'payload' of "
					+ Untyped.class.getTypeName() + " (at $.payload), of type java.lang.Object: it has no JSON type "
					+ "(a property of type Object or an untyped value); use a concrete type")
			.satisfies((ex) -> assertThat(ex.getType()).isEqualTo(Untyped.class));
	}

	@Test
	void interfaceWithoutKnownSubtypesIsRejected() {
		assertThatExceptionOfType(SchemaGenerationException.class).isThrownBy(() -> this.generator.generate(Zoo.class))
			.withMessageContaining("type " + SchemaTypes.Animal.class.getTypeName() + " (at $.animals[*])")
			.withMessageContaining("needs to be sealed or to name its subtypes with @JsonSubTypes");
	}

	@Test
	void classWithoutPropertiesIsRejected() {
		assertThatExceptionOfType(SchemaGenerationException.class).isThrownBy(() -> this.generator.generate(Empty.class))
			.withMessageContaining("type " + Empty.class.getTypeName() + " (at $)")
			.withMessageContaining("it has no property that Jackson can read");
	}

	@Test
	void rawObjectIsRejected() {
		assertThatExceptionOfType(SchemaGenerationException.class).isThrownBy(() -> this.generator.generate(Object.class))
			.withMessageContaining("it has no JSON type");
	}

	@Test
	void schemasAreCachedPerType() {
		ResponseSchema first = this.generator.generate(Order.class);
		assertThat(this.generator.generate(Order.class)).isSameAs(first);
		ResponseSchema list = this.generator.generate(new ParameterizedTypeReference<List<Item>>() {
		});
		assertThat(this.generator.generate(new ParameterizedTypeReference<List<Item>>() {
		})).isSameAs(list);
	}

	@Test
	void applyToKeepsOtherOptionsAndReplacesTheOtherKindOfSchema() {
		GenerationConfig config = GenerationConfig.builder()
			.temperature(0.2)
			.responseMimeType("text/plain")
			.responseJsonSchema(Map.of("type", "string"))
			.build();
		GenerationConfig applied = this.generator.generate(Zebra.class).applyTo(config);
		assertThat(applied.temperature()).isEqualTo(0.2);
		assertThat(applied.responseMimeType()).isEqualTo("application/json");
		assertThat(applied.responseJsonSchema()).isNull();
		assertThat(applied.responseSchema().type()).isEqualTo(Schema.Type.OBJECT);
		assertThat(config.responseJsonSchema()).isEqualTo(Map.of("type", "string"));
		GenerationConfig json = this.generator.generate(Leaderboard.class).applyTo(applied);
		assertThat(json.responseSchema()).isNull();
		assertThat(json.responseJsonSchema()).isNotNull();
	}

	private void assertWire(Type type, String expected) {
		String actual = mapper.writeValueAsString(this.generator.generate(type).applyTo(null));
		assertThat(actual).isEqualTo(mapper.writeValueAsString(mapper.readTree(expected)));
	}

	private void assertWire(ParameterizedTypeReference<?> type, String expected) {
		assertWire(type.getType(), expected);
	}

}
