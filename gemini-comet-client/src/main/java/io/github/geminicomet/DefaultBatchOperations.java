package io.github.geminicomet;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;
import tools.jackson.databind.ObjectReader;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.geminicomet.model.Batch;
import io.github.geminicomet.model.BatchRequest;
import io.github.geminicomet.model.BatchResult;
import io.github.geminicomet.model.ContentEmbedding;
import io.github.geminicomet.model.EmbedBatchRequest;
import io.github.geminicomet.model.EmbedContentRequest;
import io.github.geminicomet.model.EmbedContentResponse;
import io.github.geminicomet.model.EmbeddingBatchResult;
import io.github.geminicomet.model.GeminiError;
import io.github.geminicomet.model.GeminiFile;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.ListBatchesResponse;
import io.github.geminicomet.model.RpcStatus;

/**
 * Default {@link BatchOperations}: the {@code batches} paths on the template's {@link GeminiApi}, creates
 * observed as {@value #CREATE_BATCH} (or {@value #CREATE_EMBEDDING_BATCH}) and never retried, result files
 * read through {@link FileOperations}.
 */
final class DefaultBatchOperations implements BatchOperations {

	/** The {@code gen_ai.operation.name} of a batch create. */
	static final String CREATE_BATCH = "create_batch";

	/** The {@code gen_ai.operation.name} of an embedding batch create. */
	static final String CREATE_EMBEDDING_BATCH = "create_embedding_batch";

	/** The MIME type of JSONL input files. */
	static final String JSONL = "application/jsonl";

	private static final String BATCHES = "batches/";

	private static final int PAGE_SIZE = 100;

	private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);

	private static final Duration DEFAULT_TIMEOUT = Duration.ofHours(48);

	private final GeminiApi api;

	private final FileOperations files;

	private final BatchInputs inputs;

	private final ObjectReader resultLineReader;

	private final ObjectReader embeddingResultLineReader;

	private final int maxLineSize;

	DefaultBatchOperations(GeminiApi api, FileOperations files, int maxLineSize) {
		this.api = api;
		this.files = files;
		this.inputs = new BatchInputs(api.jsonMapper());
		this.resultLineReader = api.jsonMapper().readerFor(ResultLine.class);
		this.embeddingResultLineReader = api.jsonMapper().readerFor(EmbeddingResultLine.class);
		this.maxLineSize = maxLineSize;
	}

	@Override
	public Mono<Batch> create(String model, List<BatchRequest> requests, @Nullable String displayName) {
		String modelName = GeminiTemplate.modelName(model);
		Assert.notNull(requests, "'requests' must not be null");
		return Mono.fromCallable(() -> this.inputs.inline(requests, BatchRequest::key, BatchRequest::request,
				displayName, "createViaFile"))
			.flatMap((body) -> observedCreate(Kind.GENERATE, modelName, body));
	}

	@Override
	public Mono<Batch> create(String model, GeminiFile jsonlInput, @Nullable String displayName) {
		String modelName = GeminiTemplate.modelName(model);
		Assert.notNull(jsonlInput, "'jsonlInput' must not be null");
		return Mono.fromCallable(() -> this.inputs.file(jsonlInput, displayName))
			.flatMap((body) -> observedCreate(Kind.GENERATE, modelName, body));
	}

	@Override
	public Mono<Batch> createViaFile(String model, Flux<BatchRequest> requests, @Nullable String displayName) {
		String modelName = GeminiTemplate.modelName(model);
		Assert.notNull(requests, "'requests' must not be null");
		return viaFile(this.inputs.jsonLines(requests, BatchRequest::key, BatchRequest::request),
				(file) -> create(modelName, file, displayName));
	}

	@Override
	public Mono<Batch> createEmbeddings(String model, List<EmbedBatchRequest> requests, @Nullable String displayName) {
		String modelName = GeminiTemplate.modelName(model);
		Assert.notNull(requests, "'requests' must not be null");
		return Mono.fromCallable(() -> this.inputs.inline(requests, EmbedBatchRequest::key,
				(request) -> checkedModel(modelName, request), displayName, "createEmbeddingsViaFile"))
			.flatMap((body) -> observedCreate(Kind.EMBED, modelName, body));
	}

	@Override
	public Mono<Batch> createEmbeddings(String model, GeminiFile jsonlInput, @Nullable String displayName) {
		String modelName = GeminiTemplate.modelName(model);
		Assert.notNull(jsonlInput, "'jsonlInput' must not be null");
		return Mono.fromCallable(() -> this.inputs.file(jsonlInput, displayName))
			.flatMap((body) -> observedCreate(Kind.EMBED, modelName, body));
	}

	@Override
	public Mono<Batch> createEmbeddingsViaFile(String model, Flux<EmbedBatchRequest> requests,
			@Nullable String displayName) {
		String modelName = GeminiTemplate.modelName(model);
		Assert.notNull(requests, "'requests' must not be null");
		return viaFile(this.inputs.jsonLines(requests, EmbedBatchRequest::key,
				(request) -> checkedModel(modelName, request)), (file) -> createEmbeddings(modelName, file, displayName));
	}

	/**
	 * Write the lines to a temporary file as they come, upload it, create the batch from it and delete the
	 * local file.
	 */
	private Mono<Batch> viaFile(Flux<DataBuffer> lines, Function<GeminiFile, Mono<Batch>> create) {
		return Mono.usingWhen(
				Mono.fromCallable(() -> Files.createTempFile("gemini-batch-", ".jsonl"))
					.subscribeOn(Schedulers.boundedElastic()),
				(path) -> DataBufferUtils.write(lines, path)
					.then(this.files.upload(new FileSystemResource(path), JSONL))
					.flatMap(create),
				(path) -> Mono.fromCallable(() -> Files.deleteIfExists(path)).subscribeOn(Schedulers.boundedElastic()));
	}

	/** The request of an embedding batch, refused when it names another model than the batch's. */
	private static EmbedContentRequest checkedModel(String model, EmbedBatchRequest request) {
		String requestModel = request.request().model();
		if (requestModel != null && !GeminiTemplate.modelName(requestModel).equals(model)) {
			throw new IllegalArgumentException("The request with key '" + request.key() + "' names model '"
					+ requestModel + "' but the batch is for 'models/" + model + "': a batch embeds with one "
					+ "model, so leave the request's model unset (or set it to the batch's)");
		}
		return request.request();
	}

	private Mono<Batch> observedCreate(Kind kind, String model, byte[] body) {
		String path = "models/" + model + ":" + kind.method;
		return this.api.observer()
			.call(this.api.callOnce(HttpMethod.POST, path, body, Batch.class), kind.operationName, model,
					this.api.uri(path), null);
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
		return succeeded(name).flatMapMany((batch) -> {
			Batch.Output output = batch.output();
			if (output != null && output.inlinedResponses() != null) {
				return Flux.fromIterable(output.inlinedResponses())
					.index()
					.map((indexed) -> new BatchResult(key(indexed.getT2().metadata(), indexed.getT1()),
							indexed.getT2().response(), error(indexed.getT2().error())));
			}
			if (output != null && output.responsesFile() != null) {
				return lines(this.files.download(output.responsesFile())).map((indexed) -> {
					ResultLine line = parse(this.resultLineReader, indexed.getT2());
					if (line.response() != null && line.response().embedding() != null) {
						throw new IllegalStateException("Batch '" + batch.name() + "' holds embeddings: read them with "
								+ "embeddingResults(name)");
					}
					GenerateContentResponse response = (line.response() != null) ? line.response().generated() : null;
					return new BatchResult(key(line.key(), indexed.getT1()), response, error(line.error()));
				});
			}
			if (output != null && output.inlinedEmbedContentResponses() != null) {
				return Flux.error(new IllegalStateException("Batch '" + batch.name() + "' holds embeddings: "
						+ "read them with embeddingResults(name)"));
			}
			return Flux.error(noOutput(batch));
		});
	}

	@Override
	public Flux<EmbeddingBatchResult> embeddingResults(String name) {
		return succeeded(name).flatMapMany((batch) -> {
			Batch.Output output = batch.output();
			if (output != null && output.inlinedEmbedContentResponses() != null) {
				return Flux.fromIterable(output.inlinedEmbedContentResponses()).index().map((indexed) -> {
					Batch.InlinedEmbedContentResponse inlined = indexed.getT2();
					ContentEmbedding embedding = (inlined.response() != null) ? inlined.response().embedding() : null;
					return new EmbeddingBatchResult(key(inlined.metadata(), indexed.getT1()), embedding,
							error(inlined.error()));
				});
			}
			if (output != null && output.responsesFile() != null) {
				return lines(this.files.download(output.responsesFile())).map((indexed) -> {
					EmbeddingResultLine line = parse(this.embeddingResultLineReader, indexed.getT2());
					ContentEmbedding embedding = (line.response() != null) ? line.response().embedding() : null;
					if (embedding == null && line.error() == null) {
						throw new IllegalStateException("A line of the batch's result file holds neither an embedding "
								+ "nor an error (the result of a generate batch? read those with results(name)): "
								+ StringUtils.truncate(indexed.getT2(), 200));
					}
					return new EmbeddingBatchResult(key(line.key(), indexed.getT1()), embedding, error(line.error()));
				});
			}
			if (output != null && output.inlinedResponses() != null) {
				return Flux.error(new IllegalStateException("Batch '" + batch.name() + "' holds generate "
						+ "responses, not embeddings: read them with results(name)"));
			}
			return Flux.error(noOutput(batch));
		});
	}

	/** The batch, or an error saying what to do when it has not succeeded. */
	private Mono<Batch> succeeded(String name) {
		return get(name).handle((batch, sink) -> {
			if (batch.state() == Batch.State.SUCCEEDED) {
				sink.next(batch);
				return;
			}
			String error = (batch.error() != null) ? " (" + batch.error().message() + ")" : "";
			sink.error(new IllegalStateException("Batch '" + batch.name() + "' is " + batch.state() + error
					+ ": results are readable once it has SUCCEEDED; wait for it with awaitCompletion(name)"));
		});
	}

	private static IllegalStateException noOutput(Batch batch) {
		return new IllegalStateException("Batch '" + batch.name() + "' has SUCCEEDED without inline responses or a "
				+ "responses file");
	}

	/** The non-blank lines of a result file with their index, decoded as they arrive. */
	private Flux<Tuple2<Long, String>> lines(Flux<DataBuffer> content) {
		StringDecoder lines = StringDecoder.textPlainOnly(List.of("\n"), true);
		lines.setMaxInMemorySize(this.maxLineSize);
		return lines.decode(content, ResolvableType.forClass(String.class), null, null)
			.filter(StringUtils::hasText)
			.index();
	}

	private static <T> T parse(ObjectReader reader, String line) {
		try {
			return reader.readValue(line);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("A line of the batch's result file is not a JSON result: "
					+ StringUtils.truncate(line, 200), ex);
		}
	}

	/** The caller's key from an inline result's metadata, else the request's index. */
	private static String key(@Nullable Map<String, Object> metadata, long index) {
		Object key = (metadata != null) ? metadata.get("key") : null;
		return (key != null) ? key.toString() : Long.toString(index);
	}

	private static String key(@Nullable String key, long index) {
		return (key != null) ? key : Long.toString(index);
	}

	private static @Nullable GeminiError error(@Nullable RpcStatus error) {
		return (error != null) ? new GeminiError(error.code(), error.message(), null, error.details()) : null;
	}

	private static String batchPath(String name) {
		return ResourceNames.path(BATCHES, name, "batch", "batches/abc123");
	}

	/** One line of a result file: the key and the response or the error. */
	record ResultLine(@Nullable String key, @Nullable LineResponse response, @Nullable RpcStatus error) {

	}

	/** The response of a result file's line: a generate response, unless it holds an embedding. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record LineResponse(@JsonUnwrapped @Nullable GenerateContentResponse generated, @Nullable Object embedding) {

	}

	/** One line of an embedding batch's result file: the key and the embedding response or the error. */
	record EmbeddingResultLine(@Nullable String key, @Nullable EmbedContentResponse response,
			@Nullable RpcStatus error) {

	}

	/** What tells the two kinds of batch apart on the wire and in observations. */
	private enum Kind {

		GENERATE("batchGenerateContent", CREATE_BATCH), EMBED("asyncBatchEmbedContent", CREATE_EMBEDDING_BATCH);

		final String method;

		final String operationName;

		Kind(String method, String operationName) {
			this.method = method;
			this.operationName = operationName;
		}

	}

}
