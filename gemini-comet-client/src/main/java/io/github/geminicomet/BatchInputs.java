package io.github.geminicomet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.geminicomet.model.GeminiFile;

/**
 * The bodies of batch creates, generate and embedding alike: inline requests checked (at least one, keys
 * unique, under {@link BatchOperations#MAX_INLINE_SIZE}), an input file named, and JSONL input lines
 * written one request at a time as they arrive.
 */
final class BatchInputs {

	private final JsonMapper jsonMapper;

	BatchInputs(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The body of an inline create ({@code {"batch": {"displayName", "inputConfig": {"requests":
	 * {"requests": [{"request", "metadata": {"key"}}]}}}}}).
	 * @param viaFile the call to name when the body is too large, such as {@code createViaFile}
	 * @throws IllegalArgumentException if there are no requests, keys repeat or the body is too large
	 */
	<R> byte[] inline(List<R> requests, Function<R, String> key, Function<R, Object> request,
			@Nullable String displayName, String viaFile) {
		if (requests.isEmpty()) {
			throw new IllegalArgumentException("A batch needs at least one request");
		}
		Set<String> keys = new HashSet<>();
		List<Map<String, Object>> inlined = new ArrayList<>(requests.size());
		for (R each : requests) {
			Assert.notNull(each, "'requests' must not contain null");
			String eachKey = key.apply(each);
			checkUniqueKey(keys, eachKey);
			inlined.add(Map.of("request", request.apply(each), "metadata", Map.of("key", eachKey)));
		}
		byte[] body = body(Map.of("requests", Map.of("requests", inlined)), displayName);
		if (body.length > BatchOperations.MAX_INLINE_SIZE) {
			throw new IllegalArgumentException("The inline batch is " + body.length + " bytes, over the API's limit of "
					+ BatchOperations.MAX_INLINE_SIZE + " bytes (20 MB) for inline requests: use batches()." + viaFile
					+ "(model, Flux.fromIterable(requests), displayName), which sends them as an uploaded JSONL file");
		}
		return body;
	}

	/**
	 * The body of a create from an uploaded JSONL file ({@code "inputConfig": {"fileName"}}).
	 */
	byte[] file(GeminiFile jsonlInput, @Nullable String displayName) {
		return body(Map.of("fileName", jsonlInput.name()), displayName);
	}

	/**
	 * The lines of a JSONL input file, {@code {"key", "request"}}, one buffer a request as they arrive;
	 * a repeated key fails the stream.
	 */
	<R> Flux<DataBuffer> jsonLines(Flux<R> requests, Function<R, String> key, Function<R, Object> request) {
		return Flux.defer(() -> {
			Set<String> keys = new HashSet<>();
			return requests.map((each) -> {
				String eachKey = key.apply(each);
				checkUniqueKey(keys, eachKey);
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("key", eachKey);
				line.put("request", request.apply(each));
				byte[] json = this.jsonMapper.writeValueAsBytes(line);
				byte[] bytes = new byte[json.length + 1];
				System.arraycopy(json, 0, bytes, 0, json.length);
				bytes[json.length] = '\n';
				return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
			});
		});
	}

	private byte[] body(Map<String, Object> inputConfig, @Nullable String displayName) {
		Map<String, Object> batch = new LinkedHashMap<>();
		batch.put("displayName", StringUtils.hasText(displayName) ? displayName
				: "gemini-comet-batch-" + System.currentTimeMillis());
		batch.put("inputConfig", inputConfig);
		return this.jsonMapper.writeValueAsBytes(Map.of("batch", batch));
	}

	private static void checkUniqueKey(Set<String> keys, String key) {
		if (!keys.add(key)) {
			throw new IllegalArgumentException("Key '" + key + "' is used by more than one request of the batch: "
					+ "give each request a key of its own, so that each result can be matched to its request");
		}
	}

}
