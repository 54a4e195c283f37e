package io.github.geminicomet.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Java types for the schema tests, one per type family.
 */
final class SchemaTypes {

	private SchemaTypes() {
	}

	record Numbers(int count, long id, short small, double ratio, float weight, Integer boxedCount, Long boxedId,
			Double boxedRatio, BigDecimal amount, BigInteger huge) {
	}

	record Scalars(String name, boolean active, Boolean verified, char initial, UUID uuid, URI homepage,
			byte[] avatar) {
	}

	record Times(Instant instant, OffsetDateTime offsetDateTime, ZonedDateTime zonedDateTime, LocalDate date,
			LocalDateTime localDateTime, LocalTime time, Duration duration) {
	}

	enum Priority {

		LOW, @JsonProperty("urgent")
		HIGH

	}

	record Ticket(String title, Priority priority) {
	}

	record Address(String street, String city) {
	}

	record Customer(String name, Address address) {
	}

	record Order(String id, Customer customer, Address shipping) {
	}

	record Item(String sku, int quantity) {
	}

	record Basket(List<Item> items, Set<String> tags, String[] codes, int[] counts, List<List<Integer>> matrix) {
	}

	record Profile(String name, Optional<String> nickname, @Nullable Integer age, @Nullable Address home,
			Optional<Address> office) {
	}

	@JsonClassDescription("A book in the catalogue")
	record Book(@JsonProperty("book_title") @JsonPropertyDescription("The title as printed on the cover") String title,
			@JsonPropertyDescription("Year of first publication") int year, @JsonIgnore String internalCode) {
	}

	record Zebra(String zulu, String alpha, String mike) {
	}

	static class Account {

		private String owner;

		private @Nullable Integer limit;

		public String getOwner() {
			return this.owner;
		}

		public void setOwner(String owner) {
			this.owner = owner;
		}

		public @Nullable Integer getLimit() {
			return this.limit;
		}

		public void setLimit(@Nullable Integer limit) {
			this.limit = limit;
		}

	}

	record Review(@NotBlank String author, @Size(max = 280) String text, @Min(1) @Max(5) int stars,
			@Size(min = 1, max = 3) List<String> tags, @Pattern(regexp = "^[A-Z]{3}$") String code,
			@DecimalMin("0.5") BigDecimal price) {
	}

	record Score(int points, String grade) {
	}

	record Leaderboard(String season, Map<String, Score> scores) {
	}

	record Reviews(Map<String, Review> byUser) {
	}

	record Category(String name, List<Category> children) {
	}

	record Catalogue(String title, Category root) {
	}

	sealed interface Shape permits Circle, Square {
	}

	record Circle(double radius) implements Shape {
	}

	record Square(double side) implements Shape {
	}

	record Drawing(List<Shape> shapes) {
	}

	record Untyped(String name, Object payload) {
	}

	interface Animal {

		String name();

	}

	record Zoo(List<Animal> animals) {
	}

	static class Empty {

	}

}
