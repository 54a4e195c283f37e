package io.github.geminicomet.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
			return ScriptedAnswer.json(new PlausibleValues(prompt).sample(config.responseSchema(), "value", 0))
				.streamedInChunksOf(24)
				.withChunkDelay(this.chunkDelay);
		}
		if (config != null && config.responseJsonSchema() != null) {
			Object schema = config.responseJsonSchema();
			return ScriptedAnswer.json(new PlausibleValues(prompt).sampleJsonSchema(schema, schema, "value", 0))
				.streamedInChunksOf(24)
				.withChunkDelay(this.chunkDelay);
		}
		if (config != null && config.responseModalities() != null
				&& config.responseModalities().contains(Modality.IMAGE)) {
			int hash = prompt.hashCode();
			byte[] png = PngImage.gradient(256, 256, 0x1A73E8 ^ (hash & 0x3F3F3F), 0xF4B400 ^ ((hash >> 8) & 0x3F3F3F));
			return ScriptedAnswer.text("Here is a picture for \u201c" + PromptFacts.shorten(prompt, 60)
					+ "\u201d: offline, I can only paint a gradient.").withImage("image/png", png);
		}
		if (body.tools() != null && body.tools()
			.stream()
			.anyMatch((tool) -> tool.googleSearch() != null || tool.googleSearchRetrieval() != null)) {
			return grounded(prompt, request);
		}
		String answer = "I am an offline stand-in for Gemini, so this answer is made up. You asked: \u201c"
				+ PromptFacts.shorten(prompt, 200) + "\u201d. A real model would answer that; I can only show how an "
				+ "answer streams in, one word per event." + (this.note.isEmpty() ? "" : " " + this.note);
		return streamed(answer, request, true);
	}

	private ScriptedAnswer streamed(String text, RecordedRequest request, boolean withThoughts) {
		ScriptedAnswer answer = ScriptedAnswer.textChunks(words(text)).withChunkDelay(this.chunkDelay);
		if (withThoughts && includeThoughts(request.generationConfig())) {
			answer.withThoughts(words("**Reading the question**\n\nThe user asks \u201c"
					+ PromptFacts.shorten(request.prompt().strip(), 80) + "\u201d. There is no model behind me, "
					+ "so I will say so plainly and quote the question back.\n\n"));
		}
		return answer;
	}

	private ScriptedAnswer grounded(String prompt, RecordedRequest request) {
		String topic = PromptFacts.shorten(prompt, 120);
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
		Set<String> promptWords = PromptFacts.keywords(prompt);
		List<FunctionDeclaration> matching = functions.stream()
			.filter((function) -> PromptFacts
				.keywords(PromptFacts.splitName(function.name()) + " " + function.description())
				.stream()
				.anyMatch(promptWords::contains))
			.toList();
		List<FunctionDeclaration> called = matching.isEmpty() ? List.of(functions.get(0)) : matching;
		PlausibleValues sampler = new PlausibleValues(prompt);
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
			text.append(PromptFacts.splitName(result.name())).append(": ");
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
			map.forEach(
					(key, item) -> entries.add(PromptFacts.splitName(String.valueOf(key)) + " " + describe(item)));
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

}
