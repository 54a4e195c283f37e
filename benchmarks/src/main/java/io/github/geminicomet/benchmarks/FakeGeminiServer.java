package io.github.geminicomet.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.tcp.SslProvider;

/**
 * A fast fake Gemini on 127.0.0.1 (Reactor Netty), over plain http or TLS (HTTP/1.1 or h2): answers {@code :generateContent} and
 * {@code :streamGenerateContent} under any prefix, with the {@link Workload} named by the model. Every
 * body is prepared once and sent without copying; timers run on the connection's own event loop.
 */
final class FakeGeminiServer implements AutoCloseable {

	private static final Pattern PATH = Pattern.compile(".*/models/([^/:?]+):(generateContent|streamGenerateContent).*");

	private final Map<String, byte[]> unaryBodies = new ConcurrentHashMap<>();

	private final Map<String, List<byte[]>> streams = new ConcurrentHashMap<>();

	private final Map<EventLoop, Scheduler> timers = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong connections = new AtomicLong();

	private final DisposableServer server;

	private final boolean secure;

	FakeGeminiServer(int port) {
		this(port, null, false, false);
	}

	/**
	 * A fake Gemini over TLS with the given certificate (plain http without one), offering h2 through ALPN
	 * when asked, with the JDK's TLS or OpenSSL.
	 */
	FakeGeminiServer(int port, @Nullable BenchTls tls, boolean h2, boolean openSsl) {
		HttpServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.option(ChannelOption.SO_BACKLOG, 16_384)
			.doOnChannelInit((observer, channel, address) -> this.connections.incrementAndGet())
			.handle(this::handle);
		if (tls != null) {
			SslProvider.ProtocolSslContextSpec spec = h2 ? Http2SslContextSpec.forServer(tls.keyManagerFactory())
					: Http11SslContextSpec.forServer(tls.keyManagerFactory());
			spec = spec.configure((builder) -> builder
				.sslProvider(openSsl ? io.netty.handler.ssl.SslProvider.OPENSSL : io.netty.handler.ssl.SslProvider.JDK));
			SslProvider.ProtocolSslContextSpec context = spec;
			server = server.secure((secure) -> secure.sslContext(context));
			if (h2) {
				server = server.protocol(HttpProtocol.H2, HttpProtocol.HTTP11);
			}
		}
		this.secure = (tls != null);
		this.server = server.bindNow(Duration.ofSeconds(10));
	}

	String baseUrl() {
		return (this.secure ? "https" : "http") + "://127.0.0.1:" + this.server.port();
	}

	long requests() {
		return this.requests.get();
	}

	/** Connections accepted so far: how well a client reuses its connections. */
	long connections() {
		return this.connections.get();
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		this.requests.incrementAndGet();
		Matcher matcher = PATH.matcher(request.uri());
		// aggregate, not then(): ignoring the buffers would release them twice (discard hook and receive)
		Mono<Void> drained = request.receive().aggregate().then();
		if (!matcher.matches()) {
			return response.status(404).sendString(drained.thenReturn("{\"error\":{\"code\":404,\"message\":\"no route "
					+ request.uri() + "\",\"status\":\"NOT_FOUND\"}}"));
		}
		Workload workload = Workload.parse(matcher.group(1));
		Scheduler timer = timer(response);
		if (matcher.group(2).equals("generateContent")) {
			byte[] body = this.unaryBodies.computeIfAbsent(matcher.group(1),
					(model) -> Payloads.unary(workload.events() * workload.textSize()));
			Mono<Void> ready = (workload.firstDelayMillis() > 0)
					? drained.then(Mono.delay(Duration.ofMillis(workload.firstDelayMillis()), timer)).then() : drained;
			return response.header("Content-Type", "application/json")
				.header("Content-Length", Integer.toString(body.length))
				.send(ready.then(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body))));
		}
		List<byte[]> events = this.streams.computeIfAbsent(matcher.group(1),
				(model) -> Payloads.events(workload.events(), workload.textSize()));
		Flux<io.netty.buffer.ByteBuf> body = Flux.range(0, events.size()).concatMap((i) -> {
			int delay = (i == 0) ? workload.firstDelayMillis() : workload.delayMillis();
			Mono<io.netty.buffer.ByteBuf> event = Mono.fromSupplier(() -> Unpooled.wrappedBuffer(events.get(i)));
			return (delay > 0) ? Mono.delay(Duration.ofMillis(delay), timer).then(event) : event;
		});
		return response.header("Content-Type", "text/event-stream").send(drained.thenMany(body));
	}

	/** A scheduler on the connection's event loop, so that timed writes need no thread hop. */
	private Scheduler timer(HttpServerResponse response) {
		EventLoop[] loop = new EventLoop[1];
		response.withConnection((connection) -> loop[0] = connection.channel().eventLoop());
		return this.timers.computeIfAbsent(loop[0], (key) -> Schedulers.fromExecutorService(key));
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(10));
	}

	/**
	 * Run the fake server alone, on the given port (default 8089), until the process is stopped.
	 * @param args the port, optionally
	 * @throws InterruptedException if interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		FakeGeminiServer server = new FakeGeminiServer((args.length > 0) ? Integer.parseInt(args[0]) : 8089);
		System.out.println("Fake Gemini on " + server.baseUrl());
		Thread.currentThread().join();
	}

}
