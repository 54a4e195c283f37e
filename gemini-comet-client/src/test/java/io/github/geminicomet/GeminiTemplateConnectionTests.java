package io.github.geminicomet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

import io.github.geminicomet.model.FinishReason;
import io.github.geminicomet.model.GenerateContentRequest;

import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.assertKeyNotLeaked;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static io.github.geminicomet.TemplateFixtures.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate} against a hand-controlled Reactor Netty server: events are emitted as
 * they arrive, cancelling closes the connection, broken and stalled streams fail.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateConnectionTests {

	private static final GenerateContentRequest HELLO = GenerateContentRequest.of("Hello");

	/** How soon the server must see the connection close after the client cancelled. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

	private DisposableServer server;

	private GeminiTemplate template;

	@AfterEach
	void tearDown() {
		if (this.template != null) {
			this.template.close();
		}
		if (this.server != null) {
			this.server.disposeNow(Duration.ofSeconds(2));
		}
	}

	@Test
	void streamEmitsEachEventTheMomentItArrives() {
		Sinks.Empty<Void> firstEventSeen = Sinks.empty();
		start((request, response) -> stream(response,
				Flux.concat(Mono.just(event("first")), firstEventSeen.asMono().then(Mono.just(lastEvent(" second"))))));
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.assertNext((event) -> assertThat(event.text()).isEqualTo("first"))
			.then(firstEventSeen::tryEmitEmpty)
			.assertNext((event) -> {
				assertThat(event.text()).isEqualTo(" second");
				assertThat(event.finishReason()).isEqualTo(FinishReason.STOP);
			})
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamTextEmitsEachDeltaTheMomentItArrives() {
		Sinks.Empty<Void> firstDeltaSeen = Sinks.empty();
		start((request, response) -> stream(response,
				Flux.concat(Mono.just(event("one")), firstDeltaSeen.asMono().then(Mono.just(lastEvent(" two"))))));
		StepVerifier.create(this.template.streamText("Count"))
			.expectNext("one")
			.then(firstDeltaSeen::tryEmitEmpty)
			.expectNext(" two")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void cancellingStreamMidwayClosesTheConnection() {
		Sinks.Empty<Void> serverSawClose = Sinks.empty();
		start((request, response) -> {
			request.withConnection((connection) -> connection.onDispose(serverSawClose::tryEmitEmpty));
			return stream(response, Flux.concat(Mono.just(event("first")), Flux.never()));
		});
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.assertNext((event) -> assertThat(event.text()).isEqualTo("first"))
			.thenCancel()
			.verify(TIMEOUT);
		StepVerifier.create(serverSawClose.asMono()).expectComplete().verify(CLOSE_TIMEOUT);
	}

	@Test
	void takingFirstDeltaOfStreamTextClosesTheConnection() {
		Sinks.Empty<Void> serverSawClose = Sinks.empty();
		Sinks.Empty<Void> serverOutboundCancelled = Sinks.empty();
		start((request, response) -> {
			request.withConnection((connection) -> connection.onDispose(serverSawClose::tryEmitEmpty));
			return stream(response, Flux.concat(Mono.just(event("first")), Flux.<String>never())
				.doOnCancel(serverOutboundCancelled::tryEmitEmpty));
		});
		StepVerifier.create(this.template.streamText("Hello").take(1))
			.expectNext("first")
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(serverSawClose.asMono().then(serverOutboundCancelled.asMono()))
			.expectComplete()
			.verify(CLOSE_TIMEOUT);
	}

	@ParameterizedTest(name = "{0} events")
	@ValueSource(ints = { 1, 2 })
	void streamWhenServerCutsConnectionSignalsIncompleteStreamError(int events) {
		start((request, response) -> {
			Flux<String> sent = Flux.range(1, events).map((i) -> event("part " + i));
			return response.header("Content-Type", "text/event-stream")
				.send(sent.map(GeminiTemplateConnectionTests::buffer), (buffer) -> true)
				.then()
				.then(Mono.fromRunnable(() -> response.withConnection(Connection::dispose)))
				.then(Mono.never());
		});
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.expectNextCount(events)
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOfSatisfying(GeminiIncompleteStreamException.class, (incomplete) -> {
					assertThat(incomplete.getEventCount()).isEqualTo(events);
					assertThat(incomplete.getMethod().name()).isEqualTo("POST");
					assertThat(incomplete.getUri().toString()).endsWith(":streamGenerateContent?alt=sse");
					assertThat(incomplete).hasMessageContaining(events + " events");
				});
				assertKeyNotLeaked(ex);
			})
			.verify(TIMEOUT);
	}

	@Test
	void streamWhenServerCutsConnectionAfterHeadersSignalsRequestException() {
		start((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendHeaders()
			.then()
			.then(Mono.fromRunnable(() -> response.withConnection(Connection::dispose)))
			.then(Mono.never()));
		assertThat(errorOf(this.template.streamGenerateContent(HELLO))).isInstanceOf(GeminiRequestException.class);
	}

	@Test
	void streamWhenServerStallsSignalsReadTimeout() {
		start((builder) -> builder.readTimeout(Duration.ofMillis(500)),
				(request, response) -> stream(response, Flux.concat(Mono.just(event("first")), Flux.never())));
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.assertNext((event) -> assertThat(event.text()).isEqualTo("first"))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(GeminiRequestException.class)
					.hasMessageContaining("read timeout")
					.hasMessageContaining("PT0.5S");
				assertKeyNotLeaked(ex);
			})
			.verify(TIMEOUT);
	}

	@Test
	void generateContentWhenServerNeverAnswersSignalsReadTimeout() {
		start((builder) -> builder.readTimeout(Duration.ofMillis(300)), (request, response) -> Mono.never());
		assertThat(errorOf(this.template.generateContent(HELLO))).isInstanceOf(GeminiRequestException.class)
			.hasMessageContaining("read timeout");
	}

	@Test
	void streamKeepsGoingWhileEventsArriveWithinReadTimeout() {
		Flux<String> events = Flux.concat(Mono.just(event("tick 0")),
				Flux.range(1, 4).delayElements(Duration.ofMillis(200)).map((i) -> (i < 4) ? event("tick " + i) : lastEvent("done")));
		start((builder) -> builder.readTimeout(Duration.ofMillis(500)), (request, response) -> stream(response, events));
		StepVerifier.create(this.template.streamGenerateContent(HELLO))
			.expectNextCount(5)
			.expectComplete()
			.verify(TIMEOUT);
	}

	private void start(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
		start(UnaryOperator.identity(), handler);
	}

	private void start(UnaryOperator<GeminiTemplate.Builder> customizer,
			BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(handler).bindNow(Duration.ofSeconds(5));
		this.template = customizer.apply(templateBuilder("http://127.0.0.1:" + this.server.port())).build();
	}

	/** Send events as a chunked event stream, flushing each one. */
	private static Publisher<Void> stream(HttpServerResponse response, Publisher<String> events) {
		return response.header("Content-Type", "text/event-stream")
			.send(Flux.from(events).map(GeminiTemplateConnectionTests::buffer), (buffer) -> true);
	}

	private static ByteBuf buffer(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
	}

	private static String event(String text) {
		return "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text
				+ "\"}],\"role\":\"model\"},\"index\":0}]}\r\n\r\n";
	}

	private static String lastEvent(String text) {
		return "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text
				+ "\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}]}\r\n\r\n";
	}

}
