package io.github.geminicomet.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies the fake Gemini sends, shaped like the real API's: a unary answer of a realistic size, and
 * stream events whose text size is chosen, the last with {@code finishReason} and full usage.
 */
final class Payloads {

	private static final String WORDS = "Streaming keeps the first token close to the request while the model "
			+ "is still thinking about the rest of the answer, so users see progress at once. ";

	private Payloads() {
	}

	/** Text of exactly {@code size} characters, made of plain words (no JSON escaping needed). */
	static String text(int size, int seed) {
		StringBuilder text = new StringBuilder(size);
		int offset = Math.floorMod(seed * 7, WORDS.length());
		while (text.length() < size) {
			text.append(WORDS.charAt(offset));
			offset = (offset + 1) % WORDS.length();
		}
		return text.toString();
	}

	/** A unary answer of {@code textSize} characters of text, with usage, safety ratings and ids. */
	static byte[] unary(int textSize) {
		String json = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text(textSize, 0)
				+ "\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0,\"safetyRatings\":["
				+ "{\"category\":\"HARM_CATEGORY_HATE_SPEECH\",\"probability\":\"NEGLIGIBLE\"},"
				+ "{\"category\":\"HARM_CATEGORY_DANGEROUS_CONTENT\",\"probability\":\"NEGLIGIBLE\"},"
				+ "{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"probability\":\"NEGLIGIBLE\"},"
				+ "{\"category\":\"HARM_CATEGORY_SEXUALLY_EXPLICIT\",\"probability\":\"NEGLIGIBLE\"}]}],"
				+ "\"usageMetadata\":{\"promptTokenCount\":12,\"candidatesTokenCount\":" + (textSize / 4)
				+ ",\"totalTokenCount\":" + (12 + textSize / 4 + 35) + ",\"promptTokensDetails\":"
				+ "[{\"modality\":\"TEXT\",\"tokenCount\":12}],\"thoughtsTokenCount\":35},"
				+ "\"modelVersion\":\"gemini-3.5-flash-lite\",\"responseId\":\"x3ZqaPGdD7vUz7IP4p2TsQw\"}";
		return json.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The {@code count} events of a stream, each a complete {@code data:} line and blank line, with
	 * {@code textSize} characters of text each; the last one carries {@code finishReason} and usage.
	 */
	static List<byte[]> events(int count, int textSize) {
		List<byte[]> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			boolean last = (i == count - 1);
			String json = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text(textSize, i)
					+ "\"}],\"role\":\"model\"}" + (last ? ",\"finishReason\":\"STOP\"" : "") + ",\"index\":0}],"
					+ "\"usageMetadata\":{\"promptTokenCount\":12," + (last ? "\"candidatesTokenCount\":"
							+ (count * textSize / 4) + ",\"totalTokenCount\":" + (12 + count * textSize / 4) + ","
							: "\"totalTokenCount\":12,")
					+ "\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":12}]},"
					+ "\"modelVersion\":\"gemini-3.5-flash-lite\",\"responseId\":\"x3ZqaPGdD7vUz7IP4p2TsQw\"}";
			events.add(("data: " + json + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		}
		return events;
	}

	/** The text a client collects from {@link #events(int, int)}. */
	static String streamText(int count, int textSize) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(text(textSize, i));
		}
		return text.toString();
	}

}
