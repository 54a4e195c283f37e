package io.github.geminicomet;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

import io.github.geminicomet.codec.ResponseReader;
import io.github.geminicomet.codec.ServerSentEventParser;
import io.github.geminicomet.model.GenerateContentResponse;

/**
 * Decodes a stream of server-sent events into responses as they arrive: frames the events straight off
 * the data buffers, parses each event's JSON once, skips {@code [DONE]}, turns an {@code error} event
 * into a {@link GeminiResponseException}, and signals a stream that ends without a finish reason as
 * incomplete.
 */
final class GeminiEventStreamDecoder {

	private static final int PREFETCH = 8;

	private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ERROR_KEY = "\"error\"".getBytes(StandardCharsets.US_ASCII);

	private final ResponseReader responseReader;

	private final GeminiErrorDecoder errorDecoder;

	private final int maxEventSize;

	GeminiEventStreamDecoder(ResponseReader responseReader, GeminiErrorDecoder errorDecoder, int maxEventSize) {
		this.responseReader = responseReader;
		this.errorDecoder = errorDecoder;
		this.maxEventSize = maxEventSize;
	}

	Flux<GenerateContentResponse> decode(Flux<DataBuffer> body, StreamState state, HttpStatusCode status) {
		// one operator frames, parses and checks the events, releasing each buffer exactly once; a failure
		// (error event, invalid JSON, event too large) reaches the subscriber after the events read before
		// it, as it would had they come in an earlier buffer; for a subscriber that limits its demand a few
		// buffers are requested ahead (not Reactor's 256), since every open stream may hold their events
		return new DecodedEventStream<>(body, () -> new Decoding(state, status), PREFETCH);
	}

	private @Nullable GenerateContentResponse parseEventUnlessFailed(ResponseReader.Session events, byte[] bytes,
			int length, StreamState state) {
		if (state.hasFailed()) {
			return null;
		}
		try {
			return parseEvent(events, bytes, length, state);
		}
		catch (RuntimeException ex) {
			state.fail(ex);
			return null;
		}
	}

	private @Nullable GenerateContentResponse parseEvent(ResponseReader.Session events, byte[] bytes, int length,
			StreamState state) {
		int start = 0;
		while (start < length && isWhitespace(bytes[start])) {
			start++;
		}
		if (start == length || isDone(bytes, start, length)) {
			return null;
		}
		if (isErrorObject(bytes, start, length)) {
			throw this.errorDecoder.decodeEvent(new String(bytes, 0, length, StandardCharsets.UTF_8), state.uri());
		}
		GenerateContentResponse event = events.read(bytes, start, length - start);
		state.onEvent(event);
		return event;
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}

	private static boolean isDone(byte[] bytes, int start, int length) {
		int end = length;
		while (end > start && isWhitespace(bytes[end - 1])) {
			end--;
		}
		return end - start == DONE.length && startsWith(bytes, start, DONE);
	}

	/**
	 * Whether the event is an object whose first key is {@code "error"}: how Gemini reports an error
	 * after a stream has begun. Checked on the bytes so normal events are parsed only once.
	 */
	private static boolean isErrorObject(byte[] bytes, int start, int length) {
		if (bytes[start] != '{') {
			return false;
		}
		int i = start + 1;
		while (i < length && isWhitespace(bytes[i])) {
			i++;
		}
		return length - i >= ERROR_KEY.length && startsWith(bytes, i, ERROR_KEY);
	}

	private static boolean startsWith(byte[] bytes, int start, byte[] prefix) {
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[start + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The decoding of one body: SSE framing, one parse per event, the HTML page sent instead of events,
	 * and the check that the stream finished.
	 */
	private final class Decoding implements DecodedEventStream.Decoder<GenerateContentResponse> {

		private final StreamState state;

		private final HttpStatusCode status;

		private final ServerSentEventParser<GenerateContentResponse> parser;

		Decoding(StreamState state, HttpStatusCode status) {
			this.state = state;
			this.status = status;
			ResponseReader.Session events = GeminiEventStreamDecoder.this.responseReader.session();
			this.parser = new ServerSentEventParser<>(
					(bytes, length) -> parseEventUnlessFailed(events, bytes, length, state),
					GeminiEventStreamDecoder.this.maxEventSize);
		}

		@Override
		public List<GenerateContentResponse> decode(DataBuffer buffer) {
			try {
				return this.state.collectsPage(buffer) ? List.of() : this.parser.feed(buffer);
			}
			catch (RuntimeException ex) {
				this.state.fail(ex);
				return List.of();
			}
		}

		@Override
		public List<GenerateContentResponse> finish() {
			String page = this.state.page();
			if (page != null) {
				this.state.fail(new GeminiMalformedResponseException(HtmlPages.answeredInsteadOfJson(this.status, page),
						HttpMethod.POST, this.state.uri(), null));
				return List.of();
			}
			List<GenerateContentResponse> events;
			try {
				events = this.parser.finish();
			}
			catch (RuntimeException ex) {
				this.state.fail(ex);
				return List.of();
			}
			this.state.checkComplete();
			return events;
		}

		@Override
		public @Nullable RuntimeException failure() {
			return this.state.failure();
		}

	}

}
