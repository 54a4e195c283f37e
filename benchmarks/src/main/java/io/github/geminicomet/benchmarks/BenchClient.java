package io.github.geminicomet.benchmarks;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One client under test, driven the same way whatever its API: blocking clients run each call on a
 * thread of their own, as a thread-per-request application would.
 */
interface BenchClient extends AutoCloseable {

	/** The prompt every client sends. */
	String PROMPT = "Write a short story about a lighthouse keeper.";

	/** The API key every client sends (the fake server ignores it). */
	String API_KEY = "bench-key";

	/** Generate an answer and return its text. */
	Mono<String> unary(String model);

	/** Stream an answer and return the text of each event. */
	Flux<String> stream(String model);

	@Override
	default void close() {
	}

	/** The client names {@link #create} knows, in the runner's default order. */
	List<String> NAMES = List.of("template", "floor-lean", "floor-model", "google-genai", "langchain4j");

	/** A client's canonical name: {@code floor} is the old name of {@code floor-model}. */
	static String canonicalName(String name) {
		return name.equals("floor") ? "floor-model" : name;
	}

	static BenchClient create(String name, String baseUrl) {
		return switch (canonicalName(name)) {
			case "template" -> new TemplateClient(baseUrl);
			case "template-redis" -> new TemplateClient(baseUrl, TemplateClient.redisQuotaProperties());
			case "floor-lean" -> FloorClient.lean(baseUrl);
			case "floor-model" -> FloorClient.model(baseUrl);
			case "google-genai" -> new GoogleGenAiClient(baseUrl);
			case "langchain4j" -> new LangChain4jClient(baseUrl);
			default -> throw new IllegalArgumentException("Unknown client '" + name + "': use one of "
					+ String.join(", ", NAMES) + " (floor is an alias of floor-model; template-redis is the template with a Redis-backed quota)");
		};
	}

}
