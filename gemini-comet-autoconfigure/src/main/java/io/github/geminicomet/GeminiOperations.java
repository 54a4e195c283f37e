package io.github.geminicomet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;

/**
 * Reactive operations on Gemini's native API ({@code /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}). Implemented by {@link GeminiTemplate}.
 *
 * <p>Every method is cold: nothing is sent until the returned publisher is subscribed to, and each
 * subscription sends its own request. Cancelling a subscription closes the HTTP exchange.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public interface GeminiOperations {

	/**
	 * Generate a response with the default model.
	 * @param request the request
	 * @return the response as the API sent it, blocked prompts and safety stops included
	 * @see #generateContent(String, GenerateContentRequest)
	 */
	Mono<GenerateContentResponse> generateContent(GenerateContentRequest request);

	/**
	 * Generate a response ({@code POST models/{model}:generateContent}). A blocked prompt
	 * ({@code promptFeedback.blockReason}) or a {@code SAFETY} finish is returned as sent, not raised.
	 * @param model the model name, such as {@code gemini-2.5-flash} (a {@code models/} prefix is
	 * accepted)
	 * @param request the request
	 * @return the response, or an error: {@link GeminiResponseException} for an error answer,
	 * {@link GeminiRequestException} for a transport failure
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 */
	Mono<GenerateContentResponse> generateContent(String model, GenerateContentRequest request);

	/**
	 * Stream a response with the default model.
	 * @param request the request
	 * @return the events of the stream
	 * @see #streamGenerateContent(String, GenerateContentRequest)
	 */
	Flux<GenerateContentResponse> streamGenerateContent(GenerateContentRequest request);

	/**
	 * Stream a response ({@code POST models/{model}:streamGenerateContent?alt=sse}), emitting each
	 * server-sent event the moment it arrives. Each event is a partial response: its parts are deltas,
	 * and its {@code usageMetadata}, when present, is cumulative so far. A stream that ends before a
	 * finish reason or a block reason arrived signals {@link GeminiIncompleteStreamException}.
	 * @param model the model name
	 * @param request the request
	 * @return the events of the stream
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 */
	Flux<GenerateContentResponse> streamGenerateContent(String model, GenerateContentRequest request);

	/**
	 * Send one user prompt to the default model and return the answer's visible text (thoughts
	 * excluded).
	 * @param prompt the prompt
	 * @return the answer text, empty when the model answered without text
	 * @throws GeminiBlockedContentException (signalled) when the prompt or the answer was blocked
	 */
	Mono<String> generateText(String prompt);

	/**
	 * Stream the answer to one user prompt from the default model as text deltas (thoughts excluded,
	 * empty deltas skipped).
	 * @param prompt the prompt
	 * @return the text deltas
	 * @throws GeminiBlockedContentException (signalled) when the prompt or the answer was blocked
	 */
	Flux<String> streamText(String prompt);

}
