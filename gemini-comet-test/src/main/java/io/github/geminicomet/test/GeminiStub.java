package io.github.geminicomet.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

import io.github.geminicomet.model.BlockReason;
import io.github.geminicomet.model.CountTokensResponse;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;
import io.github.geminicomet.model.ListModelsResponse;
import io.github.geminicomet.model.Model;

/**
 * A stub of Gemini's native API, served in-process on a random {@code 127.0.0.1} port, for testing an
 * application without a key or a network: script the model's answers, point the application at
 * {@link #baseUrl()}, then assert on the requests it sent.
 *
 * <pre class="code">
 * try (GeminiStub stub = GeminiStub.start();
 *         GeminiTemplate gemini = GeminiTemplate.builder().baseUrl(stub.baseUrl()).apiKey(GeminiStub.API_KEY).build()) {
 *     stub.replyText("Rex");
 *     assertThat(gemini.generateText("Name a dog").block()).isEqualTo("Rex");
 *     assertThat(stub.lastRequest().prompt()).isEqualTo("Name a dog");
 * }
 * </pre>
 *
 * <p>In a Spring Boot test, {@link AutoConfigureGeminiStub @AutoConfigureGeminiStub} starts one and points
 * {@code cometapi.gemini.base-url} at it; with plain JUnit, {@link GeminiStubExtension} does.
 *
 * <p><strong>Answers.</strong> Each {@code generateContent} or {@code streamGenerateContent} request
 * takes the next scripted answer, in the order they were scripted; the last one keeps answering once
 * the others are used (like Mockito's {@code thenReturn(a, b)}), so a single {@code replyText(...)}
 * answers every request of a test. Script a function-calling exchange as the turns the model takes:
 * <pre class="code">
 * stub.callFunction("currentWeather", Map.of("city", "Paris"));  // first request
 * stub.replyText("It is sunny in Paris.");                       // every later one
 * </pre>
 * A request that arrives when nothing was scripted goes to the {@link #answerWith(Responder) responder};
 * without one it fails with a 400 whose message says how to script an answer. The other endpoints
 * answer by themselves: {@code GET models/{model}} (the health check), {@code GET models} and
 * {@code countTokens} (an estimate of about four characters a token), the Files API (resumable uploads,
 * files {@code ACTIVE} at once, videos after one poll) and batch mode (each request of a batch answered
 * like a generate call, the batch {@code SUCCEEDED} at its first poll; since 0.2.0), embedding batches
 * included ({@code asyncBatchEmbedContent}: each text embedded as a unit vector derived from the text, equal
 * texts equally, 768 values unless the request's {@code outputDimensionality} asks otherwise; a request
 * without text fails); others are 404.
 *
 * <p>Every request is recorded ({@link #requests()}, {@link #lastRequest()}). {@link #reset()} forgets
 * the script, the responder and the requests. Thread-safe.
 *
 * @author gemini-comet
 * @since 0.1.0
 */
public final class GeminiStub implements AutoCloseable {

	/**
	 * The placeholder API key that {@link AutoConfigureGeminiStub} and {@link GeminiStubExtension} users
	 * configure; the stub accepts any key.
	 */
	public static final String API_KEY = "gemini-stub-key";

	private static final Responder NO_ANSWER = (request) -> ScriptedAnswer.error(400,
			"GeminiStub has no answer for request " + request + ": script one first, such as "
					+ "stub.replyText(\"...\"), stub.streamText(...), stub.replyJson(value), "
					+ "stub.callFunction(name, args) or stub.failWith(429, \"...\"), or set a responder with "
					+ "stub.answerWith(...)");

	private static final List<String> MODELS = List.of("gemini-3.5-flash-lite", "gemini-3.5-flash",
			"gemini-3.8-flash", "gemini-3.1-pro-preview", "gemini-3.1-flash-image", "gemini-embedding-001");

	private final JsonMapper jsonMapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final List<ScriptedAnswer> script = new CopyOnWriteArrayList<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger generations = new AtomicInteger();

	private final AtomicInteger received = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile Responder responder = NO_ANSWER;

	private final StubFilesAndBatches filesAndBatches = new StubFilesAndBatches(this.jsonMapper, this::batchAnswer);

	private final LoopResources loops;

	private final DisposableServer server;

	private GeminiStub() {
		this.loops = LoopResources.create("gemini-stub", 1, 2, true);
		try {
			this.server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.runOn(this.loops)
				.handle(this::handle)
				.bindNow(Duration.ofSeconds(10));
		}
		catch (RuntimeException ex) {
			this.loops.dispose();
			throw ex;
		}
	}

	/**
	 * Start a stub on a random free port of {@code 127.0.0.1}.
	 * @return the running stub; {@link #close()} it when done
	 */
	public static GeminiStub start() {
		return new GeminiStub();
	}

	/**
	 * Return the base URL to configure ({@code cometapi.gemini.base-url}, or
	 * {@code GeminiTemplate.builder().baseUrl(...)}).
	 * @return the base URL, such as {@code http://127.0.0.1:40123}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Return the port the stub listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Script an answer with the given text.
	 * @param text the answer's text
	 * @return the scripted answer, to refine (thoughts, usage, citations...)
	 */
	public ScriptedAnswer replyText(String text) {
		return reply(ScriptedAnswer.text(text));
	}

	/**
	 * Script an answer streamed in the given chunks: one server-sent event each for a stream (a unary
	 * call gets them joined). Add thoughts with {@link ScriptedAnswer#withThoughts(String...)}.
	 * @param chunks the text chunks, in order
	 * @return the scripted answer
	 */
	public ScriptedAnswer streamText(String... chunks) {
		return reply(ScriptedAnswer.textChunks(chunks));
	}

	/**
	 * Script a structured-output answer: the JSON form of the given value as the answer's text.
	 * @param value the value, such as the record the application asks for
	 * @return the scripted answer
	 */
	public ScriptedAnswer replyJson(@Nullable Object value) {
		return reply(ScriptedAnswer.json(value));
	}

	/**
	 * Script a turn in which the model calls a function; script the answer that follows the function's
	 * result next. Add parallel calls with {@link ScriptedAnswer#andCallFunction(String, Map)}.
	 * @param name the function name
	 * @param args the arguments
	 * @return the scripted answer
	 */
	public ScriptedAnswer callFunction(String name, Map<String, ?> args) {
		return reply(ScriptedAnswer.functionCall(name, args));
	}

	/**
	 * Script an answer with a generated image.
	 * @param mimeType the image's MIME type, such as {@code image/png}
	 * @param data the image's bytes
	 * @return the scripted answer
	 */
	public ScriptedAnswer replyImage(String mimeType, byte[] data) {
		return reply(ScriptedAnswer.image(mimeType, data));
	}

	/**
	 * Script an answer that blocks the prompt.
	 * @param reason the block reason
	 * @return the scripted answer
	 */
	public ScriptedAnswer blockPrompt(BlockReason reason) {
		return reply(ScriptedAnswer.blockedPrompt(reason));
	}

	/**
	 * Script an error answer, such as {@code failWith(429, "Quota exceeded")}. Keep in mind that the
	 * client retries 429 and 5xx answers; a later scripted answer serves the retry.
	 * @param status the HTTP status, 400 to 599
	 * @param message the error message
	 * @return the scripted answer, to add a {@link ScriptedAnswer#withRetryDelay(Duration) retry delay}
	 */
	public ScriptedAnswer failWith(int status, String message) {
		return reply(ScriptedAnswer.error(status, message));
	}

	/**
	 * Script an answer built beforehand.
	 * @param answer the answer
	 * @return the answer
	 */
	public ScriptedAnswer reply(ScriptedAnswer answer) {
		Assert.notNull(answer, "'answer' must not be null");
		this.script.add(answer);
		return answer;
	}

	/**
	 * Answer the generation requests that find no scripted answer with the given responder, such as a
	 * {@link PlausibleResponder}.
	 * @param responder the responder
	 * @return this stub
	 */
	public GeminiStub answerWith(Responder responder) {
		Assert.notNull(responder, "'responder' must not be null");
		this.responder = responder;
		return this;
	}

	/**
	 * Return every request received since the stub started or was last reset, in order of arrival.
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Return the generation requests ({@code generateContent} and {@code streamGenerateContent}) received
	 * since the stub started or was last reset.
	 * @return the requests, in order of arrival
	 */
	public List<RecordedRequest> generationRequests() {
		return this.requests.stream().filter(RecordedRequest::isGeneration).toList();
	}

	/**
	 * Return the last request received.
	 * @return the request
	 * @throws AssertionError if no request arrived
	 */
	public RecordedRequest lastRequest() {
		List<RecordedRequest> all = requests();
		if (all.isEmpty()) {
			throw new AssertionError("GeminiStub received no request");
		}
		return all.get(all.size() - 1);
	}

	/**
	 * Forget the scripted answers, the responder and the recorded requests.
	 */
	public void reset() {
		this.script.clear();
		this.requests.clear();
		this.generations.set(0);
		this.received.set(0);
		this.responder = NO_ANSWER;
		this.filesAndBatches.reset();
	}

	/**
	 * Stop the server.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.server.disposeNow(Duration.ofSeconds(5));
			this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
		}
	}

	@Override
	public String toString() {
		return "GeminiStub[" + baseUrl() + ", " + this.script.size() + " scripted answers, " + this.requests.size()
				+ " requests]";
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String uri = request.uri();
		int question = uri.indexOf('?');
		String path = (question >= 0) ? uri.substring(0, question) : uri;
		if (StubFilesAndBatches.serves(path)) {
			record(request, "");
			return this.filesAndBatches.handle(request, response, path, (question >= 0) ? uri.substring(question + 1) : null);
		}
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.flatMap((body) -> respond(record(request, body), response));
	}

	private RecordedRequest record(HttpServerRequest request, String body) {
		String uri = request.uri();
		int question = uri.indexOf('?');
		String path = (question >= 0) ? uri.substring(0, question) : uri;
		String query = (question >= 0) ? uri.substring(question + 1) : null;
		HttpHeaders headers = new HttpHeaders();
		request.requestHeaders().forEach((header) -> headers.add(header.getKey(), header.getValue()));
		String model = null;
		String operation = "unknown";
		int models = path.indexOf("/models");
		if (models >= 0) {
			String rest = path.substring(models + "/models".length());
			if (rest.isEmpty() || rest.equals("/")) {
				operation = "list";
			}
			else if (rest.startsWith("/")) {
				String name = rest.substring(1);
				int colon = name.indexOf(':');
				model = (colon >= 0) ? name.substring(0, colon) : name;
				operation = (colon >= 0) ? name.substring(colon + 1) : "get";
			}
		}
		GenerateContentRequest generateContentRequest = null;
		if (!body.isBlank() && ("generateContent".equals(operation) || "streamGenerateContent".equals(operation)
				|| "countTokens".equals(operation))) {
			generateContentRequest = readRequest(body, operation);
		}
		RecordedRequest recorded = new RecordedRequest(this.received.getAndIncrement(), request.method().name(), path,
				query, headers, body, model, operation, generateContentRequest);
		this.requests.add(recorded);
		return recorded;
	}

	private @Nullable GenerateContentRequest readRequest(String body, String operation) {
		try {
			JsonNode node = this.jsonMapper.readTree(body);
			if ("countTokens".equals(operation)) {
				if (node.has("generateContentRequest")) {
					return this.jsonMapper.treeToValue(node.get("generateContentRequest"), GenerateContentRequest.class);
				}
				return new GenerateContentRequest(
						this.jsonMapper.treeToValue(node, io.github.geminicomet.model.CountTokensRequest.class)
							.contents(),
						null, null, null, null, null, null, null);
			}
			return this.jsonMapper.treeToValue(node, GenerateContentRequest.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private Mono<Void> respond(RecordedRequest request, HttpServerResponse response) {
		return switch (request.operation()) {
			case "generateContent", "streamGenerateContent" -> generate(request, response);
			case "countTokens" -> (request.body().isBlank() || hasNoRequest(request))
					? sendError(response, 400, "Invalid JSON payload received.")
					: sendJson(response, 200, new CountTokensResponse(
							Math.max(1, ScriptedTurn.tokens(request.allText())), null, null, null));
			case "get" -> "GET".equals(request.method()) ? sendJson(response, 200, model(request.model()))
					: notFound(request, response);
			case "list" -> "GET".equals(request.method())
					? sendJson(response, 200,
							new ListModelsResponse(MODELS.stream().map(GeminiStub::model).toList(), null))
					: notFound(request, response);
			default -> notFound(request, response);
		};
	}

	private static boolean hasNoRequest(RecordedRequest request) {
		try {
			request.generateContentRequest();
			return false;
		}
		catch (IllegalStateException ex) {
			return true;
		}
	}

	private Mono<Void> generate(RecordedRequest request, HttpServerResponse response) {
		if (hasNoRequest(request)) {
			return sendError(response, 400, "Invalid JSON payload received: " + request.body().length() + " bytes.");
		}
		int index = this.generations.getAndIncrement();
		ScriptedAnswer answer;
		try {
			answer = nextAnswer(request, index);
		}
		catch (RuntimeException ex) {
			return sendError(response, 400, "GeminiStub's responder failed on request " + request + ": " + ex);
		}
		String responseId = "stub-" + index;
		Mono<Void> reply;
		if (answer.isError()) {
			reply = sendJson(response, answer.errorStatus(), answer.errorBody());
		}
		else if (request.isStreaming()) {
			reply = sendEvents(response, answer.events(request, responseId), answer.chunkDelay());
		}
		else {
			reply = sendJson(response, 200, answer.response(request, responseId));
		}
		Duration delay = answer.delay();
		return delay.isZero() ? reply : Mono.delay(delay).then(reply);
	}

	/** Answer one request of a batch like a generate call: from the script or the responder. */
	private Map<String, Object> batchAnswer(String model, GenerateContentRequest request) {
		RecordedRequest recorded = new RecordedRequest(this.received.get(), "POST",
				"/v1beta/models/" + model + ":generateContent", null, new HttpHeaders(),
				this.jsonMapper.writeValueAsString(request), model, "generateContent", request);
		int index = this.generations.getAndIncrement();
		ScriptedAnswer answer = nextAnswer(recorded, index);
		if (answer.isError()) {
			Object error = answer.errorBody().get("error");
			return Map.of("error", (error != null) ? error : answer.errorBody());
		}
		return Map.of("response", answer.response(recorded, "stub-batch-" + index));
	}

	private ScriptedAnswer nextAnswer(RecordedRequest request, int index) {
		List<ScriptedAnswer> answers = new ArrayList<>(this.script);
		if (answers.isEmpty()) {
			ScriptedAnswer answer = this.responder.answer(request);
			Assert.state(answer != null, "The responder returned null");
			return answer;
		}
		return answers.get(Math.min(index, answers.size() - 1));
	}

	private Mono<Void> sendEvents(HttpServerResponse response, List<GenerateContentResponse> events, Duration delay) {
		Flux<String> data = Flux.fromIterable(events)
			.map((event) -> "data: " + this.jsonMapper.writeValueAsString(event) + "\r\n\r\n");
		if (!delay.isZero()) {
			data = data.concatMap((event) -> Mono.just(event).delayElement(delay));
		}
		return response.status(200)
			.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
			.header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
			.sendString(data, StandardCharsets.UTF_8)
			.then();
	}

	private Mono<Void> notFound(RecordedRequest request, HttpServerResponse response) {
		return sendError(response, 404, "GeminiStub does not serve " + request.method() + " " + request.path());
	}

	private Mono<Void> sendError(HttpServerResponse response, int status, String message) {
		return sendJson(response, status, GeminiErrorBody.of(status, message, null));
	}

	private Mono<Void> sendJson(HttpServerResponse response, int status, Object body) {
		byte[] json = this.jsonMapper.writeValueAsBytes(body);
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(json.length))
			.sendByteArray(Mono.just(json))
			.then();
	}

	private static Model model(@Nullable String name) {
		String id = (name != null) ? name : "gemini-3.5-flash-lite";
		return new Model("models/" + id, id, "stub", id + " (GeminiStub)", "A stub of " + id + " served by GeminiStub",
				1_048_576, 65_536, List.of("generateContent", "streamGenerateContent", "countTokens"), 1.0, 2.0, 0.95,
				64, Boolean.TRUE);
	}

}
