package io.github.geminicomet.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static io.github.geminicomet.TemplateFixtures.CR;
import static io.github.geminicomet.TemplateFixtures.CRLF;
import static io.github.geminicomet.TemplateFixtures.LF;
import static io.github.geminicomet.TemplateFixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ServerSentEventParser}.
 */
class ServerSentEventParserTests {

	private static final int NO_LIMIT = 1024 * 1024;

	/** The data of the events of {@code stream/framing.sse}, as the parser must hand them over. */
	private static final List<String> FRAMING_EVENTS = List.of(
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Café\"}],\"role\":\"model\"},\"index\":0}]}",
			"{\"candidates\":[{\"content\":\n{\"parts\":[{\"text\":\" com leite 🥛\"}],\"role\":\"model\"},\"index\":0}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"!\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}]}",
			"[DONE]");

	@ParameterizedTest
	@ValueSource(strings = { CRLF, LF, CR })
	void feedInOneBufferEmitsEventsInOrderIgnoringCommentsAndOtherFields(String lineEnding) {
		byte[] stream = bytes(sse("framing.sse", lineEnding));
		assertThat(parse(NO_LIMIT, stream.length, stream)).containsExactlyElementsOf(FRAMING_EVENTS);
	}

	@ParameterizedTest
	@ValueSource(strings = { CRLF, LF, CR })
	void feedSplitIntoTwoBuffersAtEveryBytePositionEmitsTheSameEvents(String lineEnding) {
		byte[] stream = bytes(sse("framing.sse", lineEnding));
		for (int split = 0; split <= stream.length; split++) {
			List<String> events = parse(NO_LIMIT, List.of(Arrays.copyOfRange(stream, 0, split),
					Arrays.copyOfRange(stream, split, stream.length)));
			assertThat(events).as("split at byte %d", split).containsExactlyElementsOf(FRAMING_EVENTS);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { CRLF, LF, CR })
	void feedOneBytePerBufferEmitsTheSameEvents(String lineEnding) {
		byte[] stream = bytes(sse("framing.sse", lineEnding));
		assertThat(parse(NO_LIMIT, 1, stream)).containsExactlyElementsOf(FRAMING_EVENTS);
	}

	@ParameterizedTest
	@ValueSource(strings = { CRLF, LF, CR })
	void recordedShapeSplitAtEveryBytePositionKeepsMultiByteCharactersIntact(String lineEnding) {
		byte[] stream = bytes(sse("text.sse", lineEnding));
		List<String> expected = parse(NO_LIMIT, stream.length, stream);
		assertThat(expected).hasSize(3);
		assertThat(expected.get(1)).contains(" hold hands – café ☕ 🦦");
		for (int split = 0; split <= stream.length; split++) {
			List<String> events = parse(NO_LIMIT, List.of(Arrays.copyOfRange(stream, 0, split),
					Arrays.copyOfRange(stream, split, stream.length)));
			assertThat(events).as("split at byte %d", split).isEqualTo(expected);
		}
		assertThat(parse(NO_LIMIT, 1, stream)).isEqualTo(expected);
	}

	@Test
	void feedReturnsEachEventAsSoonAsItsBlankLineArrives() {
		ServerSentEventParser<String> parser = parser(NO_LIMIT);
		assertThat(feed(parser, "data: one\r\n")).isEmpty();
		assertThat(feed(parser, "\r\n")).containsExactly("one");
		assertThat(feed(parser, "data: two\n\ndata: thr")).containsExactly("two");
		assertThat(feed(parser, "ee\n\n")).containsExactly("three");
		assertThat(parser.finish()).isEmpty();
	}

	@Test
	void multiLineDataIsJoinedWithLineFeed() {
		ServerSentEventParser<String> parser = parser(NO_LIMIT);
		assertThat(feed(parser, "data: first\r\ndata:second\rdata:  third\n\n")).containsExactly("first\nsecond\n third");
	}

	@Test
	void commentsAndEventIdRetryAndUnknownFieldsAreIgnored() {
		String stream = ": keep-alive\n\nevent: update\nid: 7\nretry: 10\ndatum: no\ndataset: no\ndata: yes\n\n:only a comment\n\n";
		assertThat(parse(NO_LIMIT, 5, bytes(stream))).containsExactly("yes");
	}

	@Test
	void blankLinesWithoutDataDispatchNothing() {
		assertThat(parse(NO_LIMIT, 3, bytes("\n\n\r\n\r\r\n"))).isEmpty();
	}

	@Test
	void dataFieldWithoutColonIsAnEmptyLineOfData() {
		assertThat(parse(NO_LIMIT, 100, bytes("data\ndata: x\n\n"))).containsExactly("\nx");
	}

	@ParameterizedTest
	@ValueSource(strings = { "data: last", "data: last\n", "data: last\r\n", "data: last\r" })
	void lastEventWithoutTrailingBlankLineIsEmittedByFinish(String stream) {
		ServerSentEventParser<String> parser = parser(NO_LIMIT);
		assertThat(feed(parser, "data: first\n\n" + stream)).containsExactly("first");
		assertThat(parser.finish()).containsExactly("last");
	}

	@Test
	void crAtEndOfBufferFollowedByLfInNextBufferIsOneLineEnd() {
		ServerSentEventParser<String> parser = parser(NO_LIMIT);
		assertThat(feed(parser, "data: a\r")).isEmpty();
		assertThat(feed(parser, "\n")).isEmpty();
		assertThat(feed(parser, "data: b\r")).isEmpty();
		assertThat(feed(parser, "\n\r")).containsExactly("a\nb");
		assertThat(feed(parser, "\n")).isEmpty();
		assertThat(parser.finish()).isEmpty();
	}

	@Test
	void crAtEndOfBufferFollowedByCrInNextBufferEndsTheEvent() {
		ServerSentEventParser<String> parser = parser(NO_LIMIT);
		assertThat(feed(parser, "data: a\r")).isEmpty();
		assertThat(feed(parser, "\rdata: b\r\r")).containsExactly("a", "b");
	}

	@Test
	void eventsSkippedByThePayloadParserAreNotEmitted() {
		ServerSentEventParser<String> parser = new ServerSentEventParser<>((bytes, length) -> {
			String data = new String(bytes, 0, length, StandardCharsets.UTF_8);
			return data.equals("[DONE]") ? null : data;
		}, NO_LIMIT);
		assertThat(feed(parser, "data: a\n\ndata: [DONE]\n\ndata: b\n\n")).containsExactly("a", "b");
	}

	@Test
	void emptyBufferEmitsNothing() {
		ServerSentEventParser<String> parser = parser(NO_LIMIT);
		assertThat(feed(parser, "")).isEmpty();
		assertThat(parser.finish()).isEmpty();
	}

	@Test
	void eventOverLimitInOneLineFailsNamingTheLimit() {
		ServerSentEventParser<String> parser = parser(16);
		assertThatExceptionOfType(ServerSentEventParser.EventTooLargeException.class)
			.isThrownBy(() -> feed(parser, "data: 0123456789abcdefg\n\n"))
			.withMessageContaining("16 bytes");
	}

	@Test
	void eventOverLimitAcrossDataLinesFails() {
		ServerSentEventParser<String> parser = parser(16);
		assertThatExceptionOfType(ServerSentEventParser.EventTooLargeException.class)
			.isThrownBy(() -> feed(parser, "data: 01234567\ndata: 89abcdef\n\n"))
			.withMessageContaining("16 bytes");
	}

	@Test
	void unterminatedLineOverLimitFailsBeforeItEnds() {
		ServerSentEventParser<String> parser = parser(16);
		feed(parser, "data: 0123");
		assertThatExceptionOfType(ServerSentEventParser.EventTooLargeException.class)
			.isThrownBy(() -> feed(parser, "456789abcdefghijklmnop"))
			.withMessageContaining("16 bytes");
	}

	@Test
	void eventOfExactlyTheLimitIsAcceptedWhateverTheBufferBoundaries() {
		String stream = "data: 0123456789abcdef\n\n";
		byte[] bytes = bytes(stream);
		for (int split = 0; split <= bytes.length; split++) {
			List<String> events = parse(16, List.of(Arrays.copyOfRange(bytes, 0, split),
					Arrays.copyOfRange(bytes, split, bytes.length)));
			assertThat(events).as("split at byte %d", split).containsExactly("0123456789abcdef");
		}
	}

	@Test
	void parserIsReusableAfterManyEvents() {
		ServerSentEventParser<String> parser = parser(NO_LIMIT);
		StringBuilder stream = new StringBuilder();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			stream.append("data: event-").append(i).append("\r\n\r\n");
			expected.add("event-" + i);
		}
		List<String> events = new ArrayList<>();
		byte[] bytes = bytes(stream.toString());
		for (int offset = 0; offset < bytes.length; offset += 997) {
			events.addAll(parser.feed(wrap(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + 997)))));
		}
		events.addAll(parser.finish());
		assertThat(events).isEqualTo(expected);
	}

	private static ServerSentEventParser<String> parser(int maxEventSize) {
		return new ServerSentEventParser<>((bytes, length) -> new String(bytes, 0, length, StandardCharsets.UTF_8),
				maxEventSize);
	}

	private static List<String> feed(ServerSentEventParser<String> parser, String chunk) {
		return parser.feed(wrap(bytes(chunk)));
	}

	/** Parse a whole stream fed in buffers of {@code chunkSize} bytes. */
	private static List<String> parse(int maxEventSize, int chunkSize, byte[] stream) {
		List<byte[]> chunks = new ArrayList<>();
		for (int offset = 0; offset < stream.length; offset += chunkSize) {
			chunks.add(Arrays.copyOfRange(stream, offset, Math.min(stream.length, offset + chunkSize)));
		}
		return parse(maxEventSize, chunks);
	}

	private static List<String> parse(int maxEventSize, List<byte[]> chunks) {
		ServerSentEventParser<String> parser = parser(maxEventSize);
		List<String> events = new ArrayList<>();
		for (byte[] chunk : chunks) {
			events.addAll(parser.feed(wrap(chunk)));
		}
		events.addAll(parser.finish());
		return events;
	}

	private static DataBuffer wrap(byte[] bytes) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void lineEndFindsTheFirstLineBreakAtEveryOffsetAndWordPosition() {
		java.util.Random random = new java.util.Random(7);
		byte[] alphabet = { 'a', '\n', '\r', 0, (byte) 0x8a, (byte) 0x0b, (byte) 0xff, '{', 0x09, 0x0c, 0x0e };
		for (int round = 0; round < 20_000; round++) {
			byte[] bytes = new byte[random.nextInt(40)];
			for (int i = 0; i < bytes.length; i++) {
				// mostly text, with line breaks and the bytes next to them (0x09, 0x0b, 0x0c, 0x0e) now and then
				bytes[i] = (random.nextInt(6) == 0) ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
			}
			int from = (bytes.length == 0) ? 0 : random.nextInt(bytes.length + 1);
			int end = from + ((bytes.length == from) ? 0 : random.nextInt(bytes.length - from + 1));
			int expected = end;
			for (int i = from; i < end; i++) {
				if (bytes[i] == '\n' || bytes[i] == '\r') {
					expected = i;
					break;
				}
			}
			assertThat(ServerSentEventParser.lineEnd(bytes, from, end)).as("%s from %d to %d", Arrays.toString(bytes), from, end)
				.isEqualTo(expected);
		}
	}

}
