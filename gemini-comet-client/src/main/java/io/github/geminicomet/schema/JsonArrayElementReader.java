package io.github.geminicomet.schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.util.TokenBuffer;

import org.springframework.util.Assert;

/**
 * Reads the elements of a JSON array from text that arrives in pieces, such as the text deltas of
 * a streamed Gemini answer: each element is built the moment its last token arrives, once, from the
 * tokens of Jackson's non-blocking parser; the text is never re-parsed. Pieces may split anything:
 * strings, escapes ({@code \"}, {@code \\}, {@code \u00e9}), numbers, or a surrogate pair.
 *
 * <p>Not thread-safe: one reader per stream. Memory use is bounded by the largest element: only the
 * text since the last element is kept (for error reporting, see {@link #pendingText()}).
 *
 * @param <T> the element type
 * @author gemini-comet
 * @since 0.1.0
 */
public final class JsonArrayElementReader<T> {

	private final JsonParser parser;

	private final ByteArrayFeeder feeder;

	private final ObjectReader elementReader;

	private TokenBuffer tokens;

	private int depth;

	private boolean started;

	private boolean ended;

	private char pendingHighSurrogate;

	private byte[] pending = new byte[256];

	private int pendingLength;

	private long pendingStart;

	/**
	 * Create a reader of the elements of a JSON array.
	 * @param mapper the mapper that reads the elements
	 * @param elementType the type of the elements
	 */
	public JsonArrayElementReader(ObjectMapper mapper, JavaType elementType) {
		Assert.notNull(mapper, "'mapper' must not be null");
		Assert.notNull(elementType, "'elementType' must not be null");
		this.parser = mapper.createNonBlockingByteArrayParser();
		this.feeder = (ByteArrayFeeder) this.parser.nonBlockingInputFeeder();
		this.elementReader = mapper.readerFor(elementType);
		this.tokens = newTokenBuffer();
	}

	/**
	 * Feed the next piece of text.
	 * @param text the piece, possibly empty
	 * @return the elements completed by this piece, in order
	 * @throws JacksonException if the text is not a JSON array or an element does not match the type
	 */
	public List<T> feed(String text) {
		if (text.isEmpty()) {
			return List.of();
		}
		String piece = text;
		if (this.pendingHighSurrogate != 0) {
			piece = this.pendingHighSurrogate + piece;
			this.pendingHighSurrogate = 0;
		}
		if (Character.isHighSurrogate(piece.charAt(piece.length() - 1))) {
			// the rest of the character comes with the next piece
			this.pendingHighSurrogate = piece.charAt(piece.length() - 1);
			piece = piece.substring(0, piece.length() - 1);
		}
		byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
		return feed(bytes, 0, bytes.length);
	}

	/**
	 * Feed the next piece of UTF-8 bytes.
	 * @param bytes the bytes
	 * @param offset the offset of the piece in {@code bytes}
	 * @param length the length of the piece
	 * @return the elements completed by this piece, in order
	 * @throws JacksonException if the text is not a JSON array or an element does not match the type
	 */
	public List<T> feed(byte[] bytes, int offset, int length) {
		if (length == 0) {
			return List.of();
		}
		keep(bytes, offset, length);
		this.feeder.feedInput(bytes, offset, offset + length);
		return drain();
	}

	/**
	 * Signal the end of the text.
	 * @return the elements completed by the end of input (a top-level number, for example)
	 * @throws JacksonException if the text is not valid JSON
	 * @throws IllegalStateException if the array is not complete
	 */
	public List<T> finish() {
		if (this.pendingHighSurrogate != 0) {
			byte[] bytes = String.valueOf(this.pendingHighSurrogate).getBytes(StandardCharsets.UTF_8);
			this.pendingHighSurrogate = 0;
			keep(bytes, 0, bytes.length);
			this.feeder.feedInput(bytes, 0, bytes.length);
		}
		this.feeder.endOfInput();
		List<T> elements;
		try {
			elements = drain();
		}
		catch (UnexpectedEndOfInputException ex) {
			throw new IllegalStateException("the JSON array is incomplete", ex);
		}
		if (!this.ended) {
			throw new IllegalStateException(
					this.started ? "the JSON array is incomplete" : "the answer is empty, expected a JSON array");
		}
		return elements;
	}

	/**
	 * Return whether the closing bracket of the array arrived.
	 * @return whether the array is complete
	 */
	public boolean isComplete() {
		return this.ended;
	}

	/**
	 * Return the text received since the last element completed (or since the start).
	 * @return the pending text
	 */
	public String pendingText() {
		String text = new String(this.pending, 0, this.pendingLength, StandardCharsets.UTF_8);
		return (this.pendingHighSurrogate != 0) ? text + this.pendingHighSurrogate : text;
	}

	private List<T> drain() {
		List<T> elements = new ArrayList<>();
		JsonToken token;
		while ((token = this.parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
			if (this.ended) {
				throw new IllegalStateException("unexpected " + describe(token) + " after the end of the JSON array");
			}
			if (!this.started) {
				if (token != JsonToken.START_ARRAY) {
					throw new IllegalStateException("expected a JSON array but the answer starts with " + describe(token));
				}
				this.started = true;
				continue;
			}
			if (this.depth == 0 && token == JsonToken.END_ARRAY) {
				this.ended = true;
				discardUntil(this.parser.currentLocation().getByteOffset());
				continue;
			}
			this.tokens.copyCurrentEvent(this.parser);
			if (token.isStructStart()) {
				this.depth++;
			}
			else if (token.isStructEnd()) {
				this.depth--;
			}
			if (this.depth == 0 && (token.isStructEnd() || token.isScalarValue())) {
				elements.add(read(this.tokens));
				this.tokens = newTokenBuffer();
				discardUntil(this.parser.currentLocation().getByteOffset());
			}
		}
		return elements;
	}

	private T read(TokenBuffer buffer) {
		try (JsonParser elementParser = buffer.asParser()) {
			return this.elementReader.readValue(elementParser);
		}
	}

	private TokenBuffer newTokenBuffer() {
		return TokenBuffer.forBuffering(this.parser, this.parser.objectReadContext());
	}

	private static String describe(JsonToken token) {
		return switch (token) {
			case START_OBJECT -> "'{'";
			case END_OBJECT -> "'}'";
			case START_ARRAY -> "'['";
			case END_ARRAY -> "']'";
			default -> token.isScalarValue() ? "a value" : token.name();
		};
	}

	private void keep(byte[] bytes, int offset, int length) {
		if (this.pendingLength + length > this.pending.length) {
			this.pending = Arrays.copyOf(this.pending, Math.max(this.pending.length * 2, this.pendingLength + length));
		}
		System.arraycopy(bytes, offset, this.pending, this.pendingLength, length);
		this.pendingLength += length;
	}

	private void discardUntil(long offset) {
		int drop = (int) Math.min(this.pendingLength, Math.max(0, offset - this.pendingStart));
		System.arraycopy(this.pending, drop, this.pending, 0, this.pendingLength - drop);
		this.pendingLength -= drop;
		this.pendingStart += drop;
	}

}
