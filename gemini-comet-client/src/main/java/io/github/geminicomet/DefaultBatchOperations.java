package io.github.geminicomet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.geminicomet.model.Batch;
import io.github.geminicomet.model.BatchRequest;
import io.github.geminicomet.model.BatchResult;
import io.github.geminicomet.model.GeminiError;
import io.github.geminicomet.model.GeminiFile;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.ListBatchesResponse;
import io.github.geminicomet.model.RpcStatus;

/**
 * Default {@link BatchOperations}: the {@code batches} paths on the template's {@link GeminiApi}, creates
 * observed as {@value #CREATE_BATCH} and never retried, result files read through {@link FileOperations}.
 */
final class DefaultBatchOperations implements BatchOperations {

	/** The {@code gen_ai.operation.name} of a batch create. */
	static final String CREATE_BATCH = "create_batch";

	/** The MIME type of JSONL input files. */
	static final String JSONL = "application/jsonl";

	private static final String BATCHES = "batches/";

	private static final int PAGE_SIZE = 100;

	private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);

	private static final Duration DEFAULT_TIMEOUT = Duration.ofHours(48);

	private final GeminiApi api;

	private final FileOperations files;

	private final JsonMapper jsonMapper;

	private final ObjectReader resultLineReader;

	private final int maxLineSize;

	DefaultBatchOperations(GeminiApi api, FileOperations files, int maxLineSize) {
		this.api = api;
		this.files = files;
		this.jsonMapper = api.jsonMapper();
		this.resultLineReader = this.jsonMapper.readerFor(ResultLine.class);
		this.maxLineSize = maxLineSize;
	}

	@Override
	public Mono<Batch> create(String model, List<BatchRequest> requests, @Nullable String displayName) {
		String modelName = GeminiTemplate.modelName(model);
		Assert.notNull(requests, "'requests' must not be null");
		return Mono.fromCallable(() -> inlineBody(requests, displayName))
			.flatMap((body) -> observedCreate(modelName, body));
	}

	@Override
	public Mono<Batch> create(String model, GeminiFile jsonlInput, @Nullable String displayName) {
		String modelName = GeminiTemplate.modelName(model);
		Assert.notNull(jsonlInput, "'jsonlInput' must not be null");
		Map<String, Object> inputConfig = Map.of("fileName", jsonlInput.name());
		return Mono.fromCallable(() -> body(inputConfig, displayName)).flatMap((body) -> observedCreate(modelName, body));
	}

	@Override
	public Mono<Batch> createViaFile(String model, Flux<BatchRequest> requests, @Nullable String displayName) {
		String modelName = GeminiTemplate.modelName(model);
		Assert.notNull(requests, "'requests' must not be null");
		return Mono.usingWhen(
				Mono.fromCallable(() -> Files.createTempFile("gemini-batch-", ".jsonl"))
					.subscribeOn(Schedulers.boundedElastic()),
				(path) -> DataBufferUtils.write(jsonLines(requests), path)
					.then(this.files.upload(new FileSystemResource(path), JSONL))
					.flatMap((file) -> create(modelName, file, displayName)),
				(path) -> Mono.fromCallable(() -> Files.deleteIfExists(path)).subscribeOn(Schedulers.boundedElastic()));
	}

	private Flux<DataBuffer> jsonLines(Flux<BatchRequest> requests) {
		return Flux.defer(() -> {
			Set<String> keys = new HashSet<>();
			return requests.map((request) -> {
				checkUniqueKey(keys, request.key());
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("key", request.key());
				line.put("request", request.request());
				byte[] json = this.jsonMapper.writeValueAsBytes(line);
				byte[] bytes = new byte[json.length + 1];
				System.arraycopy(json, 0, bytes, 0, json.length);
				bytes[json.length] = '\n';
				return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
			});
		});
	}

	private Mono<Batch> observedCreate(String model, byte[] body) {
		String path = "models/" + model + ":batchGenerateContent";
		return this.api.observer()
			.call(this.api.callOnce(HttpMethod.POST, path, body, Batch.class), CREATE_BATCH, model,
					this.api.uri(path), null);
	}

	private byte[] inlineBody(List<BatchRequest> requests, @Nullable String displayName) {
		if (requests.isEmpty()) {
			throw new IllegalArgumentException("A batch needs at least one request");
		}
		Set<String> keys = new HashSet<>();
		List<Map<String, Object>> inlined = new ArrayList<>(requests.size());
		for (BatchRequest request : requests) {
			Assert.notNull(request, "'requests' must not contain null");
			checkUniqueKey(keys, request.key());
			inlined.add(Map.of("request", request.request(), "metadata", Map.of("key", request.key())));
		}
		byte[] body = body(Map.of("requests", Map.of("requests", inlined)), displayName);
		if (body.length > MAX_INLINE_SIZE) {
			throw new IllegalArgumentException("The inline batch is " + body.length + " bytes, over the API's limit of "
					+ MAX_INLINE_SIZE + " bytes (20 MB) for inline requests: use batches().createViaFile(model, "
					+ "Flux.fromIterable(requests), displayName), which sends them as an uploaded JSONL file");
		}
		return body;
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

	@Override
	public Mono<Batch> get(String name) {
		return this.api.call(HttpMethod.GET, batchPath(name), null, Batch.class);
	}

	@Override
	public Flux<Batch> list() {
		return this.api.paged("batches", PAGE_SIZE, ListBatchesResponse.class, ListBatchesResponse::operations,
				ListBatchesResponse::nextPageToken);
	}

	@Override
	public Mono<Void> cancel(String name) {
		return this.api.call(HttpMethod.POST, batchPath(name) + ":cancel", Map.of(), Void.class);
	}

	@Override
	public Mono<Void> delete(String name) {
		return this.api.call(HttpMethod.DELETE, batchPath(name), null, Void.class);
	}

	@Override
	public Mono<Batch> awaitCompletion(String name) {
		return awaitCompletion(name, DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT);
	}

	@Override
	public Mono<Batch> awaitCompletion(String name, Duration pollInterval, Duration timeout) {
		String path = batchPath(name);
		Assert.isTrue(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(),
				"'pollInterval' must be positive");
		Assert.notNull(timeout, "'timeout' must not be null");
		Batch.State[] last = new Batch.State[1];
		Mono<Batch> check = Mono.defer(() -> this.api.call(HttpMethod.GET, path, null, Batch.class)).filter((batch) -> {
			last[0] = batch.state();
			return batch.isDone();
		});
		return ResourceNames.poll(check, (poll) -> pollInterval, timeout, () -> new TimeoutException("Batch '" + path
				+ "' has not ended after " + timeout + " (last state " + last[0]
				+ "): wait longer with awaitCompletion(name, interval, timeout)"));
	}

	@Override
	public Flux<BatchResult> results(String name) {
		return get(name).flatMapMany((batch) -> {
			if (batch.state() != Batch.State.SUCCEEDED) {
				String error = (batch.error() != null) ? " (" + batch.error().message() + ")" : "";
				return Flux.error(new IllegalStateException("Batch '" + batch.name() + "' is " + batch.state() + error
						+ ": results are readable once it has SUCCEEDED; wait for it with awaitCompletion(name)"));
			}
			Batch.Output output = batch.output();
			if (output != null && output.inlinedResponses() != null) {
				return Flux.fromIterable(output.inlinedResponses()).index().map((indexed) -> {
					Batch.InlinedResponse inlined = indexed.getT2();
					Object key = (inlined.metadata() != null) ? inlined.metadata().get("key") : null;
					return result((key != null) ? key.toString() : Long.toString(indexed.getT1()), inlined.response(),
							inlined.error());
				});
			}
			if (output != null && output.responsesFile() != null) {
				return resultLines(this.files.download(output.responsesFile()));
			}
			return Flux.error(new IllegalStateException("Batch '" + batch.name() + "' has SUCCEEDED without "
					+ "inline responses or a responses file"));
		});
	}

	private Flux<BatchResult> resultLines(Flux<DataBuffer> content) {
		StringDecoder lines = StringDecoder.textPlainOnly(List.of("\n"), true);
		lines.setMaxInMemorySize(this.maxLineSize);
		return lines.decode(content, ResolvableType.forClass(String.class), null, null)
			.filter(StringUtils::hasText)
			.index()
			.map((indexed) -> {
				ResultLine line = parse(indexed.getT2());
				return result((line.key() != null) ? line.key() : Long.toString(indexed.getT1()), line.response(),
						line.error());
			});
	}

	private ResultLine parse(String line) {
		try {
			return this.resultLineReader.readValue(line);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("A line of the batch's result file is not a JSON result: "
					+ StringUtils.truncate(line, 200), ex);
		}
	}

	private static BatchResult result(String key, @Nullable GenerateContentResponse response,
			@Nullable RpcStatus error) {
		GeminiError geminiError = (error != null) ? new GeminiError(error.code(), error.message(), null, error.details())
				: null;
		return new BatchResult(key, response, geminiError);
	}

	private static String batchPath(String name) {
		return ResourceNames.path(BATCHES, name, "batch", "batches/abc123");
	}

	/** One line of a result file: the key and the response or the error. */
	record ResultLine(@Nullable String key, @Nullable GenerateContentResponse response, @Nullable RpcStatus error) {

	}

}
