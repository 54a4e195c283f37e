package io.github.geminicomet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import io.github.geminicomet.GeminiTemplate.Transport;
import io.github.geminicomet.model.GenerateContentRequest;

import static io.github.geminicomet.TemplateFixtures.API_KEY;
import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static io.github.geminicomet.TemplateFixtures.errorOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GeminiTemplate} over HTTP/2, against Reactor Netty's HTTP/2 server: {@code h2} over TLS
 * (ALPN) and {@code h2c}, for unary calls, streams, cancelling one stream among others, errors and retries;
 * calls multiplexed over one connection; the fall back to HTTP/1.1 when the server offers no h2.
 *
 * @author gemini-comet
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateHttp2Tests {

	private static final RetrySettings FAST_RETRY = new RetrySettings(3, Duration.ofMillis(10),
			Duration.ofMillis(50), 0, Duration.ofSeconds(1));

	@AutoClose
	private NettyGeminiServer server;

	private GeminiTemplate.Builder builder(NettyGeminiServer server, HttpVersion version, Transport transport) {
		this.server = server;
		return GeminiTemplate.builder()
			.apiKey(API_KEY)
			.baseUrl(server.baseUrl())
			.retry(RetrySettings.NONE)
			.ssl(SslSettings.trust(TestCertificate.get().trustManagerFactory()))
			.httpVersion(version)
			.transport(transport);
	}

	private GeminiTemplate.Builder h2(Transport transport) {
		return builder(NettyGeminiServer.h2(), HttpVersion.H2, transport);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unaryAndStreamGoOverHttp2(Transport transport) {
		try (GeminiTemplate template = h2(transport).build()) {
			assertThat(template.generateText("Hi").block(TIMEOUT)).isEqualTo("Rex");
			assertThat(template.streamText("Hi").collectList().block(TIMEOUT)).containsExactly("He", "llo");
		}
		assertThat(this.server.protocols()).containsExactly("HTTP/2.0", "HTTP/2.0");
		assertThat(this.server.keys()).containsOnly(API_KEY);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void h2cSpeaksHttp2OverPlainHttp(Transport transport) {
		try (GeminiTemplate template = builder(NettyGeminiServer.h2c(), HttpVersion.H2C, transport).build()) {
			assertThat(template.generateText("Hi").block(TIMEOUT)).isEqualTo("Rex");
			assertThat(template.streamText("Hi").collectList().block(TIMEOUT)).containsExactly("He", "llo");
		}
		assertThat(this.server.protocols()).containsExactly("HTTP/2.0", "HTTP/2.0");
	}

	@Test
	void concurrentCallsAndStreamsShareOneConnection() {
		try (GeminiTemplate template = h2(Transport.REACTOR_NETTY).build()) {
			template.generateText("warm up").block(TIMEOUT);
			List<String> answers = Flux.range(0, 50)
				.flatMap((i) -> (i % 2 == 0) ? template.generateText("Hi")
						: template.streamText("Hi").reduce(String::concat))
				.collectList()
				.block(TIMEOUT);
			assertThat(answers).hasSize(50).containsOnly("Rex", "Hello");
		}
		assertThat(this.server.connections()).isEqualTo(1);
	}

	@Test
	void cancellingOneStreamResetsOnlyThatStream() {
		try (GeminiTemplate template = h2(Transport.REACTOR_NETTY).build()) {
			AtomicInteger firstEvents = new AtomicInteger();
			AtomicInteger secondEvents = new AtomicInteger();
			Disposable first = template.streamGenerateContent("endless", GenerateContentRequest.of("Hi"))
				.subscribe((event) -> firstEvents.incrementAndGet());
			Disposable second = template.streamGenerateContent("endless", GenerateContentRequest.of("Hi"))
				.subscribe((event) -> secondEvents.incrementAndGet());
			await().atMost(TIMEOUT).until(() -> firstEvents.get() >= 3 && secondEvents.get() >= 3);
			first.dispose();
			await().atMost(TIMEOUT).until(() -> this.server.cancelledStreams() == 1);
			int secondBefore = secondEvents.get();
			await().atMost(TIMEOUT).until(() -> secondEvents.get() >= secondBefore + 5);
			assertThat(second.isDisposed()).isFalse();
			assertThat(template.generateText("still there?").block(TIMEOUT)).isEqualTo("Rex");
			second.dispose();
			await().atMost(TIMEOUT).until(() -> this.server.cancelledStreams() == 2);
		}
		assertThat(this.server.connections()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void errorAnswersAreTypedOverHttp2(Transport transport) {
		try (GeminiTemplate template = h2(transport).build()) {
			Throwable unary = errorOf(template.generateContent("broken", GenerateContentRequest.of("Hi")));
			assertThat(unary).isInstanceOf(GeminiUnavailableException.class)
				.hasMessageStartingWith("Gemini API answered 500 INTERNAL: try again");
			Throwable stream = errorOf(template.streamGenerateContent("broken", GenerateContentRequest.of("Hi")));
			assertThat(stream).isInstanceOf(GeminiUnavailableException.class);
		}
	}

	@Test
	void failedCallsAreRetriedOverHttp2() {
		try (GeminiTemplate template = h2(Transport.REACTOR_NETTY).retry(FAST_RETRY).build()) {
			assertThat(template.generateContent("flaky", GenerateContentRequest.of("Hi")).block(TIMEOUT).text())
				.isEqualTo("Rex");
		}
		assertThat(this.server.calls("flaky")).isEqualTo(2);
		assertThat(this.server.protocols()).containsOnly("HTTP/2.0");
	}

	@Test
	void failedStreamsAreRetriedOverHttp2() {
		try (GeminiTemplate template = h2(Transport.REACTOR_NETTY).retry(FAST_RETRY).build()) {
			assertThat(template.streamGenerateContent("flaky", GenerateContentRequest.of("Hi")).collectList()
				.block(TIMEOUT)).hasSize(2);
		}
		assertThat(this.server.calls("flaky")).isEqualTo(2);
	}

	@Test
	void h2FallsBackToHttp11WhenTheServerOffersNoH2() {
		try (GeminiTemplate template = builder(NettyGeminiServer.https(), HttpVersion.H2, Transport.REACTOR_NETTY)
			.build()) {
			assertThat(template.generateText("Hi").block(TIMEOUT)).isEqualTo("Rex");
			assertThat(template.streamText("Hi").collectList().block(TIMEOUT)).containsExactly("He", "llo");
		}
		assertThat(this.server.protocols()).containsOnly("HTTP/1.1");
	}

	@Test
	void h2NeedsAnHttpsBaseUrlAndH2cAnHttpOne() {
		assertThatIllegalStateException()
			.isThrownBy(() -> GeminiTemplate.builder().apiKey(API_KEY).baseUrl("http://127.0.0.1:1")
				.httpVersion(HttpVersion.H2).build())
			.withMessageContaining("h2c");
		assertThatIllegalStateException()
			.isThrownBy(() -> GeminiTemplate.builder().apiKey(API_KEY).httpVersion(HttpVersion.H2C).build())
			.withMessageContaining("use h2");
	}

}
