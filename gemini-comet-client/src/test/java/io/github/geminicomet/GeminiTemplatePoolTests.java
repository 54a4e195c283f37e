package io.github.geminicomet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;

import static io.github.geminicomet.ResilienceTestSupport.HELLO;
import static io.github.geminicomet.ResilienceTestSupport.SERVER_TIMER;
import static io.github.geminicomet.ResilienceTestSupport.TIMEOUT;
import static io.github.geminicomet.ResilienceTestSupport.answer;
import static io.github.geminicomet.ResilienceTestSupport.await;
import static io.github.geminicomet.ResilienceTestSupport.drain;
import static io.github.geminicomet.ResilienceTestSupport.event;
import static io.github.geminicomet.ResilienceTestSupport.events;
import static io.github.geminicomet.ResilienceTestSupport.streamText;
import static io.github.geminicomet.ResilienceTestSupport.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate}'s own connection pool: cancelled calls give their connection back, and
 * the default sizing carries thousands of concurrent streams.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplatePoolTests {

	private static final ConnectionPoolSettings TWO_CONNECTIONS = new ConnectionPoolSettings(2, 100,
			Duration.ofSeconds(3), null, null);

	@Test
	void cancelledStreamsReleaseTheirConnections() {
		try (FakeServer server = FakeServer.start(endlessStreamOrAnswer());
				GeminiTemplate template = templateBuilder(server.baseUrl()).connectionPool(TWO_CONNECTIONS).build()) {
			for (int i = 0; i < 50; i++) {
				StepVerifier.create(template.streamText("Hello").take(2)).expectNextCount(2).expectComplete()
					.verify(TIMEOUT);
			}
			List<Long> counts = Flux.range(0, 50)
				.flatMap((i) -> template.streamText("Hello").take(2).count(), 50)
				.collectList()
				.block(Duration.ofSeconds(20));
			assertThat(counts).hasSize(50).containsOnly(2L);
			// with only two connections, this waits no longer than the pending-acquire timeout if any leaked
			StepVerifier.create(template.generateText("unary")).expectNext("Hi").expectComplete()
				.verify(Duration.ofSeconds(2));
			assertThat(await(() -> server.closed.get() >= 100, Duration.ofSeconds(5)))
				.as("the server saw the cancelled streams' connections closed").isTrue();
			assertThat(server.requests.get()).isEqualTo(101);
		}
	}

	@Test
	void cancelledUnaryCallsReleaseTheirConnections() {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "application/json")
			.sendString(drain(request).then(Mono.delay(Duration.ofSeconds(5), SERVER_TIMER)).thenReturn(answer("late"))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).connectionPool(TWO_CONNECTIONS)
					.callTimeout(null)
					.build()) {
			// one after the other: with two connections, a leaked one would stop the third call reaching the server
			Flux.range(0, 20)
				.concatMap((i) -> template.generateContent(HELLO)
					.timeout(Duration.ofMillis(100))
					.onErrorResume(TimeoutException.class, (ex) -> Mono.empty()))
				.then()
				.block(Duration.ofSeconds(20));
			assertThat(await(() -> server.openConnections() == 0, Duration.ofSeconds(5))).isTrue();
			assertThat(server.requests.get()).isEqualTo(20);
		}
	}

	@Test
	void defaultPoolCarriesTwoThousandConcurrentStreams() {
		int streams = 2_000;
		try (FakeServer server = FakeServer.start(slowStreams());
				GeminiTemplate template = templateBuilder(server.baseUrl()).build()) {
			List<Throwable> errors = new CopyOnWriteArrayList<>();
			AtomicInteger complete = new AtomicInteger();
			Flux.range(0, streams)
				.flatMap((i) -> template.streamText("Hello").reduce("", String::concat)
					.doOnNext((text) -> {
						if (text.equals(streamText(3))) {
							complete.incrementAndGet();
						}
					})
					.onErrorResume((ex) -> {
						errors.add(ex);
						return Mono.empty();
					}), streams)
				.then()
				.block(Duration.ofSeconds(40));
			assertThat(errors).isEmpty();
			assertThat(complete).hasValue(streams);
			assertThat(server.requests.get()).isEqualTo(streams);
		}
	}

	@Test
	void reactorNettyDefaultSizedPoolRejectsTwoThousandConcurrentStreams() {
		// what the template's own pool avoids: with Reactor Netty's default sizing (500 connections, 1,000
		// waiting) the 1,501st concurrent stream is rejected at once; the first rejection ends the test
		ConnectionProvider defaultSized = ConnectionProvider.builder("default-sized").maxConnections(500)
			.pendingAcquireMaxCount(1_000).build();
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(drain(request).thenMany(events(2, Duration.ofSeconds(10)))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).retry(RetrySettings.NONE)
					.connector(new ReactorClientHttpConnector(HttpClient.create(defaultSized)))
					.build()) {
			Throwable rejection = Flux.range(0, 2_000)
				.flatMap((i) -> template.streamText("Hello").then(Mono.<Throwable>empty()).onErrorResume(Mono::just),
						2_000)
				.next()
				.block(Duration.ofSeconds(20));
			assertThat(rejection).isInstanceOf(GeminiRequestException.class)
				.hasMessageContaining("Pending acquire queue has reached its maximum size");
		}
		finally {
			defaultSized.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	/** Streams of three events 300 ms apart; about a second each. */
	private static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> slowStreams() {
		return (request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(drain(request).thenMany(events(3, Duration.ofMillis(300))));
	}

	/** Endless streams for stream requests, a short answer for unary ones. */
	private static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> endlessStreamOrAnswer() {
		return (request, response) -> request.uri().contains("streamGenerateContent")
				? response.header("Content-Type", "text/event-stream")
					.sendString(drain(request).thenMany(Flux.interval(Duration.ofMillis(5), SERVER_TIMER)
						.map((i) -> event("t" + i))))
				: response.header("Content-Type", "application/json").sendString(drain(request).thenReturn(answer("Hi")));
	}

}
