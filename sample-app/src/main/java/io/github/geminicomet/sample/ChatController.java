package io.github.geminicomet.sample;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.github.geminicomet.GeminiBlockedContentException;
import io.github.geminicomet.GeminiException;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.UsageMetadata;

/**
 * {@code POST /api/chat}: one prompt in, the answer text and its token usage out.
 *
 * @author gemini-comet
 */
@RestController
@RequestMapping("/api")
class ChatController {

	private final GeminiTemplate gemini;

	ChatController(GeminiTemplate gemini) {
		this.gemini = gemini;
	}

	@PostMapping("/chat")
	Mono<ChatReply> chat(@RequestBody ChatRequest request) {
		if (request.prompt() == null || request.prompt().isBlank()) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "'prompt' must not be empty"));
		}
		return this.gemini.generateContent(GenerateContentRequest.of(request.prompt())).handle((response, sink) -> {
			if (response.isBlocked()) {
				sink.error(new GeminiBlockedContentException(response));
				return;
			}
			sink.next(new ChatReply(response.text(), response.usageMetadata()));
		});
	}

	@ExceptionHandler(GeminiBlockedContentException.class)
	ProblemDetail blocked(GeminiBlockedContentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler(GeminiException.class)
	ProblemDetail geminiFailed(GeminiException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
	}

	record ChatRequest(@Nullable String prompt) {
	}

	record ChatReply(String text, @Nullable UsageMetadata usage) {
	}

}
