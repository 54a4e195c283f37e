package io.github.geminicomet.quota;

/**
 * How a generate call estimates the tokens it reserves in the quota before it is sent; the answer's
 * {@code usageMetadata} settles the difference either way.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public enum TokenEstimate {

	/**
	 * A quarter of the request's JSON bytes, about what Gemini's tokenizer makes of text: no extra call.
	 */
	REQUEST_SIZE,

	/**
	 * The prompt's {@code totalTokens} from the model's {@code countTokens}, asked before the call (one
	 * more round trip), plus the request's {@code maxOutputTokens} when it sets one. When
	 * {@code countTokens} fails, the call falls back to {@link #REQUEST_SIZE}.
	 */
	COUNT_TOKENS

}
