package io.github.geminicomet.test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a prompt offers to fill a value with: names, addresses, places, numbers, dates and topics.
 */
final class PromptFacts {

	private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

	private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");

	private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{6,}\\d");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w])");

	private static final Pattern CAPITALIZED = Pattern.compile("\\b\\p{Lu}[\\p{L}'&.-]*(?:\\s+\\p{Lu}[\\p{L}'&.-]*)*");

	private static final Pattern PLACE = Pattern
		.compile("\\b(?:in|near|to|from)\\s+(\\p{Lu}[\\p{L}'-]*(?:\\s+\\p{Lu}[\\p{L}'-]*)*)");

	private static final Pattern ORGANIZATION = Pattern
		.compile("\\b(?:at|for|with|of)\\s+(\\p{Lu}[\\p{L}'&.-]*(?:\\s+\\p{Lu}[\\p{L}'&.-]*)*)");

	private static final Pattern EXAMPLE = Pattern
		.compile("(?:such as|e\\.g\\.,?|for example,?|like)\\s+[\"'`]?([^\"'`,;)]+?)[\"'`]?(?:[,;)]|\\.?$|\\.\\s)");

	private static final Set<String> NOT_NAMES = Set.of("I", "A", "An", "The", "What", "Who", "Where", "When", "Why",
			"How", "Which", "Is", "Are", "Do", "Does", "Can", "Could", "Would", "Should", "Please", "Tell", "Give",
			"Show", "List", "Name", "Find", "Extract", "Describe", "Explain", "Write", "Draw", "Make", "Create", "Hi",
			"Hello", "Thanks", "My", "Our", "It", "In", "At", "On", "For", "From", "To", "And", "Or", "Then", "This",
			"That", "There", "Here", "Let", "Will", "If");

	private static final Set<String> STOP_WORDS = Set.of("what", "whats", "which", "about", "there", "their", "would",
			"could", "should", "please", "today", "tomorrow", "right", "tell", "give", "with", "from", "this", "that",
			"have", "does", "into", "your", "the", "and", "for", "are", "how", "who", "when", "where", "current", "now",
			"function", "returns", "return", "such");

	private static final Set<String> FILLER_WORDS = Set.of("work", "works", "worked", "working", "live", "lives",
			"lived", "love", "loves", "loved", "like", "likes", "liked", "enjoy", "enjoys", "care", "cares", "want",
			"wants", "know", "knows", "says", "said", "uses", "used", "make", "makes", "made", "been", "being", "went",
			"goes", "going", "think", "thinks", "need", "needs", "also", "very", "really", "some", "many", "much",
			"since", "until", "after", "before", "while", "because", "about", "there", "where");

	private final String prompt;

	PromptFacts(String prompt) {
		this.prompt = prompt;
	}

	/**
	 * The prompt's common nouns, roughly: keywords that are not part of a name, an address or a common
	 * verb.
	 */
	Set<String> topics() {
		String text = URL.matcher(EMAIL.matcher(this.prompt).replaceAll(" ")).replaceAll(" ");
		Set<String> capitalized = new LinkedHashSet<>();
		Matcher matcher = CAPITALIZED.matcher(text);
		while (matcher.find()) {
			capitalized.addAll(keywords(matcher.group()));
		}
		Set<String> topics = keywords(text);
		topics.removeAll(capitalized);
		topics.removeAll(FILLER_WORDS);
		topics.removeIf((word) -> !word.chars().allMatch(Character::isLetter));
		return topics;
	}

	String enumValue(List<String> values) {
		String lower = this.prompt.toLowerCase(Locale.ROOT);
		return values.stream()
			.filter((value) -> lower.contains(value.toLowerCase(Locale.ROOT).replace('_', ' ')))
			.findFirst()
			.orElse(values.get(0));
	}

	double number(String name, @Nullable Double minimum, @Nullable Double maximum, boolean integer) {
		double low = (minimum != null) ? minimum : Double.NEGATIVE_INFINITY;
		double high = (maximum != null) ? maximum : Double.POSITIVE_INFINITY;
		Matcher matcher = NUMBER.matcher(DATE.matcher(this.prompt).replaceAll(" "));
		while (matcher.find()) {
			double value = Double.parseDouble(matcher.group());
			if (value >= low && value <= high && (!integer || value == Math.rint(value))) {
				return value;
			}
		}
		double fallback = name.toLowerCase(Locale.ROOT).contains("day") ? 3 : 1;
		return Math.min(Math.max(fallback, (minimum != null) ? Math.ceil(minimum) : fallback),
				(maximum != null) ? Math.floor(maximum) : fallback);
	}

	String string(String name, @Nullable String format, @Nullable String description, int maxLength) {
		String value = stringValue(name.toLowerCase(Locale.ROOT), format, description);
		return (value.length() <= maxLength) ? value : value.substring(0, Math.max(0, maxLength));
	}

	private String stringValue(String name, @Nullable String format, @Nullable String description) {
		if ("date".equals(format) || (format == null && name.endsWith("date"))) {
			return first(DATE, this.prompt, LocalDate.now(ZoneOffset.UTC).toString());
		}
		if ("date-time".equals(format)) {
			return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
		}
		if ("time".equals(format)) {
			return "12:00:00";
		}
		if ("uuid".equals(format)) {
			return UUID.nameUUIDFromBytes(this.prompt.getBytes(StandardCharsets.UTF_8)).toString();
		}
		if ("duration".equals(format)) {
			return "PT1H";
		}
		if ("uri".equals(format) || name.contains("url") || name.contains("website") || name.contains("link")) {
			return first(URL, this.prompt, "https://example.com/");
		}
		if (name.contains("email")) {
			return first(EMAIL, this.prompt, "alex@example.com");
		}
		if (name.contains("phone")) {
			return first(PHONE, this.prompt, "+1 555 0100").strip();
		}
		if (containsAny(name, "company", "organization", "organisation", "employer", "vendor", "supplier",
				"business")) {
			return group(ORGANIZATION, "Example Ltd");
		}
		if (containsAny(name, "city", "location", "place", "country", "town", "region", "address",
				"destination")) {
			return group(PLACE, example(description, "Paris"));
		}
		if (name.equals("name") || name.endsWith("name") || name.equals("author") || name.equals("person")) {
			return personName();
		}
		if (containsAny(name, "summary", "description", "text", "title", "topic", "subject", "query",
				"question", "prompt", "message")) {
			return shorten(this.prompt.isEmpty() ? "Example" : this.prompt, 80);
		}
		return example(description, "example " + splitName(name));
	}

	private String personName() {
		List<String> phrases = new ArrayList<>();
		Matcher matcher = CAPITALIZED.matcher(this.prompt);
		while (matcher.find()) {
			List<String> words = new ArrayList<>(Arrays.asList(matcher.group().split("\\s+")));
			words.removeIf(NOT_NAMES::contains);
			if (!words.isEmpty()) {
				phrases.add(String.join(" ", words).replaceAll("[.'&-]+$", ""));
			}
		}
		return phrases.stream()
			.filter((phrase) -> phrase.contains(" "))
			.findFirst()
			.orElse(phrases.isEmpty() ? "Alex Example" : phrases.get(0));
	}

	private String group(Pattern pattern, String fallback) {
		Matcher matcher = pattern.matcher(this.prompt);
		while (matcher.find()) {
			String value = matcher.group(1).replaceAll("[.'&-]+$", "");
			if (!NOT_NAMES.contains(value)) {
				return value;
			}
		}
		return fallback;
	}

	private static String example(@Nullable String description, String fallback) {
		if (description != null) {
			Matcher matcher = EXAMPLE.matcher(description);
			if (matcher.find()) {
				return matcher.group(1).strip();
			}
		}
		return fallback;
	}

	private static String first(Pattern pattern, String text, String fallback) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group() : fallback;
	}

	private static boolean containsAny(String name, String... words) {
		for (String word : words) {
			if (name.contains(word)) {
				return true;
			}
		}
		return false;
	}

	static Set<String> keywords(@Nullable String text) {
		Set<String> keywords = new LinkedHashSet<>();
		if (text == null) {
			return keywords;
		}
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (word.length() > 3 && !STOP_WORDS.contains(word)) {
				keywords.add(word);
			}
		}
		return keywords;
	}

	/**
	 * {@code currentWeather} and {@code current_weather} as {@code current weather}.
	 */
	static String splitName(@Nullable String name) {
		if (name == null) {
			return "";
		}
		return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
	}

	static String shorten(String text, int max) {
		String single = text.replaceAll("\\s+", " ");
		return (single.length() <= max) ? single : single.substring(0, max - 1) + "\u2026";
	}

}
