package io.github.geminicomet.benchmarks;

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

	static BenchClient create(String name, String baseUrl) {
		return switch (name) {
			case "template" -> new TemplateClient(baseUrl);
			case "template-redis" -> new TemplateClient(baseUrl, TemplateClient.redisQuotaProperties());
			case "floor" -> new FloorClient(baseUrl);
			case "google-genai" -> new GoogleGenAiClient(baseUrl);
			case "langchain4j" -> new LangChain4jClient(baseUrl);
			default -> throw new IllegalArgumentException("Unknown client " + name
					+ " (template, template-redis, floor, google-genai, langchain4j)");
		};
	}

}
