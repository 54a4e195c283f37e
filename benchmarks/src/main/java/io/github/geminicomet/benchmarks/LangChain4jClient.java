package io.github.geminicomet.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * LangChain4j's {@code langchain4j-google-ai-gemini} with its base URL pointed at the fake server: the
 * blocking chat model for unary calls (each on a thread of its own), the callback-based streaming model
 * for streams.
 */
final class LangChain4jClient implements BenchClient {

	private final String baseUrl;

	private final Map<String, GoogleAiGeminiChatModel> chatModels = new ConcurrentHashMap<>();

	private final Map<String, GoogleAiGeminiStreamingChatModel> streamingModels = new ConcurrentHashMap<>();

	LangChain4jClient(String baseUrl) {
		this.baseUrl = baseUrl + "/v1beta";
	}

	@Override
	public Mono<String> unary(String model) {
		GoogleAiGeminiChatModel chat = this.chatModels.computeIfAbsent(model, (name) -> GoogleAiGeminiChatModel
			.builder()
			.apiKey(API_KEY)
			.baseUrl(this.baseUrl)
			.modelName(name)
			.maxRetries(0)
			.build());
		return Mono.fromCallable(() -> chat.chat(PROMPT)).subscribeOn(BlockingCalls.SCHEDULER);
	}

	@Override
	public Flux<String> stream(String model) {
		GoogleAiGeminiStreamingChatModel streaming = this.streamingModels.computeIfAbsent(model,
				(name) -> GoogleAiGeminiStreamingChatModel.builder()
					.apiKey(API_KEY)
					.baseUrl(this.baseUrl)
					.modelName(name)
					.build());
		return Flux.create((sink) -> streaming.chat(PROMPT, new StreamingChatResponseHandler() {

			@Override
			public void onPartialResponse(String partialResponse) {
				sink.next(partialResponse);
			}

			@Override
			public void onCompleteResponse(ChatResponse completeResponse) {
				sink.complete();
			}

			@Override
			public void onError(Throwable error) {
				sink.error(error);
			}

		}));
	}

}
