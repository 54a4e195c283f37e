package io.github.geminicomet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;
import io.github.geminicomet.model.GenerateContentResponse;

import static io.github.geminicomet.ResilienceTestSupport.HELLO;
import static io.github.geminicomet.ResilienceTestSupport.SERVER_TIMER;
import static io.github.geminicomet.ResilienceTestSupport.TIMEOUT;
import static io.github.geminicomet.ResilienceTestSupport.answer;
import static io.github.geminicomet.ResilienceTestSupport.errorOf;
import static io.github.geminicomet.ResilienceTestSupport.event;
import static io.github.geminicomet.ResilienceTestSupport.fastRetry;
import static io.github.geminicomet.ResilienceTestSupport.lastEvent;
import static io.github.geminicomet.ResilienceTestSupport.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link GeminiTemplate}'s timeouts: connect, read (idle), first byte and whole call; each
 * failure names the one that fired.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateTimeoutTests {

	private static final String CONNECT = "cometapi.gemini.connect-timeout";

	private static final String READ = "cometapi.gemini.read-timeout";

	private static final String FIRST_BYTE = "cometapi.gemini.first-byte-timeout";

	private static final String CALL = "cometapi.gemini.call-timeout";

	@Test
	void connectTimeoutNamesConnectTimeoutAndIsRetried() throws IOException {
		// a listening socket that never accepts, with its accept queue full: the kernel drops further SYNs,
		// so a connect hangs until the connect timeout fires (all on the loopback interface)
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			List<Socket> fillers = fillAcceptQueue(listener);
			try {
				assumeThat(fillers).as("accept queue could be filled").isNotEmpty();
				try (GeminiTemplate template = templateBuilder("http://127.0.0.1:" + listener.getLocalPort())
					.connectTimeout(Duration.ofMillis(200))
					.retry(fastRetry(2))
					.build()) {
					Throwable error = errorOf(template.generateContent(HELLO));
					assertThat(error).isExactlyInstanceOf(GeminiRequestException.class)
						.hasMessageContaining("could not connect within the connect timeout of PT0.2S (" + CONNECT + ")")
						.hasMessageContaining("after 2 attempts");
					assertNamesOnly(error, CONNECT);
					assertThat(((GeminiRequestException) error).isConnectionFailure()).isTrue();
				}
			}
			finally {
				for (Socket filler : fillers) {
					filler.close();
				}
			}
		}
	}

	@Test
	void readTimeoutOnStalledStreamNamesReadTimeout() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(request.receive().aggregate().then().thenMany(Flux.concat(Flux.just(event("t0"), event("t1")), Flux.never()))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).readTimeout(Duration.ofMillis(300)).build()) {
			List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();
			Throwable error = errorOf(template.streamGenerateContent(HELLO).doOnNext((e) -> texts.add(e.text())));
			assertThat(error).isInstanceOfSatisfying(GeminiIncompleteStreamException.class, (ex) -> {
				assertThat(ex.getEventCount()).isEqualTo(2);
				assertThat(ex).hasMessageContaining("read timeout of PT0.3S (" + READ + ")");
			});
			assertNamesOnly(error, READ);
			assertThat(texts).containsExactly("t0", "t1");
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void readTimeoutOnUnaryWithoutAnswerNamesReadTimeout() {
		try (FakeServer server = FakeServer.start((request, response) -> request.receive().aggregate().then().then(Mono.never()));
				GeminiTemplate template = templateBuilder(server.baseUrl()).readTimeout(Duration.ofMillis(300)).build()) {
			Throwable error = errorOf(template.generateContent(HELLO));
			assertThat(error).isInstanceOf(GeminiRequestException.class)
				.hasMessageContaining("read timeout of PT0.3S (" + READ + ")");
			assertNamesOnly(error, READ);
		}
	}

	@Test
	void streamKeepsGoingWhileEventsFlowPastReadTimeout() {
		// six events 150 ms apart: the stream lasts far longer than the 400 ms read timeout
		Flux<String> events = Flux.interval(Duration.ofMillis(150), SERVER_TIMER)
			.take(6)
			.map((i) -> (i < 5) ? event("t" + i) : lastEvent("t" + i));
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(request.receive().aggregate().then().thenMany(events)));
				GeminiTemplate template = templateBuilder(server.baseUrl()).readTimeout(Duration.ofMillis(400)).build()) {
			StepVerifier.create(template.streamGenerateContent(HELLO).map(GenerateContentResponse::text))
				.expectNext("t0", "t1", "t2", "t3", "t4", "t5")
				.expectComplete()
				.verify(TIMEOUT);
		}
	}

	@Test
	void firstByteTimeoutWhenHeadersButNoEventNamesFirstByteTimeout() {
		try (FakeServer server = FakeServer.start((request, response) -> request.receive().aggregate().then()
			.then(response.header("Content-Type", "text/event-stream").sendHeaders().then())
			.then(Mono.never()));
				GeminiTemplate template = templateBuilder(server.baseUrl()).firstByteTimeout(Duration.ofMillis(300))
					.build()) {
			Throwable error = errorOf(template.streamGenerateContent(HELLO));
			assertThat(error).isInstanceOf(GeminiRequestException.class)
				.hasMessageContaining("first-byte timeout of PT0.3S (" + FIRST_BYTE + ")");
			assertNamesOnly(error, FIRST_BYTE);
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void firstByteTimeoutCountsEventsNotComments() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(request.receive().aggregate().then().thenMany(Flux.concat(Flux.just(": keep-alive\r\n\r\n"), Flux.never()))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).firstByteTimeout(Duration.ofMillis(300))
					.build()) {
			Throwable error = errorOf(template.streamGenerateContent(HELLO));
			assertThat(error).isInstanceOf(GeminiRequestException.class).hasMessageContaining(FIRST_BYTE);
			assertNamesOnly(error, FIRST_BYTE);
		}
	}

	@Test
	void firstByteTimeoutDoesNotApplyAfterFirstEvent() {
		Flux<String> events = Flux.concat(Flux.just(event("t0")),
				Flux.interval(Duration.ofMillis(250), SERVER_TIMER).take(3).map((i) -> (i < 2) ? event("t" + (i + 1)) : lastEvent("t3")));
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(request.receive().aggregate().then().thenMany(events)));
				GeminiTemplate template = templateBuilder(server.baseUrl()).firstByteTimeout(Duration.ofMillis(150))
					.build()) {
			StepVerifier.create(template.streamGenerateContent(HELLO).map(GenerateContentResponse::text))
				.expectNext("t0", "t1", "t2", "t3")
				.expectComplete()
				.verify(TIMEOUT);
		}
	}

	@Test
	void callTimeoutOnSlowUnaryNamesCallTimeout() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(request.receive().aggregate().then().then(Mono.delay(Duration.ofSeconds(3), SERVER_TIMER)).map((tick) -> answer("late"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).callTimeout(Duration.ofMillis(300)).build()) {
			long start = System.nanoTime();
			Throwable error = errorOf(template.generateContent(HELLO));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			assertThat(error).isInstanceOf(GeminiRequestException.class)
				.hasMessageContaining("call timeout of PT0.3S (" + CALL + ")");
			assertNamesOnly(error, CALL);
		}
	}

	@Test
	void callTimeoutCoversRetries() {
		try (FakeServer server = FakeServer.start((request, response) -> response.status(503)
			.header("Content-Type", "application/json")
			.header("Retry-After", "1")
			.sendString(request.receive().aggregate().then().thenReturn("{\"error\":{\"code\":503}}")));
				GeminiTemplate template = templateBuilder(server.baseUrl()).callTimeout(Duration.ofMillis(500)).build()) {
			Throwable error = errorOf(template.generateContent(HELLO));
			assertThat(error).isInstanceOf(GeminiRequestException.class).hasMessageContaining(CALL);
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void unaryFasterThanCallTimeoutSucceeds() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(request.receive().aggregate().then().then(Mono.delay(Duration.ofMillis(100), SERVER_TIMER)).map((tick) -> answer("ok"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).callTimeout(Duration.ofSeconds(5)).build()) {
			StepVerifier.create(template.generateText("Hello")).expectNext("ok").expectComplete().verify(TIMEOUT);
		}
	}

	private static void assertNamesOnly(Throwable error, String property) {
		for (String other : List.of(CONNECT, READ, FIRST_BYTE, CALL)) {
			if (other.equals(property)) {
				assertThat(error).hasMessageContaining(other);
			}
			else {
				assertThat(error).message().doesNotContain(other);
			}
		}
	}

	/** Open connections nobody accepts until the kernel stops completing new ones. */
	private static List<Socket> fillAcceptQueue(ServerSocket listener) throws IOException {
		List<Socket> sockets = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 200);
				sockets.add(socket);
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				return sockets;
			}
		}
		for (Socket socket : sockets) {
			socket.close();
		}
		return List.of();
	}

}
