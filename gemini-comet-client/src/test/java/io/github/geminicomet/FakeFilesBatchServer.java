package io.github.geminicomet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake of Google's Files and Batch endpoints on 127.0.0.1, strict the way the API reference is: the
 * resumable upload's commands in order (start, upload at the offset the server has, non-final chunks in
 * multiples of the advertised granularity, {@code upload, finalize} with the declared size, query), an
 * absolute upload URL on Google's host, files {@code PROCESSING} before {@code ACTIVE}, prompts refused
 * with 400 FAILED_PRECONDITION on a file not yet active, batches {@code BATCH_STATE_PENDING} ->
 * {@code RUNNING} -> {@code SUCCEEDED} (one step per get) answered as long-running operations, inline
 * results in {@code metadata.output} and {@code response}, JSONL result files as generated files.
 * Embedding batches ({@code asyncBatchEmbedContent}) are the same resource, for embedding models only,
 * each request an {@code EmbedContentRequest} ({@code content}, no {@code contents}, no other model than
 * the batch's), answered with {@code {"embedding": {"values": [...]}}}. Uploaded
 * bytes are counted and hashed, never kept (except JSONL batch inputs), so that large uploads cost no heap.
 */
final class FakeFilesBatchServer implements AutoCloseable {

	static final String GOOGLE_UPLOAD_HOST = "https://generativelanguage.googleapis.com";

	private static final Pattern FILE = Pattern.compile("/v1beta/files/([A-Za-z0-9._-]+)");

	private static final Pattern DOWNLOAD = Pattern.compile("/v1beta/files/([A-Za-z0-9._-]+):download");

	private static final Pattern BATCH = Pattern.compile("/v1beta/batches/([A-Za-z0-9._-]+)(:cancel)?");

	private static final Pattern GENERATE = Pattern
		.compile("/v1beta/models/([^/:]+):(generateContent|batchGenerateContent|asyncBatchEmbedContent)");

	private final JsonMapper json = JsonMapper.builder().build();

	private final DisposableServer server;

	private final int granularity;

	/** The upload commands received, as {@code "command offset length"}. */
	final List<String> commands = new CopyOnWriteArrayList<>();

	/** Every request line, as {@code "METHOD /path?query"}. */
	final List<String> requests = new CopyOnWriteArrayList<>();

	final Map<String, Map<String, Object>> files = new ConcurrentHashMap<>();

	final Map<String, byte[]> generatedContent = new ConcurrentHashMap<>();

	final Map<String, Batch> batches = new ConcurrentHashMap<>();

	private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	/** Gets a video file answers PROCESSING before it turns ACTIVE. */
	volatile int processingPolls = 1;

	/** The 0-based index of a chunk to fail once, or -1. */
	volatile int failChunk = -1;

	/** Whether the failed chunk is stored before the failure (the answer is lost) or dropped (503). */
	volatile boolean failAfterStore;

	/** Status to answer batch creates with, or 0 for none. */
	volatile int failBatchCreate;

	final AtomicInteger batchCreates = new AtomicInteger();

	/** The page size of lists, whatever the client asks. */
	volatile int listPageSize = 2;

	FakeFilesBatchServer(int granularity) {
		this.granularity = granularity;
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String uri = request.uri();
		String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
		String method = request.method().name();
		this.requests.add(method + " " + uri);
		if (!TemplateFixtures.API_KEY.equals(request.requestHeaders().get("x-goog-api-key"))) {
			return error(response, 401, "UNAUTHENTICATED", "API key not valid");
		}
		if (path.equals("/upload/v1beta/files") && method.equals("POST")) {
			return uri.contains("upload_id=") ? uploadCommand(request, response, query(uri, "upload_id"))
					: startUpload(request, response);
		}
		Matcher matcher = DOWNLOAD.matcher(path);
		if (matcher.matches() && method.equals("GET")) {
			byte[] content = this.generatedContent.get("files/" + matcher.group(1));
			if (content == null) {
				return error(response, 400, "INVALID_ARGUMENT", "Only generated files can be downloaded");
			}
			return response.status(200).header("Content-Type", "application/octet-stream").sendByteArray(Mono.just(content)).then();
		}
		matcher = FILE.matcher(path);
		if (matcher.matches()) {
			return file(response, method, "files/" + matcher.group(1));
		}
		if (path.equals("/v1beta/files") && method.equals("GET")) {
			return page(response, uri, "files", new ArrayList<>(this.files.values()));
		}
		matcher = BATCH.matcher(path);
		if (matcher.matches()) {
			return batch(response, method, "batches/" + matcher.group(1), matcher.group(2) != null);
		}
		if (path.equals("/v1beta/batches") && method.equals("GET")) {
			List<Object> operations = new ArrayList<>();
			this.batches.values().forEach((batch) -> operations.add(batch.operation()));
			return page(response, uri, "operations", operations);
		}
		Matcher generate = GENERATE.matcher(path);
		if (generate.matches() && method.equals("POST")) {
			String model = generate.group(1);
			String call = generate.group(2);
			return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> switch (call) {
				case "generateContent" -> generate(response, body);
				case "asyncBatchEmbedContent" -> createBatch(response, model, body, true);
				default -> createBatch(response, model, body, false);
			});
		}
		return error(response, 404, "NOT_FOUND", "No fake for " + method + " " + path);
	}

	private Mono<Void> startUpload(HttpServerRequest request, HttpServerResponse response) {
		var headers = request.requestHeaders();
		if (!"resumable".equals(headers.get("X-Goog-Upload-Protocol")) || !"start".equals(headers.get("X-Goog-Upload-Command"))
				|| headers.get("X-Goog-Upload-Header-Content-Length") == null
				|| headers.get("X-Goog-Upload-Header-Content-Type") == null) {
			return error(response, 400, "INVALID_ARGUMENT", "Not a resumable upload start");
		}
		long size = Long.parseLong(headers.get("X-Goog-Upload-Header-Content-Length"));
		String mimeType = headers.get("X-Goog-Upload-Header-Content-Type");
		return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
			JsonNode file = this.json.readTree(body).path("file");
			String displayName = file.path("displayName").isString() ? file.path("displayName").asString() : null;
			String id = "u" + this.ids.incrementAndGet();
			this.uploads.put(id, new Upload(size, mimeType, displayName, mimeType.equals("application/jsonl")));
			this.commands.add("start 0 " + size);
			return response.status(200)
				.header("X-Goog-Upload-URL", GOOGLE_UPLOAD_HOST + "/upload/v1beta/files?upload_id=" + id
						+ "&upload_protocol=resumable")
				.header("X-Goog-Upload-Status", "active")
				.header("X-Goog-Upload-Chunk-Granularity", Integer.toString(this.granularity))
				.header("Content-Length", "0")
				.send()
				.then();
		});
	}

	private Mono<Void> uploadCommand(HttpServerRequest request, HttpServerResponse response, String id) {
		Upload upload = this.uploads.get(id);
		if (upload == null) {
			return error(response, 404, "NOT_FOUND", "No such upload");
		}
		String command = request.requestHeaders().get("X-Goog-Upload-Command", "");
		if (command.equals("query")) {
			this.commands.add("query " + upload.received + " 0");
			return request.receive().then(Mono.defer(() -> (upload.file != null)
					? sendJson(response.header("X-Goog-Upload-Status", "final")
						.header("X-Goog-Upload-Size-Received", Long.toString(upload.received)), Map.of("file", upload.file))
					: response.status(200).header("X-Goog-Upload-Status", "active")
						.header("X-Goog-Upload-Size-Received", Long.toString(upload.received))
						.header("Content-Length", "0").send().then()));
		}
		boolean finalize = command.equals("upload, finalize");
		if (!command.equals("upload") && !finalize) {
			return error(response, 400, "INVALID_ARGUMENT", "Unknown command " + command);
		}
		long offset = Long.parseLong(request.requestHeaders().get("X-Goog-Upload-Offset", "-1"));
		long length = Long.parseLong(request.requestHeaders().get("Content-Length", "-1"));
		this.commands.add(command + " " + offset + " " + length);
		if (offset != upload.received) {
			return error(response, 400, "INVALID_ARGUMENT", "Offset " + offset + " but the server has " + upload.received);
		}
		if (!finalize && length % this.granularity != 0) {
			return error(response, 400, "INVALID_ARGUMENT", "A non-final chunk must be a multiple of " + this.granularity);
		}
		int chunk = upload.chunks++;
		boolean fail = chunk == this.failChunk;
		if (fail) {
			this.failChunk = -1;
		}
		MessageDigest digest = upload.copyDigest();
		long[] count = new long[1];
		List<byte[]> kept = new ArrayList<>();
		return request.receive().doOnNext((buffer) -> {
			count[0] += buffer.readableBytes();
			byte[] bytes = new byte[buffer.readableBytes()];
			buffer.getBytes(buffer.readerIndex(), bytes);
			digest.update(bytes);
			if (upload.keep) {
				kept.add(bytes);
			}
		}).then(Mono.<Void>defer(() -> {
			if (count[0] != length) {
				return error(response, 400, "INVALID_ARGUMENT", "Content-Length " + length + " but " + count[0] + " bytes");
			}
			if (fail && !this.failAfterStore) {
				return error(response, 503, "UNAVAILABLE", "Chunk dropped");
			}
			upload.received += count[0];
			upload.digest = digest;
			kept.forEach(upload.content::add);
			if (finalize) {
				if (upload.received != upload.size) {
					return error(response, 400, "INVALID_ARGUMENT", "Finalized at " + upload.received + " of " + upload.size);
				}
				upload.file = newFile(upload);
			}
			if (fail) {
				response.withConnection((connection) -> connection.channel().close());
				return Mono.<Void>never();
			}
			if (finalize) {
				return sendJson(response.header("X-Goog-Upload-Status", "final"), Map.of("file", upload.file));
			}
			return response.status(200).header("X-Goog-Upload-Status", "active").header("Content-Length", "0").send().then();
		}));
	}

	private Map<String, Object> newFile(Upload upload) {
		String name = "files/f" + this.ids.incrementAndGet();
		Map<String, Object> file = new LinkedHashMap<>();
		file.put("name", name);
		if (upload.displayName != null) {
			file.put("displayName", upload.displayName);
		}
		file.put("mimeType", upload.mimeType);
		file.put("sizeBytes", Long.toString(upload.size));
		file.put("createTime", "2026-12-02T10:00:00.123456Z");
		file.put("updateTime", "2026-12-02T10:00:00.123456Z");
		file.put("expirationTime", "2026-12-04T10:00:00.123456Z");
		String hex = HexFormat.of().formatHex(upload.digest.digest());
		file.put("sha256Hash", Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII)));
		file.put("uri", GOOGLE_UPLOAD_HOST + "/v1beta/" + name);
		file.put("state", upload.mimeType.startsWith("video/") ? "PROCESSING" : "ACTIVE");
		file.put("source", "UPLOADED");
		file.put("someFieldAddedLater", true);
		this.files.put(name, file);
		if (upload.keep) {
			int total = upload.content.stream().mapToInt((bytes) -> bytes.length).sum();
			byte[] all = new byte[total];
			int position = 0;
			for (byte[] bytes : upload.content) {
				System.arraycopy(bytes, 0, all, position, bytes.length);
				position += bytes.length;
			}
			this.generatedContent.put("input:" + name, all);
		}
		return file;
	}

	private Mono<Void> file(HttpServerResponse response, String method, String name) {
		Map<String, Object> file = this.files.get(name);
		if (file == null) {
			return error(response, 404, "NOT_FOUND", "File " + name + " not found");
		}
		if (method.equals("DELETE")) {
			this.files.remove(name);
			return sendJson(response, Map.of());
		}
		if (!method.equals("GET")) {
			return error(response, 405, "INVALID_ARGUMENT", "Method not allowed");
		}
		if ("PROCESSING".equals(file.get("state"))) {
			int polls = (int) file.getOrDefault("polls", 0);
			file.put("polls", polls + 1);
			if (polls + 1 > this.processingPolls) {
				file.put("state", "ACTIVE");
			}
		}
		Map<String, Object> answer = new LinkedHashMap<>(file);
		answer.remove("polls");
		return sendJson(response, answer);
	}

	private Mono<Void> generate(HttpServerResponse response, byte[] body) {
		JsonNode request = this.json.readTree(body);
		for (JsonNode content : request.path("contents")) {
			for (JsonNode part : content.path("parts")) {
				String uri = part.path("fileData").path("fileUri").asString("");
				if (!uri.isEmpty()) {
					String name = uri.substring(uri.indexOf("files/"));
					Map<String, Object> file = this.files.get(name);
					if (file == null) {
						return error(response, 403, "PERMISSION_DENIED", "You do not have permission to access the File " + name);
					}
					if (!"ACTIVE".equals(file.get("state"))) {
						return error(response, 400, "FAILED_PRECONDITION", "The File " + name + " is not in an ACTIVE state");
					}
				}
			}
		}
		return sendJson(response, answer("Seen " + request.path("contents").size() + " content(s)"));
	}

	private static Map<String, Object> answer(String text) {
		return Map.of("candidates", List.of(Map.of("content", Map.of("role", "model", "parts", List.of(Map.of("text", text))),
				"finishReason", "STOP")), "modelVersion", "gemini-3.5-flash-lite");
	}

	private Mono<Void> createBatch(HttpServerResponse response, String model, byte[] body, boolean embed) {
		this.batchCreates.incrementAndGet();
		if (this.failBatchCreate != 0) {
			return error(response, this.failBatchCreate, "UNAVAILABLE", "Try again later");
		}
		if (embed && !model.contains("embedding")) {
			return error(response, 404, "NOT_FOUND", "models/" + model + " is not found for API version v1beta, "
					+ "or is not supported for asyncBatchEmbedContent");
		}
		JsonNode batch = this.json.readTree(body).path("batch");
		if (!batch.path("displayName").isString()) {
			return error(response, 400, "INVALID_ARGUMENT", "batch.display_name is required");
		}
		JsonNode input = batch.path("inputConfig");
		if (input.has("requests") == input.has("fileName")) {
			return error(response, 400, "INVALID_ARGUMENT", "batch.input_config needs exactly one of requests and file_name");
		}
		List<String[]> entries = new ArrayList<>();
		boolean inline = input.has("requests");
		if (inline) {
			for (JsonNode entry : input.path("requests").path("requests")) {
				entries.add(new String[] { entry.path("metadata").path("key").asString(null), entry.path("request").toString() });
			}
		}
		else {
			String fileName = input.path("fileName").asString("");
			byte[] content = this.generatedContent.get("input:" + fileName);
			if (content == null) {
				return error(response, 400, "INVALID_ARGUMENT", "Input file " + fileName + " not found");
			}
			for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank()) {
					JsonNode entry = this.json.readTree(line);
					entries.add(new String[] { entry.path("key").asString(null), entry.path("request").toString() });
				}
			}
		}
		if (entries.isEmpty()) {
			return error(response, 400, "INVALID_ARGUMENT", "A batch needs requests");
		}
		if (embed) {
			for (String[] entry : entries) {
				JsonNode request = this.json.readTree(entry[1]);
				if (request.has("contents") || !request.path("content").path("parts").isArray()) {
					return error(response, 400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unknown name "
							+ "\"contents\" or missing content: each request is an EmbedContentRequest");
				}
				if (request.has("model") && !request.path("model").asString().equals("models/" + model)) {
					return error(response, 400, "INVALID_ARGUMENT", "Request model " + request.path("model").asString()
							+ " does not match the batch's models/" + model);
				}
			}
		}
		String name = "batches/b" + this.ids.incrementAndGet();
		Batch created = new Batch(name, "models/" + model, batch.path("displayName").asString(), inline, embed, entries);
		this.batches.put(name, created);
		return sendJson(response, created.operation());
	}

	private Mono<Void> batch(HttpServerResponse response, String method, String name, boolean cancel) {
		Batch batch = this.batches.get(name);
		if (batch == null) {
			return error(response, 404, "NOT_FOUND", "Batch " + name + " not found");
		}
		if (cancel && method.equals("POST")) {
			batch.state = "BATCH_STATE_CANCELLED";
			return sendJson(response, Map.of());
		}
		if (method.equals("DELETE")) {
			this.batches.remove(name);
			return sendJson(response, Map.of());
		}
		if (!method.equals("GET")) {
			return error(response, 405, "INVALID_ARGUMENT", "Method not allowed");
		}
		batch.advance();
		return sendJson(response, batch.operation());
	}

	private Mono<Void> page(HttpServerResponse response, String uri, String field, List<?> items) {
		String token = query(uri, "pageToken");
		int start = (token != null) ? Integer.parseInt(token) : 0;
		int end = Math.min(items.size(), start + this.listPageSize);
		Map<String, Object> page = new LinkedHashMap<>();
		page.put(field, items.subList(start, end));
		if (end < items.size()) {
			page.put("nextPageToken", Integer.toString(end));
		}
		return sendJson(response, page);
	}

	private Mono<Void> sendJson(HttpServerResponse response, Object body) {
		byte[] bytes = this.json.writeValueAsBytes(body);
		return response.status(200).header("Content-Type", "application/json; charset=UTF-8")
			.sendByteArray(Mono.just(bytes)).then();
	}

	private Mono<Void> error(HttpServerResponse response, int status, String reason, String message) {
		byte[] bytes = this.json.writeValueAsBytes(Map.of("error", Map.of("code", status, "message", message, "status", reason)));
		return response.status(HttpResponseStatus.valueOf(status)).header("Content-Type", "application/json; charset=UTF-8")
			.sendByteArray(Mono.just(bytes)).then();
	}

	private static String query(String uri, String name) {
		int start = uri.indexOf('?');
		if (start < 0) {
			return null;
		}
		for (String pair : uri.substring(start + 1).split("&")) {
			if (pair.startsWith(name + "=")) {
				return pair.substring(name.length() + 1);
			}
		}
		return null;
	}

	/** One resumable upload session. */
	private static final class Upload {

		final long size;

		final String mimeType;

		final String displayName;

		final boolean keep;

		final List<byte[]> content = new ArrayList<>();

		long received;

		int chunks;

		MessageDigest digest;

		Map<String, Object> file;

		Upload(long size, String mimeType, String displayName, boolean keep) {
			this.size = size;
			this.mimeType = mimeType;
			this.displayName = displayName;
			this.keep = keep;
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		MessageDigest copyDigest() {
			try {
				return (MessageDigest) this.digest.clone();
			}
			catch (CloneNotSupportedException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** One batch: PENDING, then RUNNING, then SUCCEEDED, one step per get; "FAIL" in a request fails it. */
	final class Batch {

		final String name;

		final String model;

		final String displayName;

		final boolean inline;

		final boolean embed;

		final List<String[]> entries;

		volatile String state = "BATCH_STATE_PENDING";

		private String responsesFile;

		Batch(String name, String model, String displayName, boolean inline, boolean embed, List<String[]> entries) {
			this.name = name;
			this.model = model;
			this.displayName = displayName;
			this.inline = inline;
			this.embed = embed;
			this.entries = entries;
		}

		synchronized void advance() {
			if (this.state.equals("BATCH_STATE_PENDING")) {
				this.state = "BATCH_STATE_RUNNING";
			}
			else if (this.state.equals("BATCH_STATE_RUNNING")) {
				this.state = "BATCH_STATE_SUCCEEDED";
				if (!this.inline) {
					StringBuilder lines = new StringBuilder();
					for (String[] entry : this.entries) {
						lines.append(json.writeValueAsString(result(entry))).append('\n');
					}
					this.responsesFile = "files/batch-" + this.name.substring("batches/".length());
					generatedContent.put(this.responsesFile, lines.toString().getBytes(StandardCharsets.UTF_8));
				}
			}
		}

		private Map<String, Object> result(String[] entry) {
			Map<String, Object> result = new LinkedHashMap<>();
			if (entry[0] != null) {
				if (this.inline) {
					result.put("metadata", Map.of("key", entry[0]));
				}
				else {
					result.put("key", entry[0]);
				}
			}
			if (entry[1].contains("FAIL")) {
				result.put("error", Map.of("code", 3, "message", "Request contains an invalid argument."));
			}
			else if (this.embed) {
				result.put("response", Map.of("embedding", Map.of("values", embedding(json.readTree(entry[1])))));
			}
			else {
				result.put("response", answer("Answer to " + entry[0]));
			}
			return result;
		}

		/** outputDimensionality values (4 by default), the first the length of the text. */
		private List<Double> embedding(JsonNode request) {
			String text = request.path("content").path("parts").path(0).path("text").asString("");
			int size = request.path("outputDimensionality").asInt(4);
			List<Double> values = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				values.add((i == 0) ? text.length() : i / 10.0);
			}
			return values;
		}

		synchronized Map<String, Object> operation() {
			boolean succeeded = this.state.equals("BATCH_STATE_SUCCEEDED");
			long failed = this.entries.stream().filter((entry) -> entry[1].contains("FAIL")).count();
			Map<String, Object> stats = new LinkedHashMap<>();
			stats.put("requestCount", Integer.toString(this.entries.size()));
			if (succeeded) {
				stats.put("successfulRequestCount", Long.toString(this.entries.size() - failed));
				if (failed > 0) {
					stats.put("failedRequestCount", Long.toString(failed));
				}
			}
			else {
				stats.put("pendingRequestCount", Integer.toString(this.entries.size()));
			}
			Map<String, Object> metadata = new LinkedHashMap<>();
			metadata.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1main."
					+ (this.embed ? "EmbedContentBatch" : "GenerateContentBatch"));
			metadata.put("model", this.model);
			metadata.put("displayName", this.displayName);
			metadata.put("createTime", "2026-12-02T10:00:00.123456Z");
			metadata.put("updateTime", "2026-12-02T10:05:00.123456Z");
			metadata.put("batchStats", stats);
			metadata.put("state", this.state);
			metadata.put("name", this.name);
			Map<String, Object> operation = new LinkedHashMap<>();
			operation.put("name", this.name);
			operation.put("metadata", metadata);
			if (succeeded) {
				metadata.put("endTime", "2026-12-02T10:09:00.123456Z");
				Map<String, Object> output = new LinkedHashMap<>();
				output.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1main."
						+ (this.embed ? "EmbedContentBatchOutput" : "GenerateContentBatchOutput"));
				if (this.inline) {
					output.put("inlinedResponses", Map.of("inlinedResponses", this.entries.stream().map(this::result).toList()));
				}
				else {
					output.put("responsesFile", this.responsesFile);
				}
				metadata.put("output", output);
				operation.put("done", true);
				operation.put("response", output);
			}
			else if (this.state.equals("BATCH_STATE_CANCELLED")) {
				operation.put("done", true);
			}
			return operation;
		}

	}

}
