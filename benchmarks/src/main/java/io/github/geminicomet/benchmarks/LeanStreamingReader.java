package io.github.geminicomet.benchmarks;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The lean floor's parse: one streaming {@link JsonParser} pass over an answer's bytes that keeps
 * {@code candidates[0].content.parts[].text} and {@code .thought}, {@code candidates[0].finishReason} and
 * the four usage counts, and skips everything else (other candidates, unknown fields) without
 * materialising it.
 */
final class LeanStreamingReader implements FloorClient.EventReader<LeanResponse> {

	private static final JsonFactory factory = new JsonFactory();

	@Override
	public LeanResponse read(byte[] bytes, int offset, int length) {
		try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("Gemini answer is not a JSON object");
			}
			State state = new State();
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				JsonToken token = parser.nextToken();
				if (name.equals("candidates") && token == JsonToken.START_ARRAY) {
					readCandidates(parser, state);
				}
				else if (name.equals("usageMetadata") && token == JsonToken.START_OBJECT) {
					readUsage(parser, state);
				}
				else {
					parser.skipChildren();
				}
			}
			return state.response();
		}
	}

	private static void readCandidates(JsonParser parser, State state) {
		JsonToken token = parser.nextToken();
		if (token == JsonToken.END_ARRAY) {
			return;
		}
		if (token == JsonToken.START_OBJECT) {
			readCandidate(parser, state);
		}
		else {
			parser.skipChildren();
		}
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			parser.skipChildren();
		}
	}

	private static void readCandidate(JsonParser parser, State state) {
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken token = parser.nextToken();
			if (name.equals("content") && token == JsonToken.START_OBJECT) {
				readContent(parser, state);
			}
			else if (name.equals("finishReason") && token == JsonToken.VALUE_STRING) {
				state.finishReason = parser.getString();
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private static void readContent(JsonParser parser, State state) {
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken token = parser.nextToken();
			if (name.equals("parts") && token == JsonToken.START_ARRAY) {
				for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
					if (token == JsonToken.START_OBJECT) {
						readPart(parser, state);
					}
					else {
						parser.skipChildren();
					}
				}
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private static void readPart(JsonParser parser, State state) {
		String text = null;
		boolean thought = false;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken token = parser.nextToken();
			if (name.equals("text") && token == JsonToken.VALUE_STRING) {
				text = parser.getString();
			}
			else if (name.equals("thought")) {
				thought = (token == JsonToken.VALUE_TRUE);
			}
			else {
				parser.skipChildren();
			}
		}
		if (text != null) {
			if (thought) {
				state.thoughtText.add(text);
			}
			else {
				state.text.add(text);
			}
		}
	}

	private static void readUsage(JsonParser parser, State state) {
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken token = parser.nextToken();
			if (token == JsonToken.VALUE_NUMBER_INT) {
				switch (name) {
					case "promptTokenCount" -> state.promptTokenCount = parser.getIntValue();
					case "candidatesTokenCount" -> state.candidatesTokenCount = parser.getIntValue();
					case "totalTokenCount" -> state.totalTokenCount = parser.getIntValue();
					case "thoughtsTokenCount" -> state.thoughtsTokenCount = parser.getIntValue();
					default -> {
					}
				}
			}
			else {
				parser.skipChildren();
			}
		}
	}

	/** What one pass collects. */
	private static final class State {

		final LeanResponse.Joined text = new LeanResponse.Joined();

		final LeanResponse.Joined thoughtText = new LeanResponse.Joined();

		@Nullable String finishReason;

		int promptTokenCount;

		int candidatesTokenCount;

		int totalTokenCount;

		int thoughtsTokenCount;

		LeanResponse response() {
			return new LeanResponse(this.text.value(), this.thoughtText.value(), this.finishReason,
					this.promptTokenCount, this.candidatesTokenCount, this.totalTokenCount, this.thoughtsTokenCount);
		}

	}

}
