package io.github.geminicomet.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A data type, as a selected subset of the OpenAPI 3.0 schema object: the parameters of a
 * {@link FunctionDeclaration} or the {@code responseSchema} of a {@link GenerationConfig}. Recursive
 * through {@code items}, {@code properties} and {@code anyOf}; {@code properties} keeps insertion
 * order on the wire.
 *
 * @param type the data type
 * @param format the format of the data, such as {@code int32}, {@code double}, {@code enum} or
 * {@code date-time}
 * @param title the title of the schema
 * @param description a description of the value, which the model reads
 * @param nullable whether the value may be {@code null}
 * @param enumValues the allowed values of a {@code STRING} with format {@code enum} (JSON {@code enum})
 * @param items the schema of the elements of an {@code ARRAY}
 * @param properties the properties of an {@code OBJECT}, in order
 * @param maxItems the maximum number of elements of an {@code ARRAY}
 * @param minItems the minimum number of elements of an {@code ARRAY}
 * @param required the required properties of an {@code OBJECT}
 * @param minProperties the minimum number of properties of an {@code OBJECT}
 * @param maxProperties the maximum number of properties of an {@code OBJECT}
 * @param minimum the minimum value of an {@code INTEGER} or {@code NUMBER}
 * @param maximum the maximum value of an {@code INTEGER} or {@code NUMBER}
 * @param minLength the minimum length of a {@code STRING}
 * @param maxLength the maximum length of a {@code STRING}
 * @param pattern a regular expression a {@code STRING} must match
 * @param example an example of the value
 * @param anyOf schemas of which the value must match at least one
 * @param propertyOrdering the order in which the model generates the properties
 * @param defaultValue the default value of the field (JSON {@code default})
 * @author gemini-comet
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Schema(@Nullable Type type, @Nullable String format, @Nullable String title,
		@Nullable String description, @Nullable Boolean nullable,
		@JsonProperty("enum") @Nullable List<String> enumValues, @Nullable Schema items,
		@Nullable Map<String, Schema> properties, @Nullable Long maxItems, @Nullable Long minItems,
		@Nullable List<String> required, @Nullable Long minProperties, @Nullable Long maxProperties,
		@Nullable Double minimum, @Nullable Double maximum, @Nullable Long minLength, @Nullable Long maxLength,
		@Nullable String pattern, @Nullable Object example, @Nullable List<Schema> anyOf,
		@Nullable List<String> propertyOrdering, @JsonProperty("default") @Nullable Object defaultValue) {

	public Schema {
		enumValues = ModelSupport.copy(enumValues);
		properties = ModelSupport.copy(properties);
		required = ModelSupport.copy(required);
		anyOf = ModelSupport.copy(anyOf);
		propertyOrdering = ModelSupport.copy(propertyOrdering);
	}

	/**
	 * Create a schema of the given type and nothing else.
	 * @param type the type
	 * @return the schema
	 */
	public static Schema of(Type type) {
		return builder().type(type).build();
	}

	/**
	 * Create an {@code ARRAY} schema of the given elements.
	 * @param items the schema of the elements
	 * @return the schema
	 */
	public static Schema arrayOf(Schema items) {
		return builder().type(Type.ARRAY).items(items).build();
	}

	/**
	 * Create a new builder with no field set.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder initialised with the fields of this schema.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Data type of a {@link Schema}.
	 * Values this library does not know are read as {@link #UNKNOWN}.
	 *
	 * @since 0.1.0
	 */
	public enum Type {

		/**
		 * Not specified; do not use.
		 */
		TYPE_UNSPECIFIED,

		/**
		 * String.
		 */
		STRING,

		/**
		 * Number (floating point).
		 */
		NUMBER,

		/**
		 * Integer.
		 */
		INTEGER,

		/**
		 * Boolean.
		 */
		BOOLEAN,

		/**
		 * Array.
		 */
		ARRAY,

		/**
		 * Object.
		 */
		OBJECT,

		/**
		 * Null.
		 */
		NULL,

		/**
		 * A value this version of the library does not know; never send it.
		 */
		UNKNOWN;

		/**
		 * Return the constant for a wire value.
		 * @param value the value as sent on the wire (case-insensitive)
		 * @return the matching constant, or {@link #UNKNOWN} for a value this library does not know
		 */
		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		public static Type of(@Nullable String value) {
			return ModelSupport.parseEnum(Type.class, value, UNKNOWN);
		}

	}

	/**
	 * Mutable builder of {@link Schema}; not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable Type type;

		private @Nullable String format;

		private @Nullable String title;

		private @Nullable String description;

		private @Nullable Boolean nullable;

		private @Nullable List<String> enumValues;

		private @Nullable Schema items;

		private @Nullable Map<String, Schema> properties;

		private @Nullable Long maxItems;

		private @Nullable Long minItems;

		private @Nullable List<String> required;

		private @Nullable Long minProperties;

		private @Nullable Long maxProperties;

		private @Nullable Double minimum;

		private @Nullable Double maximum;

		private @Nullable Long minLength;

		private @Nullable Long maxLength;

		private @Nullable String pattern;

		private @Nullable Object example;

		private @Nullable List<Schema> anyOf;

		private @Nullable List<String> propertyOrdering;

		private @Nullable Object defaultValue;

		private Builder() {
		}

		private Builder(Schema schema) {
			this.type = schema.type;
			this.format = schema.format;
			this.title = schema.title;
			this.description = schema.description;
			this.nullable = schema.nullable;
			this.enumValues = schema.enumValues;
			this.items = schema.items;
			this.properties = schema.properties;
			this.maxItems = schema.maxItems;
			this.minItems = schema.minItems;
			this.required = schema.required;
			this.minProperties = schema.minProperties;
			this.maxProperties = schema.maxProperties;
			this.minimum = schema.minimum;
			this.maximum = schema.maximum;
			this.minLength = schema.minLength;
			this.maxLength = schema.maxLength;
			this.pattern = schema.pattern;
			this.example = schema.example;
			this.anyOf = schema.anyOf;
			this.propertyOrdering = schema.propertyOrdering;
			this.defaultValue = schema.defaultValue;
		}

		/**
		 * Set the data type.
		 * @param type the type
		 * @return this builder
		 */
		public Builder type(@Nullable Type type) {
			this.type = type;
			return this;
		}

		/**
		 * Set the format of the data.
		 * @param format the format
		 * @return this builder
		 */
		public Builder format(@Nullable String format) {
			this.format = format;
			return this;
		}

		/**
		 * Set the title.
		 * @param title the title
		 * @return this builder
		 */
		public Builder title(@Nullable String title) {
			this.title = title;
			return this;
		}

		/**
		 * Set the description.
		 * @param description the description
		 * @return this builder
		 */
		public Builder description(@Nullable String description) {
			this.description = description;
			return this;
		}

		/**
		 * Set whether the value may be {@code null}.
		 * @param nullable whether the value may be null
		 * @return this builder
		 */
		public Builder nullable(@Nullable Boolean nullable) {
			this.nullable = nullable;
			return this;
		}

		/**
		 * Set the allowed values (JSON {@code enum}).
		 * @param enumValues the allowed values
		 * @return this builder
		 */
		public Builder enumValues(@Nullable List<String> enumValues) {
			this.enumValues = enumValues;
			return this;
		}

		/**
		 * Set the allowed values (JSON {@code enum}).
		 * @param enumValues the allowed values
		 * @return this builder
		 */
		public Builder enumValues(String... enumValues) {
			return enumValues(Arrays.asList(enumValues));
		}

		/**
		 * Set the schema of the elements of an array.
		 * @param items the element schema
		 * @return this builder
		 */
		public Builder items(@Nullable Schema items) {
			this.items = items;
			return this;
		}

		/**
		 * Set the properties of an object, replacing any added before; their order is kept.
		 * @param properties the properties
		 * @return this builder
		 */
		public Builder properties(@Nullable Map<String, Schema> properties) {
			this.properties = (properties != null) ? new LinkedHashMap<>(properties) : null;
			return this;
		}

		/**
		 * Add a property of an object, after those added before.
		 * @param name the property name
		 * @param schema the property schema
		 * @return this builder
		 */
		public Builder property(String name, Schema schema) {
			Map<String, Schema> updated = (this.properties != null) ? new LinkedHashMap<>(this.properties)
					: new LinkedHashMap<>();
			updated.put(name, schema);
			this.properties = updated;
			return this;
		}

		/**
		 * Set the maximum number of elements of an array.
		 * @param maxItems the maximum number of elements
		 * @return this builder
		 */
		public Builder maxItems(@Nullable Long maxItems) {
			this.maxItems = maxItems;
			return this;
		}

		/**
		 * Set the minimum number of elements of an array.
		 * @param minItems the minimum number of elements
		 * @return this builder
		 */
		public Builder minItems(@Nullable Long minItems) {
			this.minItems = minItems;
			return this;
		}

		/**
		 * Set the required properties of an object.
		 * @param required the names of the required properties
		 * @return this builder
		 */
		public Builder required(@Nullable List<String> required) {
			this.required = required;
			return this;
		}

		/**
		 * Set the required properties of an object.
		 * @param required the names of the required properties
		 * @return this builder
		 */
		public Builder required(String... required) {
			return required(Arrays.asList(required));
		}

		/**
		 * Set the minimum number of properties of an object.
		 * @param minProperties the minimum number of properties
		 * @return this builder
		 */
		public Builder minProperties(@Nullable Long minProperties) {
			this.minProperties = minProperties;
			return this;
		}

		/**
		 * Set the maximum number of properties of an object.
		 * @param maxProperties the maximum number of properties
		 * @return this builder
		 */
		public Builder maxProperties(@Nullable Long maxProperties) {
			this.maxProperties = maxProperties;
			return this;
		}

		/**
		 * Set the minimum value of a number.
		 * @param minimum the minimum
		 * @return this builder
		 */
		public Builder minimum(@Nullable Double minimum) {
			this.minimum = minimum;
			return this;
		}

		/**
		 * Set the maximum value of a number.
		 * @param maximum the maximum
		 * @return this builder
		 */
		public Builder maximum(@Nullable Double maximum) {
			this.maximum = maximum;
			return this;
		}

		/**
		 * Set the minimum length of a string.
		 * @param minLength the minimum length
		 * @return this builder
		 */
		public Builder minLength(@Nullable Long minLength) {
			this.minLength = minLength;
			return this;
		}

		/**
		 * Set the maximum length of a string.
		 * @param maxLength the maximum length
		 * @return this builder
		 */
		public Builder maxLength(@Nullable Long maxLength) {
			this.maxLength = maxLength;
			return this;
		}

		/**
		 * Set a regular expression a string must match.
		 * @param pattern the pattern
		 * @return this builder
		 */
		public Builder pattern(@Nullable String pattern) {
			this.pattern = pattern;
			return this;
		}

		/**
		 * Set an example of the value.
		 * @param example the example
		 * @return this builder
		 */
		public Builder example(@Nullable Object example) {
			this.example = example;
			return this;
		}

		/**
		 * Set schemas of which the value must match at least one.
		 * @param anyOf the alternative schemas
		 * @return this builder
		 */
		public Builder anyOf(@Nullable List<Schema> anyOf) {
			this.anyOf = anyOf;
			return this;
		}

		/**
		 * Set schemas of which the value must match at least one.
		 * @param anyOf the alternative schemas
		 * @return this builder
		 */
		public Builder anyOf(Schema... anyOf) {
			return anyOf(Arrays.asList(anyOf));
		}

		/**
		 * Set the order in which the model generates the properties.
		 * @param propertyOrdering the property names, in order
		 * @return this builder
		 */
		public Builder propertyOrdering(@Nullable List<String> propertyOrdering) {
			this.propertyOrdering = propertyOrdering;
			return this;
		}

		/**
		 * Set the order in which the model generates the properties.
		 * @param propertyOrdering the property names, in order
		 * @return this builder
		 */
		public Builder propertyOrdering(String... propertyOrdering) {
			return propertyOrdering(Arrays.asList(propertyOrdering));
		}

		/**
		 * Set the default value (JSON {@code default}).
		 * @param defaultValue the default value
		 * @return this builder
		 */
		public Builder defaultValue(@Nullable Object defaultValue) {
			this.defaultValue = defaultValue;
			return this;
		}

		/**
		 * Build the immutable schema.
		 * @return the schema
		 */
		public Schema build() {
			return new Schema(this.type, this.format, this.title, this.description, this.nullable, this.enumValues,
					this.items, this.properties, this.maxItems, this.minItems, this.required, this.minProperties,
					this.maxProperties, this.minimum, this.maximum, this.minLength, this.maxLength, this.pattern,
					this.example, this.anyOf, this.propertyOrdering, this.defaultValue);
		}

	}

}
