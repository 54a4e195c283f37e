package io.github.geminicomet.springai;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.FunctionCall;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.PromptFeedback;
import io.github.geminicomet.model.UsageMetadata;

/**
 * Gemini 3 style responses for the stub, built part by part (thought signatures, call ids).
 */
final class GeminiResponses {

	static final String MODEL = "gemini-3-pro-preview";

	private GeminiResponses() {
	}

	static Part call(@Nullable String id, String name, Map<String, @Nullable Object> args, @Nullable String signature) {
		return new Part(null, null, null, new FunctionCall(id, name, args), null, null, null, null, null, null, null,
				signature, null);
	}

	static Part text(String text, @Nullable String signature) {
		return new Part(text, null, null, null, null, null, null, null, null, null, null, signature, null);
	}

	static Part thought(String text) {
		return new Part(text, null, null, null, null, null, null, null, null, null, true, null, null);
	}

	static GenerateContentResponse answer(String text) {
		return event(FinishReason.STOP, text(text, null));
	}

	static GenerateContentResponse blocked(BlockReason reason) {
		return new GenerateContentResponse(null, new PromptFeedback(reason, null, null), null, MODEL, "response-1",
				null);
	}

	static GenerateContentResponse event(@Nullable FinishReason finishReason, Part... parts) {
		UsageMetadata usage = (finishReason != null)
				? new UsageMetadata(10, 4, 6, 2, 3, 21, null, null, null, null, null, null) : null;
		Candidate candidate = new Candidate(0, new Content(Content.MODEL, List.of(parts)), finishReason, null, null,
				null, null, null, null, null, null);
		return new GenerateContentResponse(List.of(candidate), null, usage, MODEL, "response-1", null);
	}

}
