package io.github.geminicomet;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.StringUtils;

import io.github.geminicomet.model.GeminiError;

/**
 * Decodes error answers: the body into a {@link GeminiError}, the {@code Retry-After} header into a
 * delay, and both with the status into the {@link GeminiResponseException} a caller branches on.
 */
final class GeminiErrorDecoder {

	private final ObjectReader treeReader;

	private final ObjectReader mapReader;

	private final int maxInMemorySize;

	GeminiErrorDecoder(JsonMapper jsonMapper, int maxInMemorySize) {
		// made here, off the event loops: Jackson creates a deserializer under a lock the first time it
		// is needed, and error bodies are decoded on event loops, often several at once
		this.treeReader = jsonMapper.readerFor(JsonNode.class);
		this.mapReader = jsonMapper.readerFor(Map.class);
		this.maxInMemorySize = maxInMemorySize;
	}

	/**
	 * The typed error for a response that is not 2xx, with its body (read within the in-memory limit) and
	 * the server's {@code Retry-After}.
	 */
	<T> Mono<T> decode(HttpStatusCode status, @Nullable String retryAfterHeader, Flux<DataBuffer> body,
			HttpMethod method, URI uri) {
		Duration retryAfter = parseRetryAfter(retryAfterHeader);
		return DataBufferUtils.join(body, this.maxInMemorySize)
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(new byte[0])
			.flatMap((bytes) -> {
				String text = new String(bytes, StandardCharsets.UTF_8);
				return Mono.error(GeminiResponseException.create(status, decodeError(text), text, method, uri,
						retryAfter));
			});
	}

	/**
	 * The exception for an {@code error} event on a stream: its {@code code} is the status (500 when it
	 * has none or one that is not an error status).
	 */
	GeminiResponseException decodeEvent(String body, URI uri) {
		GeminiError error = decodeError(body);
		int code = (error != null && error.code() != null && error.code() >= 400 && error.code() <= 599)
				? error.code() : 500;
		return GeminiResponseException.create(HttpStatusCode.valueOf(code), error, body, HttpMethod.POST, uri, null);
	}

	/**
	 * Decode a Gemini error body: {@code {"error": {...}}}, the same wrapped in an array, or either
	 * framed as server-sent events.
	 */
	@Nullable GeminiError decodeError(String body) {
		String json = body.strip();
		if (json.startsWith("data:")) {
			StringBuilder data = new StringBuilder();
			for (String line : json.split("\r\n|\r|\n")) {
				if (line.startsWith("data:")) {
					data.append(line.substring(line.startsWith("data: ") ? 6 : 5)).append('\n');
				}
			}
			json = data.toString().strip();
		}
		if (json.isEmpty()) {
			return null;
		}
		try {
			JsonNode node = this.treeReader.readValue(json);
			if (node == null) {
				return null;
			}
			if (node.isArray() && !node.isEmpty()) {
				node = node.get(0);
			}
			JsonNode error = node.get("error");
			if (error == null || !error.isObject()) {
				return null;
			}
			Integer code = error.path("code").isIntegralNumber() ? error.path("code").asInt() : null;
			String message = error.path("message").isString() ? error.path("message").asString() : null;
			String status = error.path("status").isString() ? error.path("status").asString() : null;
			List<Map<String, Object>> details = null;
			if (error.path("details").isArray()) {
				details = new ArrayList<>();
				for (JsonNode detail : error.path("details")) {
					if (detail.isObject()) {
						Map<String, Object> map = this.mapReader.readValue(detail);
						details.add(map);
					}
				}
			}
			return new GeminiError(code, message, status, details);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The delay of a {@code Retry-After} header: seconds, or an HTTP date.
	 */
	static @Nullable Duration parseRetryAfter(@Nullable String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String trimmed = value.trim();
		try {
			long seconds = Long.parseLong(trimmed);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration delay = Duration.between(ZonedDateTime.now(date.getZone()), date);
				return delay.isNegative() ? Duration.ZERO : delay;
			}
			catch (DateTimeParseException ignored) {
				return null;
			}
		}
	}

}
