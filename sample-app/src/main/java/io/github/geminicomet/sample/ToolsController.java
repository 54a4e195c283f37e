package io.github.geminicomet.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.FunctionResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.UsageMetadata;
import io.github.geminicomet.tool.GeminiTools;

/**
 * {@code POST /api/tools} with {@code {"prompt": "..."}}: function calling. The model may call the
 * {@code @GeminiTool} methods of {@link WeatherTools} and {@link ClockTools}; each round of calls runs
 * through {@link GeminiTools} (the manual mode of {@code gemini.withTools(...)}, which runs the same loop
 * for you), so that the answer can list every call with its arguments and result, for the page's
 * timeline.
 *
 * @author gemini-comet
 */
@RestController
@RequestMapping("/api")
@RegisterReflectionForBinding({ ToolsController.ToolsReply.class, ToolsController.Step.class })
class ToolsController {

	private static final int MAX_ROUNDS = 5;

	private final GeminiTemplate gemini;

	private final GeminiTools tools;

	ToolsController(GeminiTemplate gemini, WeatherTools weatherTools, ClockTools clockTools) {
		this.gemini = gemini;
		this.tools = GeminiTools.of(weatherTools, clockTools);
	}

	@PostMapping("/tools")
	Mono<ToolsReply> tools(@RequestBody PromptRequest request) {
		List<Content> history = List.of(Content.user(request.requiredPrompt()));
		return Mono.defer(() -> round(history, new ArrayList<>(), 1));
	}

	/**
	 * One request with the history so far; the calls it answers with run, and their results go back in
	 * the next round, until the model answers in words.
	 */
	private Mono<ToolsReply> round(List<Content> history, List<Step> steps, int round) {
		GenerateContentRequest request = GenerateContentRequest.builder()
			.contents(history)
			.addTool(this.tools.toTool())
			.build();
		return this.gemini.generateContent(request).flatMap((response) -> {
			List<FunctionCall> calls = response.functionCalls();
			if (calls.isEmpty() || round > MAX_ROUNDS) {
				return Mono.just(new ToolsReply(response.text(), steps, response.usageMetadata()));
			}
			return this.tools.respond(calls).flatMap((answers) -> {
				record(steps, calls, answers);
				List<Content> next = new ArrayList<>(history);
				next.add(modelTurn(response));
				next.add(answers);
				return round(next, steps, round + 1);
			});
		});
	}

	private static void record(List<Step> steps, List<FunctionCall> calls, Content answers) {
		List<FunctionResponse> results = ((answers.parts() != null) ? answers.parts() : List.<Part>of()).stream()
			.map(Part::functionResponse)
			.filter(Objects::nonNull)
			.toList();
		for (int i = 0; i < calls.size(); i++) {
			FunctionCall call = calls.get(i);
			FunctionResponse result = (i < results.size()) ? results.get(i) : null;
			steps.add(new Step(String.valueOf(call.name()), (call.args() != null) ? call.args() : Map.of(),
					(result != null) ? result.response() : null));
		}
	}

	/**
	 * The model's turn exactly as it came (thought signatures included), to send back.
	 */
	private static Content modelTurn(GenerateContentResponse response) {
		Candidate candidate = response.firstCandidate();
		return (candidate != null && candidate.content() != null) ? candidate.content()
				: new Content(Content.MODEL, List.of());
	}

	/**
	 * The answer, the function calls that led to it in order, and the token usage of the last request.
	 */
	record ToolsReply(String text, List<Step> calls, @Nullable UsageMetadata usage) {
	}

	/**
	 * One function call: which function, with which arguments, and what it returned.
	 */
	record Step(String name, Map<String, @Nullable Object> args, @Nullable Map<String, @Nullable Object> result) {
	}

}
