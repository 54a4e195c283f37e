package io.github.geminicomet.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;

import io.github.geminicomet.model.GenerateContentResponse;

/**
 * Reads answers and stream events into {@link GenerateContentResponse}: first in one pass of the
 * mapper's parser through the {@link ResponseDeserializers} without a databinding context, which is what
 * almost every answer needs (text, thoughts, signatures, finish reason, safety ratings, usage); an answer
 * holding anything more (function calls, inline data, grounding, citations, logprobs, a value of an
 * unexpected type) or not valid JSON is read again by the databinding, which gives it the same result,
 * or the same failure, as the mapper's own {@link ObjectReader}.
 *
 * <p>The pass spares each answer a databinding context and the reader's per-call set-up, which cost as
 * much as reading a short stream event.
 *
 * <p>For internal use by the client: not part of the supported API.
 *
 * @author gemini-comet
 * @since 0.2.0
 */
public final class ResponseReader {

	private final ObjectReader databinding;

	private final ParserSettings settings;

	/** The pass for single answers: shared by threads, so it keeps nothing from one answer to the next. */
	private final ResponseDeserializers.ResponseDeserializer pass = new ResponseDeserializers.ResponseDeserializer();

	private ResponseReader(ObjectReader databinding, ParserSettings settings) {
		this.databinding = databinding;
		this.settings = settings;
	}

	/**
	 * Return a reader that parses with the mapper's settings.
	 * @param mapper the mapper (never changed)
	 * @return the reader
	 */
	public static ResponseReader of(JsonMapper mapper) {
		JsonMapper registered = ResponseDeserializers.register(mapper);
		return new ResponseReader(registered.readerFor(GenerateContentResponse.class),
				new ParserSettings(registered.tokenStreamFactory(), registered.deserializationConfig()));
	}

	/**
	 * Return a reader for the events of one stream, read one after the other: values that repeat from
	 * event to event (model version, response id, role, the prompt's token details, the service tier) are
	 * shared between its events instead of built again. Confined to its stream, it never touches state
	 * that other streams write.
	 * @return the stream's reader
	 */
	public Session session() {
		return new Session(new ResponseDeserializers.ResponseDeserializer(true));
	}

	/**
	 * Read one answer or event.
	 * @param bytes the bytes holding the JSON
	 * @param offset where the JSON starts
	 * @param length how many bytes it takes
	 * @return the response
	 * @throws JacksonException if the JSON is not valid or not a response, as the databinding throws it
	 */
	public GenerateContentResponse read(byte[] bytes, int offset, int length) {
		return read(this.pass, bytes, offset, length);
	}

	private GenerateContentResponse read(ResponseDeserializers.ResponseDeserializer pass, byte[] bytes, int offset,
			int length) {
		GenerateContentResponse response = readWithoutContext(pass, bytes, offset, length);
		return (response != null) ? response : this.databinding.readValue(bytes, offset, length);
	}

	/**
	 * Read one answer from a buffer's readable bytes, streamed into the parser (no copy of the body).
	 * The buffer is neither released nor, in the end, read: its read position is where it was.
	 * @param buffer the buffer holding the JSON
	 * @return the response
	 * @throws JacksonException if the JSON is not valid or not a response, as the databinding throws it
	 */
	public GenerateContentResponse read(DataBuffer buffer) {
		int start = buffer.readPosition();
		try {
			if (this.settings.plain) {
				try (InputStream input = buffer.asInputStream(false);
						JsonParser parser = this.settings.createParser(input)) {
					GenerateContentResponse response = readWithoutContext(this.pass, parser);
					if (response != null) {
						return response;
					}
				}
				catch (IOException ex) {
					// closing a buffer's stream does not fail; the databinding reads it again below
				}
				buffer.readPosition(start);
			}
			try (InputStream input = buffer.asInputStream(false)) {
				return this.databinding.readValue(input);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		finally {
			buffer.readPosition(start);
		}
	}

	/**
	 * The pass without a databinding context: {@code null} when the answer needs the databinding.
	 */
	@Nullable GenerateContentResponse readWithoutContext(byte[] bytes, int offset, int length) {
		return readWithoutContext(this.pass, bytes, offset, length);
	}

	private @Nullable GenerateContentResponse readWithoutContext(ResponseDeserializers.ResponseDeserializer pass,
			byte[] bytes, int offset, int length) {
		if (!this.settings.plain) {
			return null;
		}
		try (JsonParser parser = this.settings.createParser(bytes, offset, length)) {
			return readWithoutContext(pass, parser);
		}
	}

	private static @Nullable GenerateContentResponse readWithoutContext(ResponseDeserializers.ResponseDeserializer pass,
			JsonParser parser) {
		try {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			GenerateContentResponse response = pass.read(parser, null);
			// trailing content: the databinding decides (it fails, or ignores it, as configured)
			return (parser.nextToken() == null) ? response : null;
		}
		catch (ResponseDeserializers.DatabindingNeeded | JacksonException ex) {
			return null;
		}
	}

	/**
	 * The reader of one stream's events ({@link #session()}): not for concurrent use.
	 */
	public final class Session {

		private final ResponseDeserializers.ResponseDeserializer pass;

		private Session(ResponseDeserializers.ResponseDeserializer pass) {
			this.pass = pass;
		}

		/**
		 * Read the stream's next event.
		 * @param bytes the bytes holding the JSON
		 * @param offset where the JSON starts
		 * @param length how many bytes it takes
		 * @return the event
		 * @throws JacksonException if the JSON is not valid or not a response, as the databinding throws it
		 */
		public GenerateContentResponse read(byte[] bytes, int offset, int length) {
			return ResponseReader.this.read(this.pass, bytes, offset, length);
		}

		@Nullable GenerateContentResponse readWithoutContext(byte[] bytes, int offset, int length) {
			return ResponseReader.this.readWithoutContext(this.pass, bytes, offset, length);
		}

	}

	/**
	 * The parser settings a databinding context would give: the mapper's stream and format read
	 * features and constraints, without the context.
	 */
	private static final class ParserSettings extends ObjectReadContext.Base {

		private final TokenStreamFactory factory;

		private final int streamReadFeatures;

		private final int formatReadFeatures;

		/** Whether answers are plain objects, as Gemini sends them, not wrapped in a root name. */
		final boolean plain;

		ParserSettings(TokenStreamFactory factory, DeserializationConfig config) {
			this.factory = factory;
			this.plain = !config.isEnabled(DeserializationFeature.UNWRAP_ROOT_VALUE);
			this.streamReadFeatures = config.getStreamReadFeatures();
			this.formatReadFeatures = config.getFormatReadFeatures();
		}

		@Override
		public TokenStreamFactory tokenStreamFactory() {
			return this.factory;
		}

		@Override
		public StreamReadConstraints streamReadConstraints() {
			return this.factory.streamReadConstraints();
		}

		@Override
		public int getStreamReadFeatures(int defaults) {
			return this.streamReadFeatures;
		}

		@Override
		public int getFormatReadFeatures(int defaults) {
			return this.formatReadFeatures;
		}

		@Override
		public JsonParser createParser(byte[] content, int offset, int length) {
			return this.factory.createParser(this, content, offset, length);
		}

		@Override
		public JsonParser createParser(InputStream content) {
			return this.factory.createParser(this, content);
		}

	}

}
