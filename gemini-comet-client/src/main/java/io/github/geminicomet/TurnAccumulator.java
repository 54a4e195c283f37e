package io.github.geminicomet;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.Part;

/**
 * Aggregates the parts of a streamed answer into the one model turn to keep in a conversation.
 * Consecutive text deltas of the same kind (thought or answer) are merged into one part; a delta that
 * carries a {@code thoughtSignature} starts a new part, so every signature is kept, on the text it came
 * with; an empty text part that carries a signature (the trailer Gemini sends at the end of a stream)
 * is kept as it is; every other part (function calls, code, media) is kept unchanged and in order. Not
 * thread-safe: one per stream subscription. Used by {@link GeminiChat} and by the function-calling loop
 * ({@code io.github.geminicomet.tool}).
 *
 * @author gemini-comet
 * @since 0.1.0
 */
final class TurnAccumulator {

	private final List<Part> parts = new ArrayList<>();

	private @Nullable StringBuilder text;

	private boolean thought;

	private @Nullable String signature;

	/**
	 * Create an empty accumulator, for one stream.
	 */
	TurnAccumulator() {
	}

	/**
	 * Add the parts of the first candidate of a stream event.
	 * @param event the event
	 */
	public void add(GenerateContentResponse event) {
		Candidate candidate = event.firstCandidate();
		Content content = (candidate != null) ? candidate.content() : null;
		if (content == null || content.parts() == null) {
			return;
		}
		for (Part part : content.parts()) {
			add(part);
		}
	}

	void add(Part part) {
		if (!isPlainText(part)) {
			flush();
			this.parts.add(part);
			return;
		}
		String delta = part.text();
		String partSignature = part.thoughtSignature();
		if (delta.isEmpty()) {
			if (partSignature != null) {
				flush();
				this.parts.add(part);
			}
			return;
		}
		if (this.text == null || partSignature != null || part.isThought() != this.thought) {
			flush();
			this.text = new StringBuilder();
			this.thought = part.isThought();
			this.signature = partSignature;
		}
		this.text.append(delta);
	}

	/**
	 * Return the aggregated turn.
	 * @return the model turn, or {@code null} when no part arrived
	 */
	public @Nullable Content toContent() {
		flush();
		return this.parts.isEmpty() ? null : new Content(Content.MODEL, this.parts);
	}

	private void flush() {
		if (this.text != null) {
			this.parts.add(new Part(this.text.toString(), null, null, null, null, null, null, null, null, null,
					this.thought ? Boolean.TRUE : null, this.signature, null));
			this.text = null;
			this.signature = null;
		}
	}

	/**
	 * Whether the part is text and nothing else but the thought flag and signature.
	 */
	private static boolean isPlainText(Part part) {
		return part.text() != null && part.inlineData() == null && part.fileData() == null
				&& part.functionCall() == null && part.functionResponse() == null && part.executableCode() == null
				&& part.codeExecutionResult() == null && part.toolCall() == null && part.toolResponse() == null
				&& part.videoMetadata() == null && part.partMetadata() == null;
	}

}
