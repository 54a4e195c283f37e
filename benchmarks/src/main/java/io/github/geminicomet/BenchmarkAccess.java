package io.github.geminicomet;

import java.util.List;
import java.util.function.Function;

import tools.jackson.databind.ObjectReader;

import org.springframework.core.io.buffer.DataBuffer;

import io.github.geminicomet.model.GenerateContentResponse;

/**
 * Lets the benchmarks (in the same package, another jar) drive the template's package-private SSE decoder
 * directly. Not part of the starter.
 */
public final class BenchmarkAccess {

	private BenchmarkAccess() {
	}

	/**
	 * A new decoder for one stream: the template's {@link ServerSentEventParser} with each event parsed
	 * once by {@code reader}.
	 * @param reader the reader of {@link GenerateContentResponse}
	 * @return a function from each buffer to the events it completed
	 */
	public static Function<DataBuffer, List<GenerateContentResponse>> sseDecoder(ObjectReader reader) {
		ServerSentEventParser<GenerateContentResponse> parser = new ServerSentEventParser<>(
				(bytes, length) -> reader.readValue(bytes, 0, length), 32 * 1024 * 1024);
		return parser::feed;
	}

}
