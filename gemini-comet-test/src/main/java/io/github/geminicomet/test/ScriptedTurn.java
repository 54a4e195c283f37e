package io.github.geminicomet.test;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.GroundingMetadata;
import io.github.geminicomet.model.Part;
import io.github.geminicomet.model.PromptFeedback;
import io.github.geminicomet.model.UsageMetadata;

/**
 * The model's turn of a {@link ScriptedAnswer}, rendered as one unary response or as the events of a stream.
 */
final class ScriptedTurn {

	private final List<Part> thoughts;

	private final List<Part> parts;

	private final @Nullable GroundingMetadata grounding;

	private final @Nullable UsageMetadata usage;

	private final FinishReason finishReason;

	private final @Nullable BlockReason blockReason;

	private final int chunkSize;

	ScriptedTurn(List<Part> thoughts, List<Part> parts, @Nullable GroundingMetadata grounding,
			@Nullable UsageMetadata usage, FinishReason finishReason, @Nullable BlockReason blockReason,
			int chunkSize) {
		this.thoughts = List.copyOf(thoughts);
		this.parts = List.copyOf(parts);
		this.grounding = grounding;
		this.usage = usage;
		this.finishReason = finishReason;
		this.blockReason = blockReason;
		this.chunkSize = chunkSize;
	}

	/**
	 * The unary response: thoughts joined in one part, consecutive text chunks joined.
	 */
	GenerateContentResponse response(RecordedRequest request, String responseId) {
		List<Part> merged = new ArrayList<>();
		if (!this.thoughts.isEmpty()) {
			merged.add(thought(join(this.thoughts)));
		}
		StringBuilder text = null;
		for (Part part : this.parts) {
			if (part.text() != null) {
				text = (text != null) ? text.append(part.text()) : new StringBuilder(part.text());
				continue;
			}
			if (text != null) {
				merged.add(Part.text(text.toString()));
				text = null;
			}
			merged.add(part);
		}
		if (text != null) {
			merged.add(Part.text(text.toString()));
		}
		return event(merged, true, request, responseId);
	}

	/**
	 * The stream: one event per chunk, the last one with finish reason, usage and grounding.
	 */
	List<GenerateContentResponse> events(RecordedRequest request, String responseId) {
		List<List<Part>> chunks = new ArrayList<>();
		this.thoughts.forEach((part) -> chunks.add(List.of(part)));
		if (this.chunkSize > 0) {
			String text = join(this.parts);
			for (int i = 0; i < text.length(); i += this.chunkSize) {
				chunks.add(List.of(Part.text(text.substring(i, Math.min(text.length(), i + this.chunkSize)))));
			}
			this.parts.stream().filter((part) -> part.text() == null).forEach((part) -> chunks.add(List.of(part)));
		}
		else {
			this.parts.forEach((part) -> chunks.add(List.of(part)));
		}
		if (chunks.isEmpty()) {
			return List.of(event(List.of(), true, request, responseId));
		}
		List<GenerateContentResponse> events = new ArrayList<>();
		for (int i = 0; i < chunks.size(); i++) {
			events.add(event(chunks.get(i), i == chunks.size() - 1, request, responseId));
		}
		return events;
	}

	private GenerateContentResponse event(List<Part> parts, boolean last, RecordedRequest request, String responseId) {
		String model = request.model();
		if (this.blockReason != null) {
			return new GenerateContentResponse(null, new PromptFeedback(this.blockReason, null, null),
					usage(request), model, responseId, null);
		}
		Candidate candidate = new Candidate(0, new Content(Content.MODEL, parts), last ? this.finishReason : null,
				null, null, null, null, last ? this.grounding : null, null, null, null);
		return new GenerateContentResponse(List.of(candidate), null, last ? usage(request) : null, model, responseId,
				null);
	}

	private UsageMetadata usage(RecordedRequest request) {
		if (this.usage != null) {
			return this.usage;
		}
		int prompt = Math.max(1, tokens(request.allText()));
		int candidates = tokens(join(this.parts));
		for (Part part : this.parts) {
			if (part.functionCall() != null) {
				candidates += tokens(part.functionCall().name() + part.functionCall().args());
			}
			if (part.inlineData() != null) {
				candidates += 1290; // what Gemini counts for one generated image
			}
		}
		int thoughtTokens = tokens(join(this.thoughts));
		return new UsageMetadata(prompt, null, candidates, null, (thoughtTokens > 0) ? thoughtTokens : null,
				prompt + candidates + thoughtTokens, null, null, null, null, null, null);
	}

	/**
	 * The text of the given parts, joined.
	 */
	static String join(List<Part> parts) {
		StringBuilder text = new StringBuilder();
		parts.stream().filter((part) -> part.text() != null).forEach((part) -> text.append(part.text()));
		return text.toString();
	}

	private static Part thought(String text) {
		return new Part(text, null, null, null, null, null, null, null, null, null, Boolean.TRUE, null, null);
	}

	/**
	 * A rough token count: about four characters a token, as Google documents for English.
	 */
	static int tokens(String text) {
		return (text.isBlank()) ? 0 : Math.max(1, (text.strip().length() + 3) / 4);
	}

}
