package io.github.geminicomet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import static io.github.geminicomet.TemplateFixtures.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DecodedEventStream}: demand, the body requested ahead, failures after the events read
 * before them, cancellation, and every buffer released exactly once.
 */
class DecodedEventStreamTests {

	private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

	private final List<ByteBuf> sent = new CopyOnWriteArrayList<>();

	@Test
	void streamEmitsOnlyWhatIsRequestedWhenOneBufferCompletesSeveralEvents() {
		Flux<String> events = decoded(Flux.just("a,b,c", "d"));
		StepVerifier.create(events, 0)
			.expectSubscription()
			.thenRequest(1)
			.expectNext("a")
			.thenRequest(2)
			.expectNext("b", "c")
			.thenRequest(1)
			.expectNext("d")
			.expectComplete()
			.verify(TIMEOUT);
		assertReleased();
	}

	@Test
	void streamCompletesWithoutFurtherDemandOnceItsLastEventIsDelivered() {
		StepVerifier.create(decoded(Flux.just("a", "b")), 2).expectNext("a", "b").expectComplete().verify(TIMEOUT);
		assertReleased();
	}

	@Test
	void streamRequestsTheBodyOnlyAFewBuffersAheadOfTheSubscriber() {
		AtomicLong requested = new AtomicLong();
		Flux<String> body = Flux.range(0, 100).map(String::valueOf).doOnRequest(requested::addAndGet);
		StepVerifier.create(decoded(body), 0)
			.expectSubscription()
			.then(() -> assertThat(requested).hasValue(8))
			.thenRequest(1)
			.expectNext("0")
			.then(() -> assertThat(requested).hasValue(8))
			.thenRequest(6)
			.expectNext("1", "2", "3", "4", "5", "6")
			.then(() -> assertThat(requested).as("6 buffers read and their events delivered").hasValue(14))
			.thenRequest(Long.MAX_VALUE)
			.expectNextCount(93)
			.expectComplete()
			.verify(TIMEOUT);
		assertReleased();
	}

	@Test
	void streamRequestsTheWholeBodyWhenTheSubscriberRequestsEveryEvent() {
		List<Long> requests = new CopyOnWriteArrayList<>();
		Flux<String> body = Flux.range(0, 100).map(String::valueOf).doOnRequest(requests::add);
		StepVerifier.create(decoded(body)).expectNextCount(100).expectComplete().verify(TIMEOUT);
		assertThat(requests).containsExactly(Long.MAX_VALUE);
		assertReleased();
	}

	@Test
	void streamWhenDecodingFailsEmitsTheEventsBeforeTheFailureThenItsErrorAndCancelsTheBody() {
		AtomicBoolean bodyCancelled = new AtomicBoolean();
		Flux<String> body = Flux.just("a,b,!,c", "d").concatWith(Flux.never()).doOnCancel(() -> bodyCancelled.set(true));
		StepVerifier.create(decoded(body), 1)
			.expectNext("a")
			.then(() -> assertThat(bodyCancelled).isTrue())
			.thenRequest(1)
			.expectNext("b")
			.expectErrorMessage("bad event")
			.verify(TIMEOUT);
		assertReleased();
	}

	@Test
	void streamWhenBodyFailsEmitsTheEventsAlreadyDecodedThenTheError() {
		Flux<String> body = Flux.just("a,b").concatWith(Flux.error(new IllegalStateException("reset")));
		StepVerifier.create(decoded(body), 1)
			.expectNext("a")
			.thenRequest(1)
			.expectNext("b")
			.expectErrorMessage("reset")
			.verify(TIMEOUT);
		assertReleased();
	}

	@Test
	void streamEndsWithTheEventsAndTheFailureTheDecoderGivesAtTheEnd() {
		StepVerifier.create(decoded(Flux.just("a", "b;end=end,!")))
			.expectNext("a", "b", "end")
			.expectErrorMessage("bad event")
			.verify(TIMEOUT);
		assertReleased();
	}

	@Test
	void streamWhenCancelledCancelsTheBodyAndReleasesBuffersThatStillArrive() {
		AtomicReference<@Nullable Subscriber<? super DataBuffer>> bodySubscriber = new AtomicReference<>();
		AtomicBoolean bodyCancelled = new AtomicBoolean();
		Flux<DataBuffer> body = Flux.from((subscriber) -> {
			bodySubscriber.set(subscriber);
			subscriber.onSubscribe(new Subscription() {

				@Override
				public void request(long n) {
				}

				@Override
				public void cancel() {
					bodyCancelled.set(true);
				}

			});
		});
		List<String> received = new ArrayList<>();
		Flux<String> events = new DecodedEventStream<>(body, TestDecoder::new, 8);
		events.take(1).subscribe(received::add);
		bodySubscriber.get().onNext(buffer("a,b"));
		assertThat(received).containsExactly("a");
		assertThat(bodyCancelled).isTrue();
		bodySubscriber.get().onNext(buffer("c"));
		assertThat(received).containsExactly("a");
		assertReleased();
	}

	@Test
	void streamDeliversEveryEventOnceWhenRequestsComeFromAnotherThread() {
		Flux<String> body = Flux.range(0, 2_000).map((i) -> i + "," + i);
		List<String> received = decoded(body).limitRate(3).publishOn(Schedulers.single(), 5).collectList()
			.block(TIMEOUT);
		assertThat(received).hasSize(4_000);
		for (int i = 0; i < 2_000; i++) {
			assertThat(received.get(2 * i)).isEqualTo(String.valueOf(i));
			assertThat(received.get(2 * i + 1)).isEqualTo(String.valueOf(i));
		}
		assertReleased();
	}

	private Flux<String> decoded(Flux<String> chunks) {
		return new DecodedEventStream<>(chunks.map(this::buffer), TestDecoder::new, 8);
	}

	private DataBuffer buffer(String chunk) {
		ByteBuf buffer = Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8);
		this.sent.add(buffer);
		return BUFFERS.wrap(buffer);
	}

	private void assertReleased() {
		assertThat(this.sent).as("buffers sent").isNotEmpty().allSatisfy((buffer) -> assertThat(buffer.refCnt()).isZero());
	}

	/**
	 * Events are separated by commas; {@code !} is an event that fails; a chunk ending in {@code ;end=...}
	 * holds the events the decoder gives at the end of the body.
	 */
	private static final class TestDecoder implements DecodedEventStream.Decoder<String> {

		private final List<String> atEnd = new ArrayList<>();

		private @Nullable RuntimeException failure;

		@Override
		public List<String> decode(DataBuffer buffer) {
			String chunk = buffer.toString(StandardCharsets.UTF_8);
			int end = chunk.indexOf(";end=");
			if (end >= 0) {
				this.atEnd.addAll(Arrays.asList(chunk.substring(end + 5).split(",")));
				chunk = chunk.substring(0, end);
			}
			List<String> events = new ArrayList<>();
			for (String event : chunk.split(",")) {
				if (event.equals("!")) {
					this.failure = new IllegalStateException("bad event");
					break;
				}
				events.add(event);
			}
			return events;
		}

		@Override
		public List<String> finish() {
			List<String> events = new ArrayList<>();
			for (String event : this.atEnd) {
				if (event.equals("!")) {
					this.failure = new IllegalStateException("bad event");
					break;
				}
				events.add(event);
			}
			return events;
		}

		@Override
		public @Nullable RuntimeException failure() {
			return this.failure;
		}

	}

}
