package io.github.geminicomet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A fake Gemini on Reactor Netty's server, on a free port of 127.0.0.1: HTTP/1.1 or HTTP/2, plain or over
 * TLS with the {@link TestCertificate}. It counts the TCP connections requests came on (not HTTP/2 streams), records the protocol and key
 * header of each request, and answers by model name: {@code flaky} fails its first call with 503,
 * {@code broken} always answers 500, {@code endless} streams an event every 20 ms until cancelled (and
 * counts the cancellations); any other model answers normally.
 */
public final class NettyGeminiServer implements AutoCloseable {

	static final String ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Rex"}]},"finishReason":"STOP","index":0}]}""";

	static final String EVENT = "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"He\"}]},"
			+ "\"index\":0}]}\r\n\r\n";

	static final String LAST_EVENT = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"llo\"}]},"
			+ "\"finishReason\":\"STOP\",\"index\":0}]}\r\n\r\n";

	private final DisposableServer server;

	private final Set<String> clientAddresses = ConcurrentHashMap.newKeySet();

	private final AtomicInteger cancelledStreams = new AtomicInteger();

	private final List<String> protocols = new CopyOnWriteArrayList<>();

	private final List<String> keys = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final boolean secure;

	private NettyGeminiServer(boolean secure, HttpProtocol... protocols) {
		this.secure = secure;
		HttpServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(protocols)
			.route((routes) -> routes.post("/v1beta/models/{call}", this::answer));
		if (secure) {
			TestCertificate certificate = TestCertificate.get();
			boolean h2 = List.of(protocols).contains(HttpProtocol.H2);
			server = server.secure((spec) -> spec.sslContext(h2
					? Http2SslContextSpec.forServer(certificate.privateKey(), certificate.certificate())
					: Http11SslContextSpec.forServer(certificate.privateKey(), certificate.certificate())));
		}
		this.server = server.bindNow();
	}

	/** HTTP/1.1 over TLS. */
	public static NettyGeminiServer https() {
		return new NettyGeminiServer(true, HttpProtocol.HTTP11);
	}

	/** HTTP/2 (and HTTP/1.1) over TLS, agreed through ALPN. */
	public static NettyGeminiServer h2() {
		return new NettyGeminiServer(true, HttpProtocol.H2, HttpProtocol.HTTP11);
	}

	/** HTTP/2 over plain TCP, with prior knowledge. */
	public static NettyGeminiServer h2c() {
		return new NettyGeminiServer(false, HttpProtocol.H2C);
	}

	/** HTTP/1.1 over plain TCP. */
	public static NettyGeminiServer http() {
		return new NettyGeminiServer(false, HttpProtocol.HTTP11);
	}

	public String baseUrl() {
		return (this.secure ? "https" : "http") + "://127.0.0.1:" + this.server.port();
	}

	/** TCP connections that carried requests so far (HTTP/2 streams counted by their connection). */
	public int connections() {
		return this.clientAddresses.size();
	}

	/** Streams of the {@code endless} model that the client cancelled. */
	public int cancelledStreams() {
		return this.cancelledStreams.get();
	}

	/** The protocol of each request, such as {@code HTTP/2.0}. */
	public List<String> protocols() {
		return this.protocols;
	}

	/** The {@code x-goog-api-key} header of each request. */
	public List<String> keys() {
		return this.keys;
	}

	/** How many calls were made for the given model. */
	public int calls(String model) {
		AtomicInteger count = this.calls.get(model);
		return (count != null) ? count.get() : 0;
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
		String call = request.param("call");
		String model = call.substring(0, call.indexOf(':'));
		boolean stream = call.endsWith(":streamGenerateContent");
		int number = this.calls.computeIfAbsent(model, (name) -> new AtomicInteger()).incrementAndGet();
		this.protocols.add(request.protocol());
		this.clientAddresses.add(String.valueOf(request.remoteAddress()));
		this.keys.add(String.valueOf(request.requestHeaders().get("x-goog-api-key")));
		Mono<Void> body = request.receive().then();
		if (model.equals("broken") || (model.equals("flaky") && number == 1)) {
			int status = model.equals("broken") ? 500 : 503;
			return body.then(response.status(HttpResponseStatus.valueOf(status))
				.header("Content-Type", "application/json")
				.sendString(Mono.just("{\"error\":{\"code\":" + status + ",\"message\":\"try again\",\"status\":\""
						+ (status == 500 ? "INTERNAL" : "UNAVAILABLE") + "\"}}"))
				.then());
		}
		if (!stream) {
			return body.then(response.header("Content-Type", "application/json").sendString(Mono.just(ANSWER)).then());
		}
		response.header("Content-Type", "text/event-stream");
		if (model.equals("endless")) {
			Flux<String> events = Flux.interval(Duration.ofMillis(20))
				.map((tick) -> EVENT)
				.doOnCancel(this.cancelledStreams::incrementAndGet);
			return body.then(response.sendString(events, StandardCharsets.UTF_8).then());
		}
		return body.then(response.sendString(Flux.just(EVENT, LAST_EVENT), StandardCharsets.UTF_8).then());
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

}
