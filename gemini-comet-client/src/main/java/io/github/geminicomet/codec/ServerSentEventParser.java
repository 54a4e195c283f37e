package io.github.geminicomet.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Incremental Server-Sent Events parser over raw {@link DataBuffer}s, one instance per stream. Frames
 * lines ending in LF, CRLF or CR (also when split across buffers), joins multi-line {@code data:}
 * fields with {@code \n}, ignores comments and other fields, and hands each complete event's data to a
 * {@link PayloadParser} straight from its byte array, so every event is parsed exactly once and no
 * intermediate strings are built.
 *
 * <p>Written by hand rather than using Spring's {@code ServerSentEventHttpMessageReader}: that reader
 * decodes each event into a {@code String} and a {@code ServerSentEvent} before a second JSON pass,
 * which costs several times the CPU per event on the streaming hot path.
 *
 * <p>For internal use by the client (public so that the benchmarks can measure it): not part of the
 * supported API, it may change in any release.
 *
 * @param <T> the type of decoded events
 * @author gemini-comet
 * @since 0.2.0
 */
public final class ServerSentEventParser<T> {

	/**
	 * First size of the two buffers (a line not complete yet, an event's data): they grow with the
	 * stream's largest buffer and event. Small, because every open stream holds them.
	 */
	private static final int INITIAL_CAPACITY = 512;

	private static final int DATA_FIELD_PREFIX = "data: ".length();

	/** A byte array read as little-endian longs: byte {@code i} of the array is byte {@code i} of the word. */
	private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long LINE_FEEDS = 0x0A0A0A0A0A0A0A0AL;

	private static final long CARRIAGE_RETURNS = 0x0D0D0D0D0D0D0D0DL;

	private final PayloadParser<T> payloadParser;

	private final int maxEventSize;

	private byte[] pending = new byte[INITIAL_CAPACITY];

	private int pendingLength;

	private byte[] data = new byte[INITIAL_CAPACITY];

	private int dataLength;

	private boolean hasData;

	private boolean skipLineFeed;

	/**
	 * Create a parser for one stream.
	 * @param payloadParser the parser of each event's data
	 * @param maxEventSize the largest event's data, in bytes
	 */
	public ServerSentEventParser(PayloadParser<T> payloadParser, int maxEventSize) {
		this.payloadParser = payloadParser;
		this.maxEventSize = maxEventSize;
	}

	/**
	 * Feed the next buffer of the stream and return the events it completed. The buffer is read
	 * but not released.
	 * @param buffer the buffer
	 * @return the completed events, often none or one
	 */
	public List<T> feed(DataBuffer buffer) {
		int count = buffer.readableByteCount();
		if (count == 0) {
			return List.of();
		}
		int scanFrom = this.pendingLength;
		ensurePendingCapacity(this.pendingLength + count);
		buffer.read(this.pending, this.pendingLength, count);
		int end = this.pendingLength + count;
		int lineStart = 0;
		if (this.skipLineFeed) {
			this.skipLineFeed = false;
			if (this.pending[0] == '\n') {
				lineStart = 1;
				scanFrom = 1;
			}
		}
		List<T> events = null;
		byte[] bytes = this.pending;
		for (int i = lineEnd(bytes, scanFrom, end); i < end; i = lineEnd(bytes, i + 1, end)) {
			byte b = bytes[i];
			events = processLine(bytes, lineStart, i, events);
			if (b == '\r') {
				if (i + 1 < end) {
					if (bytes[i + 1] == '\n') {
						i++;
					}
				}
				else {
					this.skipLineFeed = true;
				}
			}
			lineStart = i + 1;
		}
		int remaining = end - lineStart;
		// an unterminated line holds its field name too: "data: " plus at most maxEventSize bytes of data
		if (remaining > (long) this.maxEventSize + DATA_FIELD_PREFIX) {
			throw new EventTooLargeException(this.maxEventSize);
		}
		if (remaining > 0 && lineStart > 0) {
			System.arraycopy(bytes, lineStart, bytes, 0, remaining);
		}
		this.pendingLength = remaining;
		return (events != null) ? events : List.of();
	}

	/**
	 * Signal the end of the stream and return the last event if it was not followed by a blank line.
	 * @return the last event, if any
	 */
	public List<T> finish() {
		List<T> events = null;
		if (this.pendingLength > 0) {
			events = processLine(this.pending, 0, this.pendingLength, null);
			this.pendingLength = 0;
		}
		events = dispatch(events);
		return (events != null) ? events : List.of();
	}

	private @Nullable List<T> processLine(byte[] bytes, int start, int end, @Nullable List<T> events) {
		if (start == end) {
			return dispatch(events);
		}
		if (end - start >= 4 && bytes[start] == 'd' && bytes[start + 1] == 'a' && bytes[start + 2] == 't'
				&& bytes[start + 3] == 'a') {
			int valueStart = start + 4;
			if (valueStart < end) {
				if (bytes[valueStart] != ':') {
					return events; // another field whose name starts with "data"
				}
				valueStart++;
				if (valueStart < end && bytes[valueStart] == ' ') {
					valueStart++;
				}
			}
			appendData(bytes, valueStart, end - valueStart);
		}
		// comments (":") and the event, id and retry fields carry nothing Gemini needs
		return events;
	}

	private void appendData(byte[] bytes, int offset, int length) {
		int separator = this.hasData ? 1 : 0;
		int required = this.dataLength + separator + length;
		if (required > this.maxEventSize) {
			throw new EventTooLargeException(this.maxEventSize);
		}
		if (required > this.data.length) {
			this.data = grow(this.data, this.dataLength, required);
		}
		if (separator == 1) {
			this.data[this.dataLength++] = '\n';
		}
		System.arraycopy(bytes, offset, this.data, this.dataLength, length);
		this.dataLength += length;
		this.hasData = true;
	}

	private @Nullable List<T> dispatch(@Nullable List<T> events) {
		if (!this.hasData) {
			return events;
		}
		int length = this.dataLength;
		this.hasData = false;
		this.dataLength = 0;
		T event = this.payloadParser.parse(this.data, length);
		if (event == null) {
			return events;
		}
		if (events == null) {
			// most buffers complete one event: no array for it
			return List.of(event);
		}
		List<T> result = (events.size() == 1 && !(events instanceof ArrayList)) ? new ArrayList<>(events) : events;
		result.add(event);
		return result;
	}

	/**
	 * The index of the first CR or LF in {@code bytes} from {@code from}, or {@code end} if there is none
	 * before it. Eight bytes at a time: an event's data is one long line (JSON escapes line breaks inside
	 * strings), and testing each of its bytes twice was the framing's main cost.
	 */
	static int lineEnd(byte[] bytes, int from, int end) {
		int i = from;
		for (; i + Long.BYTES <= end; i += Long.BYTES) {
			long word = (long) WORDS.get(bytes, i);
			long found = zeroBytes(word ^ LINE_FEEDS) | zeroBytes(word ^ CARRIAGE_RETURNS);
			if (found != 0) {
				// the lowest flagged byte is always a real match (a false flag needs a real zero below it)
				return i + (Long.numberOfTrailingZeros(found) >>> 3);
			}
		}
		for (; i < end; i++) {
			byte b = bytes[i];
			if (b == '\n' || b == '\r') {
				return i;
			}
		}
		return end;
	}

	/** The high bit set in each byte of the result whose byte in {@code word} is zero (and maybe above one). */
	private static long zeroBytes(long word) {
		return (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
	}

	private void ensurePendingCapacity(int required) {
		if (required > this.pending.length) {
			this.pending = grow(this.pending, this.pendingLength, required);
		}
	}

	private static byte[] grow(byte[] array, int used, int required) {
		int capacity = Math.max(required, (int) Math.min(Integer.MAX_VALUE - 8, array.length * 2L));
		byte[] grown = new byte[capacity];
		System.arraycopy(array, 0, grown, 0, used);
		return grown;
	}

	/**
	 * Parses the data of one complete event.
	 *
	 * @param <T> the type of decoded events
	 */
	@FunctionalInterface
	public interface PayloadParser<T> {

		/**
		 * Parse the event's data, held in {@code bytes[0..length)}; the array is reused afterwards.
		 * @param bytes the data
		 * @param length the number of bytes of data
		 * @return the event, or {@code null} to skip it
		 */
		@Nullable T parse(byte[] bytes, int length);

	}

	/**
	 * Thrown when one event or line is larger than the limit.
	 */
	public static final class EventTooLargeException extends RuntimeException {

		EventTooLargeException(int maxEventSize) {
			super("A server-sent event exceeded the limit of " + maxEventSize + " bytes");
		}

	}

}
