package io.github.geminicomet.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.geminicomet.model.FunctionCallingConfig;
import io.github.geminicomet.model.FunctionDeclaration;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.Modality;
import io.github.geminicomet.model.Schema;
import io.github.geminicomet.model.Tool;

/**
 * A {@link Responder} that answers any request plausibly, without a model: enough to click through an
 * application offline or to demo it, never a substitute for scripted answers in a test.
 *
 * <ul>
 * <li>a request with a response schema ({@code responseSchema} or {@code responseJsonSchema}) gets JSON
 * that fits the schema, filled from the prompt where it can (names, e-mail addresses, places, numbers,
 * dates);</li>
 * <li>a request that declares functions gets calls of those whose name or description shares a word
 * with the prompt (else the first), with arguments built from their parameter schemas; the next request,
 * carrying the results, gets an answer that reports them;</li>
 * <li>a request with Google Search grounding gets an answer with two cited sources;</li>
 * <li>a request whose {@code responseModalities} include {@code IMAGE} gets a PNG;</li>
 * <li>anything else gets a text that says it is made up and quotes the prompt, streamed word by word,
 * after thought summaries when the request asks for them ({@code includeThoughts}).</li>
 * </ul>
 *
 * Immutable: {@link #withChunkDelay(Duration)} and {@link #withNote(String)} return new instances.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class PlausibleResponder implements Responder {

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

	private final Duration chunkDelay;

	private final String note;

	/**
	 * Create a responder that streams its texts word by word, 40 ms apart.
	 */
	public PlausibleResponder() {
		this(Duration.ofMillis(40), "");
	}

	private PlausibleResponder(Duration chunkDelay, String note) {
		this.chunkDelay = chunkDelay;
		this.note = note;
	}

	/**
	 * Return a responder that waits the given time between the events of a stream.
	 * @param chunkDelay the delay, zero for none
	 * @return a new responder
	 */
	public PlausibleResponder withChunkDelay(Duration chunkDelay) {
		Assert.isTrue(chunkDelay != null && !chunkDelay.isNegative(), "'chunkDelay' must not be negative");
		return new PlausibleResponder(chunkDelay, this.note);
	}

	/**
	 * Return a responder that ends its free-text answers with the given note (such as how to use the real
	 * model).
	 * @param note the note
	 * @return a new responder
	 */
	public PlausibleResponder withNote(String note) {
		Assert.notNull(note, "'note' must not be null");
		return new PlausibleResponder(this.chunkDelay, note);
	}

	@Override
	public ScriptedAnswer answer(RecordedRequest request) {
		GenerateContentRequest body = request.generateContentRequest();
		String prompt = request.prompt().strip();
		List<FunctionResponse> results = request.functionResponses();
		if (!results.isEmpty()) {
			return streamed(reportResults(results), request, false);
		}
		List<FunctionDeclaration> functions = request.functionDeclarations();
		if (!functions.isEmpty() && !functionCallingDisabled(body)) {
			return callFunctions(functions, prompt);
		}
		GenerationConfig config = body.generationConfig();
		if (config != null && config.responseSchema() != null) {
			return ScriptedAnswer.json(new Sampler(prompt).sample(config.responseSchema(), "value", 0))
				.streamedInChunksOf(24)
				.withChunkDelay(this.chunkDelay);
		}
		if (config != null && config.responseJsonSchema() != null) {
			Object schema = config.responseJsonSchema();
			return ScriptedAnswer.json(new Sampler(prompt).sampleJsonSchema(schema, schema, "value", 0))
				.streamedInChunksOf(24)
				.withChunkDelay(this.chunkDelay);
		}
		if (config != null && config.responseModalities() != null
				&& config.responseModalities().contains(Modality.IMAGE)) {
			int hash = prompt.hashCode();
			byte[] png = PngImage.gradient(256, 256, 0x1A73E8 ^ (hash & 0x3F3F3F), 0xF4B400 ^ ((hash >> 8) & 0x3F3F3F));
			return ScriptedAnswer.text("Here is a picture for \u201c" + shorten(prompt, 60)
					+ "\u201d: offline, I can only paint a gradient.").withImage("image/png", png);
		}
		if (body.tools() != null && body.tools()
			.stream()
			.anyMatch((tool) -> tool.googleSearch() != null || tool.googleSearchRetrieval() != null)) {
			return grounded(prompt, request);
		}
		String answer = "I am an offline stand-in for Gemini, so this answer is made up. You asked: \u201c"
				+ shorten(prompt, 200) + "\u201d. A real model would answer that; I can only show how an answer "
				+ "streams in, one word per event." + (this.note.isEmpty() ? "" : " " + this.note);
		return streamed(answer, request, true);
	}

	private ScriptedAnswer streamed(String text, RecordedRequest request, boolean withThoughts) {
		ScriptedAnswer answer = ScriptedAnswer.textChunks(words(text)).withChunkDelay(this.chunkDelay);
		if (withThoughts && includeThoughts(request.generationConfig())) {
			answer.withThoughts(words("**Reading the question**\n\nThe user asks \u201c"
					+ shorten(request.prompt().strip(), 80) + "\u201d. There is no model behind me, so I will say "
					+ "so plainly and quote the question back.\n\n"));
		}
		return answer;
	}

	private ScriptedAnswer grounded(String prompt, RecordedRequest request) {
		String topic = shorten(prompt, 120);
		String first = "The first source gives an overview of the topic.";
		String second = "The second source adds the details and the latest news.";
		String text = "Here is what the web says about \u201c" + topic + "\u201d (offline, so both sources are "
				+ "examples). " + first + " " + second;
		String query = URLEncoder.encode(prompt, StandardCharsets.UTF_8);
		return streamed(text, request, false)
			.withCitation(first, "https://example.com/overview?q=" + query, "example.com")
			.withCitation(second, "https://example.org/details?q=" + query, "example.org")
			.withSearchQueries(prompt);
	}

	private ScriptedAnswer callFunctions(List<FunctionDeclaration> functions, String prompt) {
		Set<String> promptWords = keywords(prompt);
		List<FunctionDeclaration> matching = functions.stream()
			.filter((function) -> keywords(splitName(function.name()) + " " + function.description()).stream()
				.anyMatch(promptWords::contains))
			.toList();
		List<FunctionDeclaration> called = matching.isEmpty() ? List.of(functions.get(0)) : matching;
		Sampler sampler = new Sampler(prompt);
		ScriptedAnswer answer = null;
		for (FunctionDeclaration function : called) {
			Map<String, Object> args = sampler.arguments(function);
			String name = (function.name() != null) ? function.name() : "function";
			answer = (answer != null) ? answer.andCallFunction(name, args) : ScriptedAnswer.functionCall(name, args);
		}
		return answer;
	}

	private static boolean functionCallingDisabled(GenerateContentRequest body) {
		FunctionCallingConfig config = (body.toolConfig() != null) ? body.toolConfig().functionCallingConfig() : null;
		return config != null && config.mode() == FunctionCallingConfig.Mode.NONE;
	}

	private String reportResults(List<FunctionResponse> results) {
		StringBuilder text = new StringBuilder("Here is what ");
		text.append((results.size() == 1) ? "the tool" : "the tools").append(" told me. ");
		for (FunctionResponse result : results) {
			text.append(splitName(result.name())).append(": ");
			Object value = (result.response() != null) ? result.response() : Map.of();
			if (value instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("result")) {
				value = map.get("result");
			}
			text.append(describe(value)).append(". ");
		}
		text.append("(Offline answer: the tool results are real, the sentence around them is canned.)");
		if (!this.note.isEmpty()) {
			text.append(' ').append(this.note);
		}
		return text.toString();
	}

	private static String describe(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			List<String> entries = new ArrayList<>();
			map.forEach((key, item) -> entries.add(splitName(String.valueOf(key)) + " " + describe(item)));
			return String.join(", ", entries);
		}
		if (value instanceof List<?> list) {
			return String.join("; ", list.stream().map(PlausibleResponder::describe).toList());
		}
		return String.valueOf(value);
	}

	private static boolean includeThoughts(@Nullable GenerationConfig config) {
		return config != null && config.thinkingConfig() != null
				&& Boolean.TRUE.equals(config.thinkingConfig().includeThoughts());
	}

	/**
	 * The text in chunks of one word each, whitespace kept with the word before it.
	 */
	static String[] words(String text) {
		List<String> words = new ArrayList<>();
		Matcher matcher = Pattern.compile("\\S+\\s*|\\s+").matcher(text);
		while (matcher.find()) {
			words.add(matcher.group());
		}
		return words.isEmpty() ? new String[] { text } : words.toArray(String[]::new);
	}

	private static Set<String> keywords(@Nullable String text) {
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
	private static String splitName(@Nullable String name) {
		if (name == null) {
			return "";
		}
		return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
	}

	private static String shorten(String text, int max) {
		String single = text.replaceAll("\\s+", " ");
		return (single.length() <= max) ? single : single.substring(0, max - 1) + "\u2026";
	}

	/**
	 * Builds values that fit a schema, from what the prompt offers.
	 */
	private static final class Sampler {

		private static final int MAX_DEPTH = 8;

		private final String prompt;

		Sampler(String prompt) {
			this.prompt = prompt;
		}

		Map<String, Object> arguments(FunctionDeclaration function) {
			Object args = null;
			if (function.parameters() != null) {
				args = sample(function.parameters(), "arguments", 0);
			}
			else if (function.parametersJsonSchema() != null) {
				args = sampleJsonSchema(function.parametersJsonSchema(), function.parametersJsonSchema(), "arguments",
						0);
			}
			Map<String, Object> result = new LinkedHashMap<>();
			if (args instanceof Map<?, ?> map) {
				map.forEach((key, value) -> result.put(String.valueOf(key), value));
			}
			return result;
		}

		@Nullable Object sample(Schema schema, String name, int depth) {
			if (schema.anyOf() != null && !schema.anyOf().isEmpty()) {
				return sample(schema.anyOf().get(0), name, depth);
			}
			if (schema.enumValues() != null && !schema.enumValues().isEmpty()) {
				return enumValue(schema.enumValues());
			}
			Schema.Type type = (schema.type() != null) ? schema.type() : Schema.Type.STRING;
			return switch (type) {
				case OBJECT -> {
					Map<String, Object> object = new LinkedHashMap<>();
					if (schema.properties() == null || depth >= MAX_DEPTH) {
						yield object;
					}
					List<String> names = new ArrayList<>(schema.properties().keySet());
					if (schema.propertyOrdering() != null) {
						names.sort((a, b) -> Integer.compare(order(schema.propertyOrdering(), a),
								order(schema.propertyOrdering(), b)));
					}
					for (String property : names) {
						boolean required = schema.required() != null && schema.required().contains(property);
						if (required || depth < 2) {
							object.put(property, sample(schema.properties().get(property), property, depth + 1));
						}
					}
					yield object;
				}
				case ARRAY -> array(name, (schema.minItems() != null) ? schema.minItems().intValue() : 0,
						(schema.maxItems() != null) ? schema.maxItems().intValue() : Integer.MAX_VALUE,
						(schema.items() != null && schema.items().type() == Schema.Type.STRING
								&& schema.items().enumValues() == null && schema.items().format() == null),
						() -> (schema.items() != null) ? sample(schema.items(), singular(name), depth + 1) : "item");
				case INTEGER -> (long) number(name, schema.minimum(), schema.maximum(), true);
				case NUMBER -> number(name, schema.minimum(), schema.maximum(), false);
				case BOOLEAN -> Boolean.TRUE;
				case NULL -> null;
				default -> string(name, schema.format(), schema.description(),
						(schema.maxLength() != null) ? schema.maxLength().intValue() : Integer.MAX_VALUE);
			};
		}

		@Nullable Object sampleJsonSchema(Object node, Object root, String name, int depth) {
			if (!(node instanceof Map<?, ?> schema) || depth > MAX_DEPTH) {
				return null;
			}
			Object ref = schema.get("$ref");
			if (ref instanceof String pointer && pointer.startsWith("#/")) {
				Object target = root;
				for (String segment : pointer.substring(2).split("/")) {
					target = (target instanceof Map<?, ?> map) ? map.get(segment) : null;
				}
				return sampleJsonSchema(target, root, name, depth + 1);
			}
			Object anyOf = (schema.get("anyOf") != null) ? schema.get("anyOf") : schema.get("oneOf");
			if (anyOf instanceof List<?> options && !options.isEmpty()) {
				Object first = options.get(0);
				for (Object option : options) {
					if (!(option instanceof Map<?, ?> map && "null".equals(map.get("type")))) {
						first = option;
						break;
					}
				}
				return sampleJsonSchema(first, root, name, depth);
			}
			if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
				return enumValue(values.stream().map(String::valueOf).toList());
			}
			String type = jsonType(schema.get("type"), schema);
			String format = (schema.get("format") instanceof String value) ? value : null;
			String description = (schema.get("description") instanceof String value) ? value : null;
			return switch (type) {
				case "object" -> {
					Map<String, Object> object = new LinkedHashMap<>();
					List<?> required = (schema.get("required") instanceof List<?> list) ? list : List.of();
					if (schema.get("properties") instanceof Map<?, ?> properties) {
						properties.forEach((key, value) -> {
							if (required.contains(key) || depth < 2) {
								object.put(String.valueOf(key),
										sampleJsonSchema(value, root, String.valueOf(key), depth + 1));
							}
						});
					}
					yield object;
				}
				case "array" -> {
					Object items = schema.get("items");
					boolean strings = items instanceof Map<?, ?> map && "string".equals(map.get("type"))
							&& map.get("enum") == null && map.get("format") == null;
					yield array(name, intValue(schema.get("minItems"), 0),
							intValue(schema.get("maxItems"), Integer.MAX_VALUE), strings,
							() -> sampleJsonSchema(items, root, singular(name), depth + 1));
				}
				case "integer" -> (long) number(name, doubleValue(schema.get("minimum")),
						doubleValue(schema.get("maximum")), true);
				case "number" -> number(name, doubleValue(schema.get("minimum")), doubleValue(schema.get("maximum")),
						false);
				case "boolean" -> Boolean.TRUE;
				case "null" -> null;
				default -> string(name, format, description, intValue(schema.get("maxLength"), Integer.MAX_VALUE));
			};
		}

		private static String jsonType(@Nullable Object type, Map<?, ?> schema) {
			if (type instanceof String value) {
				return value;
			}
			if (type instanceof List<?> list) {
				return list.stream()
					.map(String::valueOf)
					.filter((value) -> !"null".equals(value))
					.findFirst()
					.orElse("null");
			}
			return (schema.get("properties") != null) ? "object" : "string";
		}

		private List<@Nullable Object> array(String name, int minItems, int maxItems, boolean strings,
				java.util.function.Supplier<@Nullable Object> element) {
			if (strings) {
				List<@Nullable Object> words = new ArrayList<>(topics().stream().limit(3).toList());
				while (words.size() < minItems) {
					words.add(singular(name) + " " + (words.size() + 1));
				}
				if (words.isEmpty()) {
					words.add(singular(name));
				}
				return words.subList(0, Math.min(words.size(), Math.max(1, maxItems)));
			}
			int count = Math.min(Math.max(1, minItems), Math.max(1, maxItems));
			List<@Nullable Object> list = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				list.add(element.get());
			}
			return list;
		}

		/**
		 * The prompt's common nouns, roughly: keywords that are not part of a name, an address or a common
		 * verb.
		 */
		private Set<String> topics() {
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

		private String enumValue(List<String> values) {
			String lower = this.prompt.toLowerCase(Locale.ROOT);
			return values.stream()
				.filter((value) -> lower.contains(value.toLowerCase(Locale.ROOT).replace('_', ' ')))
				.findFirst()
				.orElse(values.get(0));
		}

		private double number(String name, @Nullable Double minimum, @Nullable Double maximum, boolean integer) {
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

		private String string(String name, @Nullable String format, @Nullable String description, int maxLength) {
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

		private static String singular(String name) {
			return (name.endsWith("s") && name.length() > 1) ? name.substring(0, name.length() - 1) : name;
		}

		private static int order(List<String> ordering, String name) {
			int index = ordering.indexOf(name);
			return (index >= 0) ? index : Integer.MAX_VALUE;
		}

		private static int intValue(@Nullable Object value, int fallback) {
			return (value instanceof Number number) ? number.intValue() : fallback;
		}

		private static @Nullable Double doubleValue(@Nullable Object value) {
			return (value instanceof Number number) ? number.doubleValue() : null;
		}

	}

}
