package io.github.geminicomet.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.UsageMetadata;

/**
 * Checks, before anything is measured, that the floors give a caller what the template gives: for the
 * benchmark's payloads and for awkward ones (thought parts, several parts, escapes, other candidates,
 * unknown fields, events without candidates, data split over lines and reads), every event's
 * {@code text()}, thought text, finish reason and usage counts read by {@code floor-lean} (both its
 * parses) and {@code floor-model} equal what {@code GeminiTemplate} returns for the same bytes.
 */
final class FloorTextCheck {

	private static final GenerateContentRequest REQUEST = GenerateContentRequest.of(BenchClient.PROMPT);

	private static final List<String> EDGE_EVENTS = List.of(
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Let me think.\",\"thought\":true,"
					+ "\"thoughtSignature\":\"c2ln\"},{\"text\":\"Hello, \"},{\"thought\":false,\"text\":"
					+ "\"w\\u00f6rld \\\"quoted\\\"\\n\"}],\"role\":\"model\"},\"index\":0,\"safetyRatings\":"
					+ "[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"probability\":\"NEGLIGIBLE\"}]},"
					+ "{\"content\":{\"parts\":[{\"text\":\"second candidate\"}]}}],\"usageMetadata\":"
					+ "{\"promptTokenCount\":5,\"totalTokenCount\":9,\"thoughtsTokenCount\":4,\"promptTokensDetails\":"
					+ "[{\"modality\":\"TEXT\",\"tokenCount\":5}]},\"futureField\":{\"a\":[1,{\"b\":[true,null]}]},"
					+ "\"modelVersion\":\"gemini-3.5-flash-lite\"}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{\"text\":"
					+ "\"not text\"}}},{\"text\":\"after a call\"},{\"text\":\"more thought\",\"thought\":true}],"
					+ "\"role\":\"model\"},\"groundingMetadata\":{\"webSearchQueries\":[\"q\"],\"groundingChunks\":"
					+ "[{\"web\":{\"uri\":\"https://example.invalid\",\"title\":\"t\"}}]}}]}",
			"{\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\"}],\"usageMetadata\":"
					+ "{\"promptTokenCount\":5,\"candidatesTokenCount\":7,\"totalTokenCount\":16,"
					+ "\"thoughtsTokenCount\":4,\"someFutureCount\":3}}",
			"{\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5}}");

	private FloorTextCheck() {
	}

	/**
	 * Run the check.
	 * @return a one-line summary of what was compared
	 * @throws IllegalStateException naming the first event on which a floor differs from the template
	 */
	static String verify() {
		int events = 0;
		events += checkStream("stream payload", Payloads.events(Workload.STREAM.events(), Workload.STREAM.textSize()));
		events += checkStream("fan-out payload",
				Payloads.events(Workload.FAN_OUT.events(), Workload.FAN_OUT.textSize()));
		events += checkStream("edge cases, 7-byte reads", split(edgeStream(), 7));
		int answers = 0;
		answers += checkUnary("unary payload", Payloads.unary(Workload.UNARY.events() * Workload.UNARY.textSize()));
		for (int i = 0; i < EDGE_EVENTS.size(); i++) {
			answers += checkUnary("edge case " + (i + 1), EDGE_EVENTS.get(i).getBytes(StandardCharsets.UTF_8));
		}
		return "floor-lean (streaming and binding parses), floor-model and the template agree on " + events
				+ " stream events and " + answers + " answers";
	}

	private static int checkStream(String name, List<byte[]> chunks) {
		List<String> expected;
		try (GeminiTemplate template = InMemoryGemini.template(chunks, new byte[0])) {
			expected = Objects.requireNonNull(template.streamGenerateContent("gemini-3.5-flash-lite", REQUEST)
				.map(FloorTextCheck::describe)
				.collectList()
				.block(Duration.ofSeconds(30)));
		}
		compare(name, "floor-lean", expected, frame(chunks, new LeanStreamingReader(), FloorTextCheck::describe));
		compare(name, "floor-lean (binding)", expected,
				frame(chunks, new LeanBindingReader(), FloorTextCheck::describe));
		compare(name, "floor-model", expected, frame(chunks, FloorClient.modelReader(), FloorTextCheck::describe));
		return expected.size();
	}

	private static int checkUnary(String name, byte[] body) {
		String expected;
		try (GeminiTemplate template = InMemoryGemini.template(List.of(), body)) {
			expected = Objects.requireNonNull(template.generateContent("gemini-3.5-flash-lite", REQUEST)
				.map(FloorTextCheck::describe)
				.block(Duration.ofSeconds(30)));
		}
		compare(name, "floor-lean", List.of(expected),
				List.of(describe(new LeanStreamingReader().read(body, 0, body.length))));
		compare(name, "floor-lean (binding)", List.of(expected),
				List.of(describe(new LeanBindingReader().read(body, 0, body.length))));
		compare(name, "floor-model", List.of(expected),
				List.of(describe(FloorClient.modelReader().read(body, 0, body.length))));
		return 1;
	}

	private static <T> List<String> frame(List<byte[]> chunks, FloorClient.EventReader<T> reader,
			Function<T, String> describe) {
		FloorClient.SseFramer<T> framer = new FloorClient.SseFramer<>(reader);
		List<String> events = new ArrayList<>();
		for (byte[] chunk : chunks) {
			framer.feed(Unpooled.wrappedBuffer(chunk)).forEach((event) -> events.add(describe.apply(event)));
		}
		return events;
	}

	private static void compare(String payload, String floor, List<String> template, List<String> actual) {
		if (template.size() != actual.size()) {
			throw new IllegalStateException(floor + " read " + actual.size() + " events of the " + payload
					+ " where the template read " + template.size());
		}
		for (int i = 0; i < template.size(); i++) {
			if (!template.get(i).equals(actual.get(i))) {
				throw new IllegalStateException(floor + " differs from the template on event " + i + " of the "
						+ payload + ": " + actual.get(i) + " instead of " + template.get(i));
			}
		}
	}

	/** The edge events as an SSE stream with LF line ends, a comment, and one event over two data lines. */
	private static byte[] edgeStream() {
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		stream.writeBytes(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
		for (String event : EDGE_EVENTS) {
			stream.writeBytes(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
		}
		stream.writeBytes(("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"two \"}\n"
				+ "data: ,{\"text\":\"lines\"}]},\"finishReason\":\"STOP\"}]}\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		return stream.toByteArray();
	}

	private static List<byte[]> split(byte[] bytes, int size) {
		List<byte[]> chunks = new ArrayList<>();
		for (int offset = 0; offset < bytes.length; offset += size) {
			chunks.add(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + size)));
		}
		return chunks;
	}

	private static String describe(GenerateContentResponse response) {
		UsageMetadata usage = response.usageMetadata();
		return describe(response.text(), response.thoughtText(),
				(response.finishReason() != null) ? response.finishReason().name() : null,
				(usage != null) ? count(usage.promptTokenCount()) : 0,
				(usage != null) ? count(usage.candidatesTokenCount()) : 0,
				(usage != null) ? count(usage.totalTokenCount()) : 0,
				(usage != null) ? count(usage.thoughtsTokenCount()) : 0);
	}

	private static String describe(LeanResponse response) {
		return describe(response.text(), response.thoughtText(), response.finishReason(),
				response.promptTokenCount(), response.candidatesTokenCount(), response.totalTokenCount(),
				response.thoughtsTokenCount());
	}

	private static String describe(String text, String thoughtText, @Nullable String finishReason, int prompt,
			int candidates, int total, int thoughts) {
		return "text=\"" + text + "\" thought=\"" + thoughtText + "\" finishReason=" + finishReason + " usage="
				+ prompt + "/" + candidates + "/" + total + "/" + thoughts;
	}

	private static int count(@Nullable Integer count) {
		return (count != null) ? count : 0;
	}

}
