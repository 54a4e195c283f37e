package io.github.geminicomet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.ObjectReader;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import io.github.geminicomet.codec.ResponseReader;
import io.github.geminicomet.model.GenerateContentResponse;

/**
 * Reads a unary answer's whole body, joined in one buffer, into its value.
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
interface BodyReader<T> {

	/**
	 * Read the body and release the buffer.
	 * @param body the whole body (released by this method)
	 * @return the value
	 */
	T read(DataBuffer body);

	/** The databinding of {@code reader}, reading the buffer as a stream. */
	static <T> BodyReader<T> json(ObjectReader reader) {
		return (body) -> {
			try (InputStream input = body.asInputStream(true)) {
				return reader.readValue(input);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
	}

	/** A generate answer read by the {@link ResponseReader}, streamed from the buffer. */
	static BodyReader<GenerateContentResponse> responses(ResponseReader reader) {
		return (body) -> {
			try {
				return reader.read(body);
			}
			finally {
				DataBufferUtils.release(body);
			}
		};
	}

}
