package io.github.geminicomet.sample;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.geminicomet.GeminiBlockedContentException;
import io.github.geminicomet.GeminiException;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.TextDelta;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GenerationConfig;
import io.github.geminicomet.model.ThinkingConfig;
import io.github.geminicomet.model.UsageMetadata;

/**
 * {@code POST /api/chat}: one prompt in, the answer text and its token usage out.
 * {@code POST /api/chat/stream}: the answer as server-sent events for the page, with the model's thought
 * summaries and its answer as separate event types. A POST, so that a prompt of any size the app accepts
 * ({@code spring.codec.max-in-memory-size}) fits, where a query string stops at a few kilobytes.
 *
 * @author gemini-comet
 */
@RestController
@RequestMapping("/api")
@RegisterReflectionForBinding({ ChatController.Delta.class, ChatController.Failure.class })
class ChatController {

	private final GeminiTemplate gemini;

	ChatController(GeminiTemplate gemini) {
		this.gemini = gemini;
	}

	@PostMapping("/chat")
	Mono<ChatReply> chat(@RequestBody PromptRequest request) {
		return this.gemini.generateContent(GenerateContentRequest.of(request.requiredPrompt()))
			.handle((response, sink) -> {
				if (response.isBlocked()) {
					sink.error(new GeminiBlockedContentException(response));
					return;
				}
				sink.next(new ChatReply(response.text(), response.usageMetadata()));
			});
	}

	/**
	 * Streams {@code thought} and {@code answer} events (data: {@code {"text": "..."}}) as the model
	 * sends them, then one {@code usage} event with the token counts; a failure after the stream has
	 * started ends it with a {@code failure} event (data: {@code {"message": "..."}}) rather than a
	 * broken connection. An empty prompt is a 400 problem detail before anything streams.
	 */
	@PostMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> stream(@RequestBody PromptRequest prompt) {
		GenerateContentRequest request = GenerateContentRequest.builder()
			.addContent(Content.user(prompt.requiredPrompt()))
			.generationConfig(GenerationConfig.builder().thinkingConfig(ThinkingConfig.includingThoughts()).build())
			.build();
		return Flux.defer(() -> {
			AtomicReference<UsageMetadata> usage = new AtomicReference<>();
			return this.gemini.streamGenerateContent(request)
				.<GenerateContentResponse>handle((event, sink) -> {
					if (event.isBlocked()) {
						sink.error(new GeminiBlockedContentException(event));
						return;
					}
					if (event.usageMetadata() != null) {
						usage.set(event.usageMetadata());
					}
					sink.next(event);
				})
				.concatMapIterable(TextDelta::of)
				.map((delta) -> event(delta.isThought() ? "thought" : "answer", new Delta(delta.text())))
				.concatWith(Mono.fromSupplier(() -> event("usage", (usage.get() != null) ? usage.get()
						: new UsageMetadata(null, null, null, null, null, null, null, null, null, null, null, null))))
				.onErrorResume((ex) -> Mono.just(event("failure", new Failure(describe(ex)))));
		});
	}

	/**
	 * A message for the page: the message of a Gemini error (which never holds the key), without the
	 * gateway's URL.
	 */
	private static String describe(Throwable ex) {
		if (!(ex instanceof GeminiException)) {
			return "Unexpected error: " + ex.getClass().getSimpleName();
		}
		return String.valueOf(ex.getMessage()).replaceFirst(" \\[[A-Z]+ [a-z]+://[^\\]]*\\]", "");
	}

	private static ServerSentEvent<Object> event(String type, Object data) {
		return ServerSentEvent.builder(data).event(type).build();
	}

	record ChatReply(String text, @Nullable UsageMetadata usage) {
	}

	record Delta(String text) {
	}

	record Failure(String message) {
	}

}
