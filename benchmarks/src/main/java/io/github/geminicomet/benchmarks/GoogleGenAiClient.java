package io.github.geminicomet.benchmarks;

import java.util.Objects;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Google's official Gen AI SDK ({@code com.google.genai:google-genai}) with its base URL pointed at the
 * fake server; its calls block, so each runs on a thread of its own.
 */
final class GoogleGenAiClient implements BenchClient {

	private final Client client;

	GoogleGenAiClient(String baseUrl) {
		this.client = Client.builder()
			.apiKey(API_KEY)
			.httpOptions(HttpOptions.builder().baseUrl(baseUrl).apiVersion("v1beta").build())
			.build();
	}

	@Override
	public Mono<String> unary(String model) {
		return Mono.fromCallable(() -> Objects.requireNonNullElse(
				this.client.models.generateContent(model, PROMPT, null).text(), ""))
			.subscribeOn(BlockingCalls.SCHEDULER);
	}

	@Override
	public Flux<String> stream(String model) {
		return Flux.create((sink) -> BlockingCalls.EXECUTOR.execute(() -> {
			try (ResponseStream<GenerateContentResponse> events = this.client.models.generateContentStream(model,
					PROMPT, null)) {
				for (GenerateContentResponse event : events) {
					sink.next(Objects.requireNonNullElse(event.text(), ""));
				}
				sink.complete();
			}
			catch (Throwable ex) {
				sink.error(ex);
			}
		}));
	}

	@Override
	public void close() {
		this.client.close();
	}

}
