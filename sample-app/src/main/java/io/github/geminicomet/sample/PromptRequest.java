package io.github.geminicomet.sample;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The body of the prompt endpoints: {@code {"prompt": "..."}}.
 *
 * @param prompt the prompt
 * @author gemini-comet
 */
record PromptRequest(@Nullable String prompt) {

	/**
	 * The prompt, or a 400 when it is missing or blank.
	 */
	String requiredPrompt() {
		if (this.prompt == null || this.prompt.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'prompt' must not be empty");
		}
		return this.prompt;
	}

}
