package io.github.geminicomet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

import io.netty.channel.ChannelOption;

import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.GenerateContentRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Shared setup of the resilience, timeout, fault, leak and pool tests of {@link GeminiTemplate}: Gemini
 * bodies, a template with fast retries, a WireMock server and a hand-made Reactor Netty server on
 * 127.0.0.1 for byte-level control.
 */
final class ResilienceTestSupport {

	static final String API_KEY = "resilience-test-key-never-logged";

	/** The longest any single reactive assertion waits: far above what a passing test needs. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final GenerateContentRequest HELLO = GenerateContentRequest.of("Hello");

	static final String UNARY_PATH = "/v1beta/models/gemini-3.5-flash-lite:generateContent";

	static final String STREAM_PATH = "/v1beta/models/gemini-3.5-flash-lite:streamGenerateContent?alt=sse";

	/**
	 * Timer of the fake servers: a plain daemon thread, so that what the servers write there (Netty's
	 * allocator may briefly lock when called off an event loop) is not reported by BlockHound as if the
	 * client blocked.
	 */
	static final Scheduler SERVER_TIMER = Schedulers.fromExecutorService(
			Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "fake-gemini-timer");
				thread.setDaemon(true);
				return thread;
			}), "fake-gemini-timer");

	private ResilienceTestSupport() {
	}

	/** Retries with tiny backoffs, no jitter, and server delays honoured up to 5 s. */
	static RetrySettings fastRetry(int maxAttempts) {
		return new RetrySettings(maxAttempts, Duration.ofMillis(10), Duration.ofMillis(40), 0, Duration.ofSeconds(5));
	}

	/** A template builder with the test key on {@code baseUrl}, with 3 fast attempts. */
	static GeminiTemplate.Builder templateBuilder(String baseUrl) {
		return GeminiTemplate.builder()
			.apiKey(API_KEY)
			.baseUrl(baseUrl)
			.retry(fastRetry(3))
			.transport(TemplateFixtures.TRANSPORT);
	}

	/** A WireMock server on a random port of 127.0.0.1. */
	static WireMockExtension wireMock() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
	}

	static String baseUrl(WireMockExtension wireMock) {
		return "http://127.0.0.1:" + wireMock.getPort();
	}

	/** A template from {@link #templateBuilder(String)} pointing at the WireMock server. */
	static GeminiTemplate template(WireMockExtension wireMock) {
		return templateBuilder(baseUrl(wireMock)).build();
	}

	/** A unary answer with {@code text} and finish reason STOP. */
	static String answer(String text) {
		return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"},"
				+ "\"finishReason\":\"STOP\",\"index\":0}],\"modelVersion\":\"gemini-3.5-flash-lite\"}";
	}

	/** A stream event carrying {@code text}, not the last. */
	static String event(String text) {
		return "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text
				+ "\"}],\"role\":\"model\"},\"index\":0}]}\r\n\r\n";
	}

	/** The last stream event, carrying {@code text} and finish reason STOP. */
	static String lastEvent(String text) {
		return "data: " + answer(text) + "\r\n\r\n";
	}

	/** A stream of {@code count} events whose texts are {@code t0}, {@code t1}, ..., the last one finished. */
	static String stream(int count) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < count; i++) {
			body.append((i < count - 1) ? event("t" + i) : lastEvent("t" + i));
		}
		return body.toString();
	}

	/** The text a client collects from {@link #stream(int)}. */
	static String streamText(int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append('t').append(i);
		}
		return text.toString();
	}

	/** A Gemini error body, with a {@code RetryInfo} detail when {@code retryDelay} is not null. */
	static String errorBody(int code, String status, String retryDelay) {
		String details = (retryDelay != null) ? ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
				+ "\"retryDelay\":\"" + retryDelay + "\"}]" : "";
		return "{\"error\":{\"code\":" + code + ",\"message\":\"test error " + code + "\",\"status\":\"" + status + "\""
				+ details + "}}";
	}

	static String errorBody(int code, String status) {
		return errorBody(code, status, null);
	}

	/** Answer the requests to {@code url} with {@code responses} in order, the last one from then on. */
	static void sequence(WireMockExtension wireMock, String url, ResponseDefinitionBuilder... responses) {
		String state = Scenario.STARTED;
		for (int i = 0; i < responses.length; i++) {
			String next = "step-" + (i + 1);
			ScenarioMappingBuilder stub = post(urlEqualTo(url)).inScenario("sequence " + url).whenScenarioStateIs(state)
				.willReturn(responses[i]);
			if (i < responses.length - 1) {
				stub = stub.willSetStateTo(next);
			}
			wireMock.stubFor(stub);
			state = next;
		}
	}

	/** Return the error a publisher signals, failing if it signals none within {@link #TIMEOUT}. */
	static Throwable errorOf(Publisher<?> publisher) {
		AtomicReference<Throwable> error = new AtomicReference<>();
		StepVerifier.create(publisher).thenConsumeWhile((element) -> true).expectErrorSatisfies(error::set)
			.verify(TIMEOUT);
		return error.get();
	}

	/** A port on 127.0.0.1 nothing listens on (a connection to it is refused at once). */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Wait, without blocking an event loop, until {@code condition} holds or {@code timeout} passes. */
	static boolean await(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/** The request's body, read and released, before the answer. */
	static Mono<Void> drain(HttpServerRequest request) {
		return request.receive().aggregate().then();
	}

	/** Close the connection without an answer, with a TCP reset. */
	static Mono<Void> reset(HttpServerResponse response) {
		return response.withConnection((connection) -> {
			connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
			connection.channel().close();
		}).then();
	}

	/** Close the connection abruptly, in the middle of whatever was being sent. */
	static Mono<Void> cut(HttpServerResponse response) {
		return response.withConnection((connection) -> connection.channel().close()).then();
	}

	/** A stream of {@link #stream(int)}'s events, {@code gap} apart. */
	static Flux<String> events(int count, Duration gap) {
		return Flux.range(0, count)
			.concatMap((i) -> Mono.delay(gap, SERVER_TIMER).thenReturn((i < count - 1) ? event("t" + i) : lastEvent("t" + i)));
	}

	/** What {@link #faulty} does to one request. */
	enum Outcome {

		/** A correct answer. */
		OK,
		/** 503 with {@code Retry-After: 0}. */
		UNAVAILABLE,
		/** 429 with a {@code RetryInfo} of 10 ms. */
		RATE_LIMITED,
		/** The connection reset before any answer. */
		RESET,
		/** A stream cut after two events; a unary body cut half-way. */
		CUT,
		/** Bytes that are not a Gemini answer. */
		GARBAGE,
		/** Nothing more after the headers (and a first event, for streams): only a read timeout ends it. */
		STALL,
		/** An error event after the first event; 500 for unary calls. */
		ERROR_EVENT

	}

	/** The outcome of the {@code index}-th request for {@code seed}: half of them correct. */
	static Outcome outcome(long seed, int index) {
		int draw = new SplittableRandom(seed * 1_000_003L + index).nextInt(100);
		if (draw < 50) {
			return Outcome.OK;
		}
		Outcome[] faults = { Outcome.UNAVAILABLE, Outcome.RATE_LIMITED, Outcome.RESET, Outcome.CUT, Outcome.GARBAGE,
				Outcome.STALL, Outcome.ERROR_EVENT };
		return faults[(draw - 50) % faults.length];
	}

	/**
	 * A fake Gemini that injects a fault, chosen at random from {@code seed}, into about half of the
	 * requests: unary answers carry the text of {@link #streamText(int) streamText(events)}, streams
	 * carry {@code events} events {@code gap} apart.
	 */
	static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> faulty(long seed, int events,
			Duration gap) {
		AtomicInteger counter = new AtomicInteger();
		return (request, response) -> {
			Outcome outcome = outcome(seed, counter.getAndIncrement());
			boolean streaming = request.uri().contains("streamGenerateContent");
			Mono<Void> body = drain(request);
			return switch (outcome) {
				case OK -> streaming
						? response.header("Content-Type", "text/event-stream").sendString(body.thenMany(events(events, gap)))
						: response.header("Content-Type", "application/json")
							.sendString(body.thenReturn(answer(streamText(events))));
				case UNAVAILABLE -> response.status(503)
					.header("Content-Type", "application/json")
					.header("Retry-After", "0")
					.sendString(body.thenReturn(errorBody(503, "UNAVAILABLE")));
				case RATE_LIMITED -> response.status(429)
					.header("Content-Type", "application/json")
					.sendString(body.thenReturn(errorBody(429, "RESOURCE_EXHAUSTED", "0.01s")));
				case RESET -> body.then(reset(response));
				case CUT -> streaming
						? response.header("Content-Type", "text/event-stream")
							.sendString(body.thenMany(events(events, gap).take(2)))
							.then()
							.then(Mono.defer(() -> cut(response)))
						: response.header("Content-Type", "application/json")
							.header("Content-Length", "400")
							.sendString(body.thenReturn("{\"candidates\":[{\"content\":"))
							.then()
							.then(Mono.defer(() -> cut(response)));
				case GARBAGE -> streaming
						? response.header("Content-Type", "text/event-stream")
							.sendString(body.thenReturn("data: {\"candidates\": [nonsense\r\n\r\n"))
						: response.header("Content-Type", "application/json")
							.sendString(body.thenReturn("<html>not json</html>"));
				case STALL -> streaming
						? response.header("Content-Type", "text/event-stream")
							.sendString(body.thenMany(Flux.concat(Mono.just(event("t0")), Flux.never())))
						: body.then(response.header("Content-Type", "application/json").sendHeaders().then())
							.then(Mono.<Void>never());
				case ERROR_EVENT -> streaming
						? response.header("Content-Type", "text/event-stream")
							.sendString(body.thenMany(Flux.concat(events(events, gap).take(1),
									Mono.delay(gap, SERVER_TIMER).thenReturn("data: " + errorBody(500, "INTERNAL") + "\r\n\r\n"))))
						: response.status(500)
							.header("Content-Type", "application/json")
							.sendString(body.thenReturn(errorBody(500, "INTERNAL")));
			};
		};
	}

	/**
	 * A Reactor Netty HTTP server on 127.0.0.1 whose handler is given by the test; counts requests and
	 * TCP connections opened and closed.
	 */
	static final class FakeServer implements AutoCloseable {

		final AtomicInteger requests = new AtomicInteger();

		final AtomicInteger opened = new AtomicInteger();

		final AtomicInteger closed = new AtomicInteger();

		private final DisposableServer server;

		private FakeServer(int port,
				BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
			this.server = HttpServer.create()
				.host("127.0.0.1")
				.port(port)
				.doOnChannelInit((observer, channel, address) -> {
					this.opened.incrementAndGet();
					channel.closeFuture().addListener((future) -> this.closed.incrementAndGet());
				})
				.handle((request, response) -> {
					this.requests.incrementAndGet();
					return handler.apply(request, response);
				})
				.bindNow(Duration.ofSeconds(5));
		}

		/** Start a server on a random port. */
		static FakeServer start(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
			return new FakeServer(0, handler);
		}

		/** Start a server on the given port. */
		static FakeServer start(int port, BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
			return new FakeServer(port, handler);
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.server.port();
		}

		/** Connections open right now, as the server sees them. */
		int openConnections() {
			return this.opened.get() - this.closed.get();
		}

		@Override
		public void close() {
			this.server.disposeNow(Duration.ofSeconds(5));
		}

	}

}
