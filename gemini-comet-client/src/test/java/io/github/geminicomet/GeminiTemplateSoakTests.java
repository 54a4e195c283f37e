package io.github.geminicomet;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import io.github.geminicomet.ResilienceTestSupport.FakeServer;

import static io.github.geminicomet.ResilienceTestSupport.HELLO;
import static io.github.geminicomet.ResilienceTestSupport.await;
import static io.github.geminicomet.ResilienceTestSupport.drain;
import static io.github.geminicomet.ResilienceTestSupport.events;
import static io.github.geminicomet.ResilienceTestSupport.streamText;
import static io.github.geminicomet.ResilienceTestSupport.templateBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiTemplate} under a soak: thousands of mixed unary, streaming and cancelled calls
 * against a fake Gemini that injects faults at random with a fixed seed (resets, cut streams, garbage, 429
 * and 503 with a short server delay, error events, stalls). Every call ends in the correct answer or a
 * typed {@link GeminiException}; no text is duplicated or lost across retries; no Netty buffer leaks (leak
 * detector at {@code PARANOID}); the heap returns to its baseline; cancelled calls give their connections
 * back, so a pool exactly as large as the concurrency still serves every call afterwards.
 */
@ExtendWith(BlockHoundExtension.class)
class GeminiTemplateSoakTests {

	private static final long SEED = 20_240_607L;

	private static final int CALLS = 4_000;

	private static final int CONCURRENCY = 64;

	private static final int EVENTS = 6;

	/** The most the heap may grow between the warm-up and the end, after a full GC: generous on purpose. */
	private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;

	private static final List<String> EXPECTED = expectedTexts();

	@Test
	void thousandsOfCallsUnderRandomFaultsEndCorrectlyWithoutLeaks() {
		AtomicBoolean faults = new AtomicBoolean(true);
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> faulty = ResilienceTestSupport.faulty(SEED,
				EVENTS, Duration.ofMillis(2));
		ConnectionPoolSettings pool = new ConnectionPoolSettings(CONCURRENCY, 1_000, Duration.ofSeconds(2), null, null);
		long started = System.nanoTime();
		// thousands of injected faults: Reactor Netty's warning for each would only bury the test output
		Logger connectLogger = (Logger) LoggerFactory.getLogger("reactor.netty.http.client.HttpClientConnect");
		Level connectLevel = connectLogger.getLevel();
		connectLogger.setLevel(Level.ERROR);
		try (NettyLeakCapture leaks = NettyLeakCapture.start();
				FakeServer server = FakeServer.start((request, response) -> faults.get() ? faulty.apply(request, response)
						: clean(request, response));
				GeminiTemplate template = templateBuilder(server.baseUrl()).readTimeout(Duration.ofMillis(300))
					.connectionPool(pool)
					.build()) {
			Tally warmUp = soak(template, 0, 400);
			warmUp.assertCorrect(400);
			long baseline = usedHeapAfterGc();
			leaks.clear();

			Tally tally = soak(template, 400, 400 + CALLS);
			tally.assertCorrect(CALLS);
			assertThat(tally.answers.get()).as("answers").isGreaterThan(CALLS / 4);
			assertThat(tally.typedErrors.get()).as("typed errors").isGreaterThan(CALLS / 10);
			assertThat(tally.cancelled.get()).as("cancelled calls").isGreaterThan(CALLS / 20);
			assertThat(tally.errorKinds).as("kinds of typed errors").containsKeys("GeminiUnavailableException",
					"GeminiRequestException", "GeminiMalformedResponseException", "GeminiIncompleteStreamException");

			// cancelled and failed calls gave their connections back: a pool as large as the concurrency
			// serves a full wave of streams at once, well within its 2 s acquire timeout
			faults.set(false);
			List<String> texts = Flux.range(0, CONCURRENCY)
				.flatMap((i) -> template.streamText("Hello").reduce("", String::concat), CONCURRENCY)
				.collectList()
				.block(Duration.ofSeconds(20));
			assertThat(texts).hasSize(CONCURRENCY).containsOnly(streamText(EVENTS));
			assertThat(await(() -> server.openConnections() <= CONCURRENCY, Duration.ofSeconds(5)))
				.as("connections open on the server after the soak").isTrue();

			assertThat(usedHeapAfterGc()).as("heap after the soak, against %d bytes before", baseline)
				.isLessThan(baseline + HEAP_GROWTH_LIMIT);
			assertThat(leaks.reports()).as("Netty leak reports").isEmpty();
			System.out.printf("Soak: %d calls in %d ms: %d answers, %d cancelled, typed errors %s%n", 400 + CALLS,
					(System.nanoTime() - started) / 1_000_000, tally.answers.get(), tally.cancelled.get(),
					tally.errorKinds);
		}
		finally {
			connectLogger.setLevel(connectLevel);
		}
	}

	/** Fire calls {@code from} to {@code to - 1}, at most {@link #CONCURRENCY} at once, and tally them. */
	private static Tally soak(GeminiTemplate template, int from, int to) {
		Tally tally = new Tally();
		Flux.range(from, to - from)
			.flatMap((i) -> call(template, new SplittableRandom(SEED + i), tally).doFinally((signal) -> tally.ended
				.incrementAndGet()), CONCURRENCY)
			.then()
			.block(Duration.ofSeconds(120));
		return tally;
	}

	private static Mono<Void> call(GeminiTemplate template, SplittableRandom random, Tally tally) {
		int kind = random.nextInt(10);
		if (kind < 4) {
			return template.generateText("Hello").doOnNext((text) -> {
				if (text.equals(streamText(EVENTS))) {
					tally.answers.incrementAndGet();
				}
				else {
					tally.mismatches.add("unary answer " + text);
				}
			}).then().onErrorResume((ex) -> tally.error(ex));
		}
		if (kind < 8) {
			List<String> received = new CopyOnWriteArrayList<>();
			return template.streamText("Hello").doOnNext(received::add).then(Mono.fromRunnable(() -> {
				if (received.equals(EXPECTED)) {
					tally.answers.incrementAndGet();
				}
				else {
					tally.mismatches.add("stream " + received);
				}
			})).onErrorResume((ex) -> {
				tally.checkPrefix(received);
				return tally.error(ex);
			}).then();
		}
		if (kind == 8) {
			// cancelled mid-stream after one to three events
			int take = 1 + random.nextInt(3);
			List<String> received = new CopyOnWriteArrayList<>();
			return template.streamText("Hello").doOnNext(received::add).take(take).then(Mono.fromRunnable(() -> {
				if (received.equals(EXPECTED.subList(0, take))) {
					tally.cancelled.incrementAndGet();
				}
				else {
					tally.mismatches.add("cancelled stream " + received);
				}
			})).onErrorResume((ex) -> {
				tally.checkPrefix(received);
				return tally.error(ex);
			}).then();
		}
		// a unary call cancelled by the caller's own timeout, at some point of its exchange
		return template.generateContent(HELLO)
			.timeout(Duration.ofMillis(1 + random.nextInt(20)))
			.doOnNext((response) -> tally.answers.incrementAndGet())
			.then()
			.onErrorResume(TimeoutException.class, (ex) -> {
				tally.cancelled.incrementAndGet();
				return Mono.empty();
			})
			.onErrorResume((ex) -> tally.error(ex));
	}

	/** A correct stream or answer, for the wave after the soak. */
	private static Publisher<Void> clean(HttpServerRequest request, HttpServerResponse response) {
		return response.header("Content-Type", "text/event-stream")
			.sendString(drain(request).thenMany(events(EVENTS, Duration.ofMillis(20))));
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static List<String> expectedTexts() {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < EVENTS; i++) {
			texts.add("t" + i);
		}
		return List.copyOf(texts);
	}

	/** How the calls of one batch ended. */
	private static final class Tally {

		final AtomicInteger ended = new AtomicInteger();

		final AtomicInteger answers = new AtomicInteger();

		final AtomicInteger typedErrors = new AtomicInteger();

		final AtomicInteger cancelled = new AtomicInteger();

		final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();

		final List<Throwable> untyped = new CopyOnWriteArrayList<>();

		final List<String> mismatches = new CopyOnWriteArrayList<>();

		Mono<Void> error(Throwable ex) {
			if (ex instanceof GeminiException && !String.valueOf(ex.getMessage()).contains("acquire")) {
				this.typedErrors.incrementAndGet();
				this.errorKinds.computeIfAbsent(ex.getClass().getSimpleName(), (key) -> new AtomicInteger())
					.incrementAndGet();
			}
			else {
				// not typed, or waiting for a connection that a leaked exchange never gave back
				this.untyped.add(ex);
			}
			return Mono.empty();
		}

		/** What a failed stream delivered is the start of the answer: nothing repeated, nothing skipped. */
		void checkPrefix(List<String> received) {
			if (received.size() > EXPECTED.size() || !EXPECTED.subList(0, received.size()).equals(received)) {
				this.mismatches.add("failed stream " + received);
			}
		}

		void assertCorrect(int calls) {
			assertThat(this.untyped).as("errors that are not a GeminiException").isEmpty();
			assertThat(this.mismatches).as("answers with text duplicated, lost or wrong").isEmpty();
			// doFinally runs after the completion reached block(), so the last calls may still be counting
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(this.ended).as("calls that ended").hasValue(calls);
				assertThat(this.answers.get() + this.typedErrors.get() + this.cancelled.get())
					.as("calls accounted for")
					.isEqualTo(calls);
			});
		}

	}

}
