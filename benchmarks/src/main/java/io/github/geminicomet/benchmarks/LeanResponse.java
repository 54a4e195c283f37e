package io.github.geminicomet.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * What the lean floor keeps of a {@code generateContent} answer or stream event: only what a caller of
 * {@code text()} needs (the first candidate's non-thought and thought text, its finish reason, and the
 * usage counts), in a plain final class; a count the answer left out is 0.
 */
final class LeanResponse {

	private final String text;

	private final String thoughtText;

	private final @Nullable String finishReason;

	private final int promptTokenCount;

	private final int candidatesTokenCount;

	private final int totalTokenCount;

	private final int thoughtsTokenCount;

	LeanResponse(String text, String thoughtText, @Nullable String finishReason, int promptTokenCount,
			int candidatesTokenCount, int totalTokenCount, int thoughtsTokenCount) {
		this.text = text;
		this.thoughtText = thoughtText;
		this.finishReason = finishReason;
		this.promptTokenCount = promptTokenCount;
		this.candidatesTokenCount = candidatesTokenCount;
		this.totalTokenCount = totalTokenCount;
		this.thoughtsTokenCount = thoughtsTokenCount;
	}

	/** The first candidate's non-thought text parts, joined; empty when there is none. */
	String text() {
		return this.text;
	}

	/** The first candidate's thought text parts, joined; empty when there is none. */
	String thoughtText() {
		return this.thoughtText;
	}

	/** The first candidate's finish reason as sent, or {@code null}. */
	@Nullable String finishReason() {
		return this.finishReason;
	}

	int promptTokenCount() {
		return this.promptTokenCount;
	}

	int candidatesTokenCount() {
		return this.candidatesTokenCount;
	}

	int totalTokenCount() {
		return this.totalTokenCount;
	}

	int thoughtsTokenCount() {
		return this.thoughtsTokenCount;
	}

	/** Strings joined without a builder for the usual single part. */
	static final class Joined {

		private @Nullable String first;

		private @Nullable StringBuilder more;

		void add(String value) {
			if (this.first == null) {
				this.first = value;
			}
			else {
				if (this.more == null) {
					this.more = new StringBuilder(this.first);
				}
				this.more.append(value);
			}
		}

		String value() {
			if (this.more != null) {
				return this.more.toString();
			}
			return (this.first != null) ? this.first : "";
		}

	}

}
