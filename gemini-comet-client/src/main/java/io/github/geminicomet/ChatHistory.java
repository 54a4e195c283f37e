package io.github.geminicomet;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.geminicomet.model.Content;

/**
 * An immutable snapshot of a conversation: the turns of a {@link GeminiChat}, oldest first, with every
 * part exactly as the model sent it ({@code thoughtSignature}s included, which Gemini 3 requires back).
 * Serialize it with the template's {@link GeminiTemplate#getJsonMapper() JsonMapper} (as
 * {@code {"contents": [...]}}) to store a conversation, and read it back to resume it.
 *
 * @param contents the turns, oldest first
 * @author gemini-comet
 * @since 0.1.0
 */
public record ChatHistory(List<Content> contents) {

	private static final ChatHistory EMPTY = new ChatHistory(List.of());

	public ChatHistory(@Nullable List<Content> contents) {
		this.contents = (contents != null) ? List.copyOf(contents) : List.of();
	}

	/**
	 * Return an empty history.
	 * @return the empty history
	 */
	public static ChatHistory empty() {
		return EMPTY;
	}

	/**
	 * Create a history from the given turns.
	 * @param contents the turns, oldest first
	 * @return the history
	 */
	public static ChatHistory of(Content... contents) {
		return new ChatHistory(List.of(contents));
	}

	/**
	 * Return a new history with the given turns appended.
	 * @param turns the turns to append
	 * @return the new history
	 */
	public ChatHistory append(Content... turns) {
		Assert.noNullElements(turns, "'turns' must not contain null elements");
		List<Content> appended = new ArrayList<>(this.contents);
		appended.addAll(List.of(turns));
		return new ChatHistory(appended);
	}

	/**
	 * Return the number of turns.
	 * @return the number of turns
	 */
	public int size() {
		return this.contents.size();
	}

	/**
	 * Return the latest turn.
	 * @return the last turn, or {@code null} when the history is empty
	 */
	public @Nullable Content last() {
		return this.contents.isEmpty() ? null : this.contents.get(this.contents.size() - 1);
	}

}
