package io.github.geminicomet.test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.geminicomet.model.GenerateContentRequest;

/**
 * The Files and Batch endpoints of {@link GeminiStub}: resumable uploads (start with an upload URL on
 * Google's host, chunks at the offset the stub has, finalize, query), files that are {@code ACTIVE} at
 * once ({@code PROCESSING} for one get when they are videos), downloads of generated files, and batches
 * that are {@code BATCH_STATE_PENDING} when created and {@code BATCH_STATE_SUCCEEDED} at the next get,
 * each request answered like a generate call of the stub (its script or responder). Embedding batches
 * ({@code asyncBatchEmbedContent}) answer each request with {@link #embedding(String, int) a unit vector
 * derived from its text}, and an error for a request without text.
 */
final class StubFilesAndBatches {

	static final int GRANULARITY = 256 * 1024;

	/** The size of the stub's embeddings when a request does not ask for one. */
	static final int EMBEDDING_SIZE = 768;

	private static final String GOOGLE = "https://generativelanguage.googleapis.com";

	private final JsonMapper jsonMapper;

	/** Answers one request of a batch: {@code {"response": ...}} or {@code {"error": ...}}. */
	private final BiFunction<String, GenerateContentRequest, Map<String, Object>> answerer;

	private final Map<String, Map<String, Object>> files = new ConcurrentHashMap<>();

	private final Map<String, byte[]> contents = new ConcurrentHashMap<>();

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> batches = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	StubFilesAndBatches(JsonMapper jsonMapper, BiFunction<String, GenerateContentRequest, Map<String, Object>> answerer) {
		this.jsonMapper = jsonMapper;
		this.answerer = answerer;
	}

	static boolean serves(String path) {
		return path.startsWith("/upload/") || path.contains("/files") || path.contains("/batches")
				|| path.endsWith(":batchGenerateContent") || path.endsWith(":asyncBatchEmbedContent");
	}

	void reset() {
		this.files.clear();
		this.contents.clear();
		this.sessions.clear();
		this.batches.clear();
	}

	Mono<Void> handle(HttpServerRequest request, HttpServerResponse response, String path, @Nullable String query) {
		String method = request.method().name();
		return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
			if (path.startsWith("/upload/")) {
				return upload(request, response, query, body);
			}
			int files = path.indexOf("/files");
			if (files >= 0) {
				return files(response, method, path.substring(files + 1), query);
			}
			int batches = path.indexOf("/batches");
			if (batches >= 0) {
				return batches(response, method, path.substring(batches + 1));
			}
			String model = path.substring(path.indexOf("/models/") + "/models/".length(), path.lastIndexOf(':'));
			return createBatch(response, model, body, path.endsWith(":asyncBatchEmbedContent"));
		});
	}

	private Mono<Void> upload(HttpServerRequest request, HttpServerResponse response, @Nullable String query,
			byte[] body) {
		String command = request.requestHeaders().get("X-Goog-Upload-Command", "");
		if (command.equals("start")) {
			String id = "upload-" + this.ids.incrementAndGet();
			JsonNode file = this.jsonMapper.readTree((body.length > 0) ? body : "{}".getBytes(StandardCharsets.UTF_8))
				.path("file");
			this.sessions.put(id, new Session(request.requestHeaders().get("X-Goog-Upload-Header-Content-Type",
					"application/octet-stream"), file.path("displayName").asString(null)));
			return response.status(200)
				.header("X-Goog-Upload-URL", GOOGLE + "/upload/v1beta/files?upload_id=" + id + "&upload_protocol=resumable")
				.header("X-Goog-Upload-Status", "active")
				.header("X-Goog-Upload-Chunk-Granularity", Integer.toString(GRANULARITY))
				.header(HttpHeaderNames.CONTENT_LENGTH, "0")
				.send()
				.then();
		}
		String id = (query != null && query.startsWith("upload_id=")) ? query.substring(10).split("&")[0] : "";
		Session session = this.sessions.get(id);
		if (session == null) {
			return error(response, 404, "No upload session " + id);
		}
		long offset = Long.parseLong(request.requestHeaders().get("X-Goog-Upload-Offset", "-1"));
		if (!command.equals("query") && offset != session.content.size()) {
			return error(response, 400, "Offset " + offset + " but the stub has " + session.content.size() + " bytes");
		}
		session.content.writeBytes(body);
		String received = Integer.toString(session.content.size());
		if (command.equals("upload, finalize")) {
			session.file = newFile(session);
		}
		if (session.file != null) {
			return json(response.header("X-Goog-Upload-Status", "final").header("X-Goog-Upload-Size-Received", received),
					200, Map.of("file", session.file));
		}
		return response.status(200)
			.header("X-Goog-Upload-Status", "active")
			.header("X-Goog-Upload-Size-Received", received)
			.header(HttpHeaderNames.CONTENT_LENGTH, "0")
			.send()
			.then();
	}

	private Map<String, Object> newFile(Session session) {
		String name = "files/stub-" + this.ids.incrementAndGet();
		byte[] content = session.content.toByteArray();
		Map<String, Object> file = new LinkedHashMap<>();
		file.put("name", name);
		if (session.displayName != null) {
			file.put("displayName", session.displayName);
		}
		file.put("mimeType", session.mimeType);
		file.put("sizeBytes", Integer.toString(content.length));
		file.put("uri", GOOGLE + "/v1beta/" + name);
		file.put("state", session.mimeType.startsWith("video/") ? "PROCESSING" : "ACTIVE");
		file.put("source", "UPLOADED");
		this.files.put(name, file);
		this.contents.put(name, content);
		return file;
	}

	private Mono<Void> files(HttpServerResponse response, String method, String path, @Nullable String query) {
		if (path.equals("files")) {
			return json(response, 200, Map.of("files", new ArrayList<>(this.files.values())));
		}
		boolean download = path.endsWith(":download");
		String name = download ? path.substring(0, path.length() - ":download".length()) : path;
		Map<String, Object> file = this.files.get(name);
		if (file == null) {
			return error(response, 404, "File " + name + " not found");
		}
		if (download) {
			if (!"GENERATED".equals(file.get("source"))) {
				return error(response, 400, "Only generated files can be downloaded");
			}
			return response.status(200).sendByteArray(Mono.just(this.contents.get(name))).then();
		}
		if (method.equals("DELETE")) {
			this.files.remove(name);
			this.contents.remove(name);
			return json(response, 200, Map.of());
		}
		Map<String, Object> answer = new LinkedHashMap<>(file);
		file.put("state", "ACTIVE");
		return json(response, 200, answer);
	}

	private Mono<Void> createBatch(HttpServerResponse response, String model, byte[] body, boolean embed) {
		JsonNode batch = this.jsonMapper.readTree(body).path("batch");
		JsonNode input = batch.path("inputConfig");
		List<Map<String, Object>> results = new ArrayList<>();
		boolean inline = input.has("requests");
		List<JsonNode> entries = new ArrayList<>();
		if (inline) {
			input.path("requests").path("requests").forEach(entries::add);
		}
		else {
			byte[] content = this.contents.get(input.path("fileName").asString(""));
			if (content == null) {
				return error(response, 400, "Input file " + input.path("fileName").asString("") + " not found");
			}
			for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank()) {
					entries.add(this.jsonMapper.readTree(line));
				}
			}
		}
		for (JsonNode entry : entries) {
			String key = inline ? entry.path("metadata").path("key").asString(null) : entry.path("key").asString(null);
			Map<String, Object> result = new LinkedHashMap<>(embed ? embed(entry.path("request"))
					: this.answerer.apply(model, this.jsonMapper.treeToValue(entry.path("request"),
							GenerateContentRequest.class)));
			if (key != null) {
				result.put(inline ? "metadata" : "key", inline ? Map.of("key", key) : key);
			}
			results.add(result);
		}
		String name = "batches/stub-" + this.ids.incrementAndGet();
		Map<String, Object> metadata = new LinkedHashMap<>();
		String kind = embed ? "EmbedContentBatch" : "GenerateContentBatch";
		metadata.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1beta." + kind);
		metadata.put("name", name);
		metadata.put("model", "models/" + model);
		metadata.put("displayName", batch.path("displayName").asString(name));
		metadata.put("state", "BATCH_STATE_PENDING");
		metadata.put("batchStats", Map.of("requestCount", Integer.toString(results.size()), "pendingRequestCount",
				Integer.toString(results.size())));
		Map<String, Object> output = new LinkedHashMap<>();
		output.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1beta." + kind + "Output");
		if (inline) {
			output.put("inlinedResponses", Map.of("inlinedResponses", results));
		}
		else {
			String file = "files/batch-" + name.substring("batches/".length());
			StringBuilder lines = new StringBuilder();
			results.forEach((result) -> lines.append(this.jsonMapper.writeValueAsString(result)).append('\n'));
			this.contents.put(file, lines.toString().getBytes(StandardCharsets.UTF_8));
			this.files.put(file, new LinkedHashMap<>(Map.of("name", file, "mimeType", "application/jsonl", "state",
					"ACTIVE", "source", "GENERATED")));
			output.put("responsesFile", file);
		}
		long failed = results.stream().filter((result) -> result.containsKey("error")).count();
		Map<String, Object> operation = new LinkedHashMap<>(Map.of("name", name, "metadata", metadata));
		this.batches.put(name, operation);
		Map<String, Object> created = copy(operation);
		metadata.put("state", "BATCH_STATE_SUCCEEDED");
		metadata.put("batchStats", Map.of("requestCount", Integer.toString(results.size()), "successfulRequestCount",
				Long.toString(results.size() - failed), "failedRequestCount", Long.toString(failed)));
		metadata.put("output", output);
		operation.put("done", true);
		operation.put("response", output);
		return json(response, 200, created);
	}

	/** Answer one request of an embedding batch: its embedding, or an error when it has no text. */
	private static Map<String, Object> embed(JsonNode request) {
		StringBuilder text = new StringBuilder();
		request.path("content").path("parts").forEach((part) -> text.append(part.path("text").asString("")));
		if (text.isEmpty()) {
			return Map.of("error", Map.of("code", 3, "message", "The text content is empty.", "status",
					"INVALID_ARGUMENT"));
		}
		int size = request.path("outputDimensionality").asInt(EMBEDDING_SIZE);
		return Map.of("response", Map.of("embedding", Map.of("values", embedding(text.toString(), size))));
	}

	/**
	 * The stub's embedding of a text: a unit vector of {@code size} values drawn from a generator seeded
	 * with the text, so that equal texts embed equally and different ones almost never do.
	 */
	static List<Double> embedding(String text, int size) {
		Random random = new Random(text.hashCode());
		double[] values = new double[Math.max(1, size)];
		double norm = 0;
		for (int i = 0; i < values.length; i++) {
			values[i] = random.nextGaussian();
			norm += values[i] * values[i];
		}
		List<Double> embedding = new ArrayList<>(values.length);
		for (double value : values) {
			embedding.add(value / Math.sqrt(norm));
		}
		return embedding;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> copy(Map<String, Object> operation) {
		Map<String, Object> copy = new LinkedHashMap<>(operation);
		copy.put("metadata", new LinkedHashMap<>((Map<String, Object>) operation.get("metadata")));
		return copy;
	}

	@SuppressWarnings("unchecked")
	private Mono<Void> batches(HttpServerResponse response, String method, String path) {
		if (path.equals("batches")) {
			return json(response, 200, Map.of("operations", new ArrayList<>(this.batches.values())));
		}
		boolean cancel = path.endsWith(":cancel");
		String name = cancel ? path.substring(0, path.length() - ":cancel".length()) : path;
		Map<String, Object> operation = this.batches.get(name);
		if (operation == null) {
			return error(response, 404, "Batch " + name + " not found");
		}
		if (cancel) {
			((Map<String, Object>) operation.get("metadata")).put("state", "BATCH_STATE_CANCELLED");
			((Map<String, Object>) operation.get("metadata")).remove("output");
			operation.remove("response");
			return json(response, 200, Map.of());
		}
		if (method.equals("DELETE")) {
			this.batches.remove(name);
			return json(response, 200, Map.of());
		}
		return json(response, 200, operation);
	}

	private Mono<Void> error(HttpServerResponse response, int status, String message) {
		return json(response, status, GeminiErrorBody.of(status, message, null));
	}

	private Mono<Void> json(HttpServerResponse response, int status, Object body) {
		byte[] bytes = this.jsonMapper.writeValueAsBytes(body);
		return response.status(HttpResponseStatus.valueOf(status))
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
			.sendByteArray(Mono.just(bytes))
			.then();
	}

	/** One upload session: what it declared and the bytes so far. */
	private static final class Session {

		final String mimeType;

		final @Nullable String displayName;

		final ByteArrayOutputStream content = new ByteArrayOutputStream();

		volatile @Nullable Map<String, Object> file;

		Session(String mimeType, @Nullable String displayName) {
			this.mimeType = mimeType;
			this.displayName = displayName;
		}

	}

}
