package io.github.geminicomet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;

import io.github.geminicomet.model.BatchEmbedContentsRequest;
import io.github.geminicomet.model.BatchEmbedContentsResponse;
import io.github.geminicomet.model.CountTokensResponse;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbedContentResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.Model;

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
	 * @param model the model name, such as {@code gemini-3.5-flash-lite} (a {@code models/} prefix is
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
	 * Get a model's description ({@code GET models/{model}}): a metadata call that is not billed and
	 * spends no tokens, suited to checking that the gateway, the key and the model name are right.
	 * @param model the model name, such as {@code gemini-3.5-flash-lite} (a {@code models/} prefix is
	 * accepted)
	 * @return the model, or an error: {@link GeminiResponseException} for an error answer (such as
	 * {@link GeminiAuthenticationException} for a rejected key), {@link GeminiRequestException} for a
	 * transport failure
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	Mono<Model> getModel(String model);

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

	/**
	 * Send one user prompt to the given model and return the answer's visible text (thoughts
	 * excluded).
	 * @param model the model name, such as {@code gemini-3.8-flash}
	 * @param prompt the prompt
	 * @return the answer text, empty when the model answered without text; signals
	 * {@link GeminiBlockedContentException} when the prompt or the answer was blocked, and the errors of
	 * {@link #generateContent(String, GenerateContentRequest)}
	 * @throws IllegalArgumentException if the model name is not a valid model name or the prompt is empty
	 * @since 0.2.0
	 */
	default Mono<String> generateText(String model, String prompt) {
		Assert.hasText(prompt, "'prompt' must not be empty");
		return generateContent(model, GenerateContentRequest.of(prompt)).handle((response, sink) -> {
			if (response.isBlocked()) {
				sink.error(new GeminiBlockedContentException(response));
				return;
			}
			sink.next(response.text());
		});
	}

	/**
	 * Stream the answer to one user prompt from the given model as text deltas (thoughts excluded,
	 * empty deltas skipped).
	 * @param model the model name, such as {@code gemini-3.8-flash}
	 * @param prompt the prompt
	 * @return the text deltas; signals {@link GeminiBlockedContentException} when the prompt or the
	 * answer was blocked, and the errors of {@link #streamGenerateContent(String, GenerateContentRequest)}
	 * @throws IllegalArgumentException if the model name is not a valid model name or the prompt is empty
	 * @since 0.2.0
	 */
	default Flux<String> streamText(String model, String prompt) {
		Assert.hasText(prompt, "'prompt' must not be empty");
		return streamGenerateContent(model, GenerateContentRequest.of(prompt)).handle((response, sink) -> {
			if (response.isBlocked()) {
				sink.error(new GeminiBlockedContentException(response));
				return;
			}
			String text = response.text();
			if (!text.isEmpty()) {
				sink.next(text);
			}
		});
	}

	/**
	 * Stream a response from the default model as text deltas marked as thought or answer: see
	 * {@link #streamTextDeltas(String, GenerateContentRequest)}.
	 * @param request the request
	 * @return the text deltas
	 * @since 0.1.0
	 */
	default Flux<TextDelta> streamTextDeltas(GenerateContentRequest request) {
		return TextDelta.from(streamGenerateContent(request));
	}

	/**
	 * Stream a response as text deltas, each marked {@link TextDelta.Kind#THOUGHT THOUGHT} or
	 * {@link TextDelta.Kind#ANSWER ANSWER}, so that a UI can render the model's thinking apart from its
	 * answer. Thought deltas arrive only when the request asks for them
	 * ({@code ThinkingConfig.withIncludeThoughts(true)}); empty deltas are skipped.
	 * @param model the model name
	 * @param request the request
	 * @return the text deltas, or an error: {@link GeminiBlockedContentException} when the prompt or the
	 * answer was blocked, and the errors of {@link #streamGenerateContent(String, GenerateContentRequest)}
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	default Flux<TextDelta> streamTextDeltas(String model, GenerateContentRequest request) {
		return TextDelta.from(streamGenerateContent(model, request));
	}

	/**
	 * Start a conversation with the default model.
	 * @return a new chat on these operations
	 * @see GeminiChat
	 * @since 0.1.0
	 */
	default GeminiChat chat() {
		return GeminiChat.create(this);
	}

	/**
	 * Start a conversation with the given model. For a system instruction, tools or a saved history, use
	 * {@link GeminiChat#builder(GeminiOperations)}.
	 * @param model the model name, such as {@code gemini-3.5-flash-lite}
	 * @return a new chat on these operations
	 * @see GeminiChat
	 * @since 0.1.0
	 */
	default GeminiChat chat(String model) {
		return GeminiChat.create(this, model);
	}

	/**
	 * Return operations that let the model call the
	 * {@link io.github.geminicomet.tool.GeminiTool @GeminiTool} methods of the given objects: their
	 * calls (unary and streaming, text, objects and chats) declare those methods as functions and run the
	 * function-calling loop until the model answers (see
	 * {@link ToolCallingOperations}). {@link GeminiTemplate} uses its JSON
	 * mapper and its {@link io.github.geminicomet.tool.ToolCallingOptions}; other implementations the
	 * defaults.
	 * @param toolObjects objects with {@code @GeminiTool} methods (beans, proxied or not, plain
	 * instances, or classes for their static methods)
	 * @return operations with the tools
	 * @throws IllegalArgumentException if an object has no {@code @GeminiTool} method, two methods have
	 * the same function name, a name is invalid, or a parameter's type cannot be described
	 * @since 0.1.0
	 */
	default GeminiOperations withTools(Object... toolObjects) {
		return ToolCallingOperations.of(this, io.github.geminicomet.tool.ToolCallingOptions.DEFAULT, toolObjects);
	}

	/**
	 * Count the tokens of a request for the default model: see
	 * {@link #countTokens(String, GenerateContentRequest)}.
	 * @param request the request to count
	 * @return the token count
	 * @since 0.1.0
	 */
	Mono<CountTokensResponse> countTokens(GenerateContentRequest request);

	/**
	 * Count the tokens a request would use ({@code POST models/{model}:countTokens} with the whole request
	 * as {@code generateContentRequest}: contents, system instruction, tools and cached content). Not
	 * billed.
	 * @param model the model name
	 * @param request the request to count
	 * @return the token count, or the errors of {@link #generateContent(String, GenerateContentRequest)}
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	Mono<CountTokensResponse> countTokens(String model, GenerateContentRequest request);

	/**
	 * List the models the gateway offers ({@code GET models}), following every page as the returned
	 * {@code Flux} is consumed.
	 * @return the models
	 * @since 0.1.0
	 */
	Flux<Model> listModels();

	/**
	 * Embed content ({@code POST models/{model}:embedContent}), such as with
	 * {@code gemini-embedding-001}. The request's {@code model} is set to the given model when it names
	 * none.
	 * @param model the embedding model name
	 * @param request the request, such as {@code EmbedContentRequest.of("text")}
	 * @return the embedding
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	Mono<EmbedContentResponse> embedContent(String model, EmbedContentRequest request);

	/**
	 * Embed several contents in one call ({@code POST models/{model}:batchEmbedContents}). Requests that
	 * name no model are sent with the given one.
	 * @param model the embedding model name
	 * @param request the requests, such as {@code BatchEmbedContentsRequest.ofTexts(model, texts)}
	 * @return the embeddings, in the order of the requests
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	Mono<BatchEmbedContentsResponse> batchEmbedContents(String model, BatchEmbedContentsRequest request);

	/**
	 * Return the operations on cached content ({@code cachedContents}: create, get, list, update the
	 * expiration, delete).
	 * @return the cached content operations
	 * @since 0.1.0
	 */
	CachedContentOperations cachedContents();

	/**
	 * Return the operations on the Files API ({@code files}: resumable upload, get, list, delete, wait
	 * until active), for media too large to send inline. Implementations that do not talk to the API may
	 * leave this unsupported.
	 * @return the file operations
	 * @since 0.2.0
	 */
	default FileOperations files() {
		throw new UnsupportedOperationException(getClass().getName() + " does not support the Files API");
	}

	/**
	 * Return the operations on batch jobs ({@code batches}: generate or embedding batches created from
	 * inline requests or a JSONL file, get, list, cancel, delete, wait, read the results), half the price of
	 * the same calls made one by one. Implementations that do not talk to the API may leave this unsupported.
	 * @return the batch operations
	 * @since 0.2.0
	 */
	default BatchOperations batches() {
		throw new UnsupportedOperationException(getClass().getName() + " does not support batch mode");
	}

	/**
	 * Send one user prompt to the default model and read the answer as an object of the given type:
	 * see {@link #generateObject(String, GenerateContentRequest, Class)}.
	 * @param <T> the type of the object
	 * @param prompt the prompt
	 * @param type the type of the object, such as a record
	 * @return the object
	 * @throws io.github.geminicomet.schema.SchemaGenerationException if the type cannot be described
	 * @since 0.1.0
	 */
	<T> Mono<T> generateObject(String prompt, Class<T> type);

	/**
	 * Send one user prompt to the default model and read the answer as an object of the given
	 * generic type, such as {@code List<Invoice>} or {@code Map<String, Score>}: see
	 * {@link #generateObject(String, GenerateContentRequest, Class)}.
	 * @param <T> the type of the object
	 * @param prompt the prompt
	 * @param type the type of the object
	 * @return the object
	 * @throws io.github.geminicomet.schema.SchemaGenerationException if the type cannot be described
	 * @since 0.1.0
	 */
	<T> Mono<T> generateObject(String prompt, ParameterizedTypeReference<T> type);

	/**
	 * Generate a response whose answer is JSON matching the given type, and read it as an object of
	 * that type (structured output). The schema is generated from the type (see
	 * {@link io.github.geminicomet.schema.GeminiSchemaGenerator}) and sent as
	 * {@code generationConfig.responseSchema} (or {@code responseJsonSchema} for maps and recursive
	 * types) with {@code responseMimeType: application/json}, merged into a copy of the request's
	 * generation options; a request that sets its own schema keeps it. The visible text of the answer
	 * (thoughts excluded) is read with the template's JSON mapper and, when the template has a
	 * validator, validated.
	 * @param <T> the type of the object
	 * @param model the model name
	 * @param request the request
	 * @param type the type of the object, such as a record
	 * @return the object, or an error: {@link GeminiStructuredOutputException} when the answer cannot be
	 * read as the type or is invalid (after the configured repair attempts),
	 * {@link GeminiBlockedContentException} when the prompt or the answer was blocked, and the errors
	 * of {@link #generateContent(String, GenerateContentRequest)}
	 * @throws io.github.geminicomet.schema.SchemaGenerationException if the type cannot be described
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	default <T> Mono<T> generateObject(String model, GenerateContentRequest request, Class<T> type) {
		return generateObjectResponse(model, request, type).map(StructuredResponse::value);
	}

	/**
	 * Generate a response and read it as an object of the given generic type, such as
	 * {@code List<Invoice>} or {@code Map<String, Score>}: see
	 * {@link #generateObject(String, GenerateContentRequest, Class)}.
	 * @param <T> the type of the object
	 * @param model the model name
	 * @param request the request
	 * @param type the type of the object
	 * @return the object
	 * @throws io.github.geminicomet.schema.SchemaGenerationException if the type cannot be described
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	default <T> Mono<T> generateObject(String model, GenerateContentRequest request,
			ParameterizedTypeReference<T> type) {
		return generateObjectResponse(model, request, type).map(StructuredResponse::value);
	}

	/**
	 * Like {@link #generateObject(String, GenerateContentRequest, Class)}, but return the object
	 * together with the response it came in, for its usage, finish reason and grounding metadata.
	 * @param <T> the type of the object
	 * @param model the model name
	 * @param request the request
	 * @param type the type of the object
	 * @return the object and the response
	 * @throws io.github.geminicomet.schema.SchemaGenerationException if the type cannot be described
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	<T> Mono<StructuredResponse<T>> generateObjectResponse(String model, GenerateContentRequest request,
			Class<T> type);

	/**
	 * Like {@link #generateObject(String, GenerateContentRequest, ParameterizedTypeReference)}, but
	 * return the object together with the response it came in.
	 * @param <T> the type of the object
	 * @param model the model name
	 * @param request the request
	 * @param type the type of the object
	 * @return the object and the response
	 * @throws io.github.geminicomet.schema.SchemaGenerationException if the type cannot be described
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	<T> Mono<StructuredResponse<T>> generateObjectResponse(String model, GenerateContentRequest request,
			ParameterizedTypeReference<T> type);

	/**
	 * Stream a response whose answer is a JSON array of the given element type, and emit each element
	 * the moment it is complete: the schema sent is an {@code ARRAY} of the element's schema, and the
	 * text deltas are read by an incremental JSON parser as they arrive, so the first element is
	 * emitted long before the answer ends. Each element is validated when the template has a
	 * validator. There are no repair attempts: elements already emitted cannot be taken back.
	 * @param <T> the element type
	 * @param model the model name
	 * @param request the request; a request that sets its own schema must ask for an array
	 * @param elementType the element type, such as a record
	 * @return the elements, or an error: {@link GeminiStructuredOutputException} when the text is not a
	 * JSON array of the type, an element is invalid, or the array is cut off (such as at
	 * {@code MAX_TOKENS}), {@link GeminiBlockedContentException} when the prompt or the answer was
	 * blocked, and the errors of {@link #streamGenerateContent(String, GenerateContentRequest)}
	 * @throws io.github.geminicomet.schema.SchemaGenerationException if the type cannot be described
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	<T> Flux<T> streamObjects(String model, GenerateContentRequest request, Class<T> elementType);

	/**
	 * Stream a JSON array of the given generic element type: see
	 * {@link #streamObjects(String, GenerateContentRequest, Class)}.
	 * @param <T> the element type
	 * @param model the model name
	 * @param request the request
	 * @param elementType the element type
	 * @return the elements
	 * @throws io.github.geminicomet.schema.SchemaGenerationException if the type cannot be described
	 * @throws IllegalArgumentException if the model name is not a valid model name
	 * @since 0.1.0
	 */
	<T> Flux<T> streamObjects(String model, GenerateContentRequest request, ParameterizedTypeReference<T> elementType);

}
