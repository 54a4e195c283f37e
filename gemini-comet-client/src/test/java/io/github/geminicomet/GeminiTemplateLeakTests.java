package io.github.geminicomet;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;

import static io.github.geminicomet.ResilienceTestSupport.HELLO;
import static io.github.geminicomet.ResilienceTestSupport.SERVER_TIMER;
import static io.github.geminicomet.ResilienceTestSupport.await;
import static io.github.geminicomet.ResilienceTestSupport.drain;
import static io.github.geminicomet.ResilienceTestSupport.event;
import static io.github.geminicomet.ResilienceTestSupport.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate}: no Netty buffer leaks, proven with Netty's leak detector at
 * {@code PARANOID} over a batch of completed, failed and cancelled calls against a server that injects
 * faults.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateLeakTests {

	private static NettyLeakCapture leaks;

	@BeforeAll
	static void detectEveryLeak() {
		leaks = NettyLeakCapture.start();
	}

	@AfterAll
	static void restore() {
		leaks.close();
	}

	@BeforeEach
	void forgetEarlierReports() {
		leaks.clear();
	}

	@Test
	void mixedCallsWithFaultsAndCancellationsLeakNoBuffer() {
		try (FakeServer server = FakeServer.start(ResilienceTestSupport.faulty(11, 5, Duration.ofMillis(2)));
				GeminiTemplate template = templateBuilder(server.baseUrl()).readTimeout(Duration.ofMillis(300)).build();
				GeminiTemplate smallBodies = template.mutate().maxInMemorySize(64).maxEventSize(64).build()) {
			for (int round = 0; round < 2; round++) {
				AtomicInteger finished = new AtomicInteger();
				Flux.range(0, 120).flatMap((i) -> call(i, template, smallBodies).doOnTerminate(finished::incrementAndGet), 30)
					.then()
					.block(Duration.ofSeconds(20));
				assertThat(finished).hasValue(120);
				NettyLeakCapture.collectLeaks();
			}
			// every cancelled or failed exchange closed its connection, so the server released its side too
			await(() -> server.openConnections() <= 30, Duration.ofSeconds(5));
		}
		assertThat(leaks.reports()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(GeminiTemplate.Transport.class)
	void cancelledStreamsLeakNoBufferAndCloseTheirConnections(GeminiTemplate.Transport transport) {
		try (FakeServer server = FakeServer.start((request, response) -> response
			.header("Content-Type", "text/event-stream")
			.sendString(drain(request).thenMany(Flux.interval(Duration.ofMillis(1), SERVER_TIMER)
				.map((i) -> event("t" + i)))));
				GeminiTemplate template = templateBuilder(server.baseUrl()).transport(transport).build()) {
			Flux.range(0, 200)
				// the fake server cuts a stream the client reads too slowly (its ticks overflow): a typed error
				.flatMap((i) -> ((i % 2 == 0) ? template.streamGenerateContent(HELLO).take(1 + i % 7).then()
						: template.streamGenerateContent(HELLO).take(Duration.ofMillis(i % 20)).then())
					.onErrorResume(GeminiException.class, (ex) -> Mono.empty()), 20)
				.then()
				.block(Duration.ofSeconds(20));
			if (transport == GeminiTemplate.Transport.REACTOR_NETTY) {
				assertThat(await(() -> server.openConnections() == 0, Duration.ofSeconds(5))).isTrue();
			}
			// through WebClient, Spring drains a body cancelled before it was read instead of closing the
			// connection, which against this endless stream keeps it open: the template must still serve calls
			assertThat(template.streamGenerateContent(HELLO).take(2).count().block(Duration.ofSeconds(5)))
				.isEqualTo(2);
		}
		assertThat(leaks.reports()).isEmpty();
	}

	private static Mono<?> call(int i, GeminiTemplate template, GeminiTemplate smallBodies) {
		Mono<?> call = switch (i % 6) {
			case 0 -> template.generateContent(HELLO);
			case 1 -> template.streamGenerateContent(HELLO).then();
			case 2 -> template.streamGenerateContent(HELLO).take(1).then();
			case 3 -> template.generateContent(HELLO).timeout(Duration.ofMillis(3));
			case 4 -> smallBodies.generateContent(HELLO);
			default -> smallBodies.streamGenerateContent(HELLO).then();
		};
		return call.onErrorResume((ex) -> Mono.empty());
	}

}
