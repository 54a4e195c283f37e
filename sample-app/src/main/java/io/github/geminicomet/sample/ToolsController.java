package io.github.geminicomet.sample;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.geminicomet.GeminiOperations;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.UsageMetadata;

/**
 * {@code POST /api/tools} with {@code {"prompt": "..."}}: automatic function calling. The model may
 * call the {@code @GeminiTool} methods of {@link WeatherTools} and {@link ClockTools}; the library runs
 * them and sends the results back until the model answers.
 *
 * @author gemini-comet
 */
@RestController
@RequestMapping("/api")
class ToolsController {

	private final GeminiOperations geminiWithTools;

	ToolsController(GeminiTemplate gemini, WeatherTools weatherTools, ClockTools clockTools) {
		this.geminiWithTools = gemini.withTools(weatherTools, clockTools);
	}

	@PostMapping("/tools")
	Mono<ToolsReply> tools(@RequestBody PromptRequest request) {
		return this.geminiWithTools.generateContent(GenerateContentRequest.of(request.requiredPrompt()))
			.map((response) -> new ToolsReply(response.text(), response.usageMetadata()));
	}

	record ToolsReply(String text, @Nullable UsageMetadata usage) {
	}

}
