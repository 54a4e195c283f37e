package io.github.geminicomet;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The events of one response body, decoded by a single operator: each buffer is decoded (and released)
 * as it arrives, on the thread that delivers it, and its events go straight to the subscriber while it
 * has demand; they wait in a queue only when it has none. At the end of the body the decoder gives its
 * last events and the failure, if any, that ends the stream. A failure met while decoding cancels the
 * body at once and reaches the subscriber after the events decoded before it.
 *
 * <p>Written as one operator rather than Reactor's {@code concatMapIterable}, {@code concatWith},
 * {@code handle} and {@code doOnDiscard}: those were five hops, a queue of buffers and an iterator for
 * every event of every stream. The body is requested a few buffers ahead ({@code prefetch}), and more
 * only once the events of the buffers read so far reached the subscriber, so a slow subscriber holds at
 * most that many buffers' events; a subscriber that requests every event gets the whole body requested.
 *
 * @param <T> the type of the events
 */
final class DecodedEventStream<T> extends Flux<T> {

	private final Flux<DataBuffer> body;

	private final Supplier<? extends Decoder<T>> decoders;

	private final int prefetch;

	/**
	 * @param body the body, each buffer holding a reference for this operator to release
	 * @param decoders a new decoder for each subscription
	 * @param prefetch how many buffers to request ahead
	 */
	DecodedEventStream(Flux<DataBuffer> body, Supplier<? extends Decoder<T>> decoders, int prefetch) {
		this.body = body;
		this.decoders = decoders;
		this.prefetch = prefetch;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		this.body.subscribe(new DecodingSubscriber<>(actual, this.decoders.get(), this.prefetch));
	}

	/**
	 * Decodes one body; called by one thread at a time, never after it reported a failure.
	 *
	 * @param <T> the type of the events
	 */
	interface Decoder<T> {

		/** The events the buffer completes (never throws: a failure is kept for {@link #failure()}). */
		List<T> decode(DataBuffer buffer);

		/** The events left at the end of the body; then {@link #failure()} tells whether the stream failed. */
		List<T> finish();

		/** The failure that ends the stream, if one happened. */
		@Nullable RuntimeException failure();

	}

	/**
	 * The operator's subscriber to the body and subscription for the events' subscriber.
	 *
	 * @param <T> the type of the events
	 */
	private static final class DecodingSubscriber<T> implements CoreSubscriber<DataBuffer>, Subscription {

		/** Queued after the events of each buffer: the buffer was read, and may be requested again. */
		private static final Object BUFFER_READ = new Object();

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<DecodingSubscriber> WIP = AtomicIntegerFieldUpdater
			.newUpdater(DecodingSubscriber.class, "wip");

		@SuppressWarnings("rawtypes")
		private static final AtomicLongFieldUpdater<DecodingSubscriber> REQUESTED = AtomicLongFieldUpdater
			.newUpdater(DecodingSubscriber.class, "requested");

		private final CoreSubscriber<? super T> actual;

		private final Decoder<T> decoder;

		private final int prefetch;

		private final int limit;

		/** Single producer (the body's signals), single consumer (whoever holds {@link #wip}). */
		private final Queue<Object> queue = Queues.<Object>unbounded(8).get();

		private @Nullable Subscription upstream;

		private volatile int wip;

		private volatile long requested;

		private volatile boolean cancelled;

		/** Whether the whole body was requested, because the subscriber requested every event. */
		private volatile boolean unboundedBody;

		/** Whether all the events are queued or delivered, with {@link #error} set if the stream failed. */
		private volatile boolean done;

		private @Nullable Throwable error;

		/** Buffers read since the body was last requested more; touched only while holding {@link #wip}. */
		private int consumed;

		DecodingSubscriber(CoreSubscriber<? super T> actual, Decoder<T> decoder, int prefetch) {
			this.actual = actual;
			this.decoder = decoder;
			this.prefetch = prefetch;
			this.limit = prefetch - (prefetch >> 2);
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
				if (!this.cancelled && !this.unboundedBody) {
					subscription.request(this.prefetch);
				}
			}
		}

		@Override
		public void onNext(DataBuffer buffer) {
			if (this.done || this.cancelled) {
				DataBufferUtils.release(buffer);
				return;
			}
			List<T> events;
			try {
				events = this.decoder.decode(buffer);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
			RuntimeException failure = this.decoder.failure();
			if (failure != null) {
				upstream().cancel();
				offer(events);
				terminate(failure);
				return;
			}
			if (this.wip == 0 && WIP.compareAndSet(this, 0, 1)) {
				// the usual case: nothing queued and demand enough, straight to the subscriber
				if (this.queue.isEmpty() && this.requested >= events.size()) {
					emitAll(events);
					bufferRead();
					if (WIP.decrementAndGet(this) == 0) {
						return;
					}
				}
				else {
					offer(events);
					this.queue.offer(BUFFER_READ);
				}
				drainLoop();
				return;
			}
			offer(events);
			this.queue.offer(BUFFER_READ);
			drain();
		}

		@Override
		public void onError(Throwable ex) {
			if (this.done) {
				Operators.onErrorDropped(ex, this.actual.currentContext());
				return;
			}
			terminate(ex);
		}

		@Override
		public void onComplete() {
			if (this.done) {
				return;
			}
			offer(this.decoder.finish());
			terminate(this.decoder.failure());
		}

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				Operators.addCap(REQUESTED, this, n);
				if (this.requested == Long.MAX_VALUE) {
					requestWholeBody();
				}
				drain();
			}
		}

		@Override
		public void cancel() {
			if (this.cancelled) {
				return;
			}
			this.cancelled = true;
			upstream().cancel();
			if (WIP.getAndIncrement(this) == 0) {
				this.queue.clear();
			}
		}

		private Subscription upstream() {
			Subscription upstream = this.upstream;
			if (upstream == null) {
				throw new IllegalStateException("Not subscribed to the body yet");
			}
			return upstream;
		}

		private void offer(List<T> events) {
			for (T event : events) {
				this.queue.offer(event);
			}
		}

		private void terminate(@Nullable Throwable ex) {
			this.error = ex;
			this.done = true;
			drain();
		}

		/** Emit events the subscriber has demand for, while it has not cancelled. */
		private void emitAll(List<T> events) {
			int count = events.size();
			for (int i = 0; i < count && !this.cancelled; i++) {
				this.actual.onNext(events.get(i));
			}
			if (count > 0 && this.requested != Long.MAX_VALUE) {
				REQUESTED.addAndGet(this, -count);
			}
		}

		/**
		 * A subscriber that wants every event can never leave events waiting, so the body need not be held
		 * back either: asking for all of it lets Reactor Netty hand each read straight over (its fast path)
		 * instead of through its queue, and spares the requests for more.
		 */
		private void requestWholeBody() {
			if (!this.unboundedBody) {
				this.unboundedBody = true;
				upstream().request(Long.MAX_VALUE);
			}
		}

		private void bufferRead() {
			if (this.unboundedBody) {
				return;
			}
			if (++this.consumed == this.limit) {
				this.consumed = 0;
				upstream().request(this.limit);
			}
		}

		private void drain() {
			if (WIP.getAndIncrement(this) == 0) {
				drainLoop();
			}
		}

		/** Deliver what is queued as far as demand allows; called while holding {@link #wip}. */
		@SuppressWarnings("unchecked")
		private void drainLoop() {
			int missed = 1;
			for (;;) {
				long requested = this.requested;
				long emitted = 0;
				for (;;) {
					if (this.cancelled) {
						this.queue.clear();
						return;
					}
					boolean done = this.done;
					Object item = (emitted != requested) ? this.queue.poll() : pollBufferRead();
					if (item == null) {
						if (done && this.queue.isEmpty()) {
							Throwable ex = this.error;
							if (ex != null) {
								this.actual.onError(ex);
							}
							else {
								this.actual.onComplete();
							}
							return;
						}
						break;
					}
					if (item == BUFFER_READ) {
						bufferRead();
					}
					else {
						this.actual.onNext((T) item);
						emitted++;
					}
				}
				if (emitted != 0 && requested != Long.MAX_VALUE) {
					REQUESTED.addAndGet(this, -emitted);
				}
				missed = WIP.addAndGet(this, -missed);
				if (missed == 0) {
					return;
				}
			}
		}

		/** Without demand, take only a buffer-read mark at the head of the queue. */
		private @Nullable Object pollBufferRead() {
			return (this.queue.peek() == BUFFER_READ) ? this.queue.poll() : null;
		}

	}

}
