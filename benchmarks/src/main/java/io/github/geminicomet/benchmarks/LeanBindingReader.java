package io.github.geminicomet.benchmarks;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lean floor's parse done the other way, for comparison in {@link SseDecodeBenchmark}: Jackson
 * databinding into small plain classes that declare only the fields a caller of {@code text()} needs,
 * unknown fields skipped. The streaming pass ({@link LeanStreamingReader}) measured cheaper, so it is the
 * floor.
 */
final class LeanBindingReader implements FloorClient.EventReader<LeanResponse> {

	private final ObjectReader reader = JsonMapper.builder().build().readerFor(Answer.class);

	@Override
	public LeanResponse read(byte[] bytes, int offset, int length) {
		Answer answer = this.reader.readValue(bytes, offset, length);
		LeanResponse.Joined text = new LeanResponse.Joined();
		LeanResponse.Joined thoughtText = new LeanResponse.Joined();
		String finishReason = null;
		if (answer.candidates != null && !answer.candidates.isEmpty() && answer.candidates.get(0) != null) {
			Candidate candidate = answer.candidates.get(0);
			finishReason = candidate.finishReason;
			if (candidate.content != null && candidate.content.parts != null) {
				for (Part part : candidate.content.parts) {
					if (part.text == null) {
						continue;
					}
					if (part.thought) {
						thoughtText.add(part.text);
					}
					else {
						text.add(part.text);
					}
				}
			}
		}
		Usage usage = (answer.usageMetadata != null) ? answer.usageMetadata : Usage.NONE;
		return new LeanResponse(text.value(), thoughtText.value(), finishReason, usage.promptTokenCount,
				usage.candidatesTokenCount, usage.totalTokenCount, usage.thoughtsTokenCount);
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	static final class Answer {

		public @Nullable List<Candidate> candidates;

		public @Nullable Usage usageMetadata;

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	static final class Candidate {

		public @Nullable Content content;

		public @Nullable String finishReason;

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	static final class Content {

		public @Nullable List<Part> parts;

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	static final class Part {

		public @Nullable String text;

		public boolean thought;

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	static final class Usage {

		static final Usage NONE = new Usage();

		public int promptTokenCount;

		public int candidatesTokenCount;

		public int totalTokenCount;

		public int thoughtsTokenCount;

	}

}
