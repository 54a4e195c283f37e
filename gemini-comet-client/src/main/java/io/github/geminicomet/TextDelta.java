package io.github.geminicomet;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;

import reactor.core.publisher.Flux;

import io.github.geminicomet.model.Candidate;
import io.github.geminicomet.model.Content;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.Part;

/**
 * A piece of streamed text, marked as the model's thinking or as its answer, so that a UI can render
 * them apart (a collapsible "thinking" panel above the answer, say). Thought deltas only arrive when the
 * request asks for them ({@code thinkingConfig.includeThoughts}).
 *
 * <pre class="code">
 * gemini.streamTextDeltas("gemini-3.5-flash-lite", request)
 *     .subscribe((delta) -&gt; (delta.isThought() ? thinkingPanel : answerPanel).append(delta.text()));
 * </pre>
 *
 * @param kind whether the text is thinking or answer
 * @param text the text, never empty
 * @author gemini-comet
 * @since 0.1.0
 * @see GeminiOperations#streamTextDeltas(String, io.github.geminicomet.model.GenerateContentRequest)
 */
public record TextDelta(Kind kind, String text) {

	public TextDelta {
		Assert.notNull(kind, "'kind' must not be null");
		Assert.notNull(text, "'text' must not be null");
	}

	/**
	 * Create a thought delta.
	 * @param text the text
	 * @return the delta
	 */
	public static TextDelta thought(String text) {
		return new TextDelta(Kind.THOUGHT, text);
	}

	/**
	 * Create an answer delta.
	 * @param text the text
	 * @return the delta
	 */
	public static TextDelta answer(String text) {
		return new TextDelta(Kind.ANSWER, text);
	}

	/**
	 * Return whether this delta is part of the model's thinking.
	 * @return whether the kind is {@link Kind#THOUGHT}
	 */
	public boolean isThought() {
		return this.kind == Kind.THOUGHT;
	}

	/**
	 * Return the text deltas of a response or of one stream event: the non-empty text parts of its
	 * first candidate, in order.
	 * @param response the response or stream event
	 * @return the deltas, never {@code null}
	 */
	public static List<TextDelta> of(GenerateContentResponse response) {
		Assert.notNull(response, "'response' must not be null");
		Candidate candidate = response.firstCandidate();
		Content content = (candidate != null) ? candidate.content() : null;
		if (content == null || content.parts() == null) {
			return List.of();
		}
		List<TextDelta> deltas = new ArrayList<>();
		for (Part part : content.parts()) {
			if (part.text() != null && !part.text().isEmpty()) {
				deltas.add(new TextDelta(part.isThought() ? Kind.THOUGHT : Kind.ANSWER, part.text()));
			}
		}
		return deltas;
	}

	/**
	 * Turn stream events into text deltas, signalling {@link GeminiBlockedContentException} for a blocked
	 * prompt or answer.
	 */
	static Flux<TextDelta> from(Flux<GenerateContentResponse> events) {
		return events.<List<TextDelta>>handle((event, sink) -> {
			if (event.isBlocked()) {
				sink.error(new GeminiBlockedContentException(event));
				return;
			}
			List<TextDelta> deltas = of(event);
			if (!deltas.isEmpty()) {
				sink.next(deltas);
			}
		}).concatMapIterable((deltas) -> deltas);
	}

	/**
	 * What a {@link TextDelta} is part of.
	 *
	 * @since 0.1.0
	 */
	public enum Kind {

		/**
		 * A summary of the model's thinking ({@code thought: true} parts).
		 */
		THOUGHT,

		/**
		 * The answer.
		 */
		ANSWER

	}

}
