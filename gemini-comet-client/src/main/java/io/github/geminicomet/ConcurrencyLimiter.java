package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.http.HttpMethod;

import io.github.geminicomet.quota.QuotaLimit;

/**
 * Client-side limit on the requests a template has in flight, with a bounded FIFO queue of waiting
 * requests; a request beyond the queue fails at once with a {@link GeminiConcurrencyLimitException}, and
 * one that waits longer than its max wait (when it has one) with a client-side
 * {@link GeminiRateLimitException}. Non-blocking: a waiting request holds no thread (its max wait is a
 * timer), and the lock only guards a few field updates. A permit is held for one HTTP exchange (a unary
 * answer read whole, or a stream until it ends) and given back on completion, error or cancellation,
 * straight to the oldest waiting request.
 */
final class ConcurrencyLimiter {

	/** No limit: calls pass through untouched. */
	static final ConcurrencyLimiter UNLIMITED = new ConcurrencyLimiter(0, 0);

	private final int maxConcurrent;

	private final int maxQueued;

	private final Object lock = new Object();

	private final LinkedHashSet<Permit> waiting = new LinkedHashSet<>();

	private final LongAdder expired = new LongAdder();

	private int inFlight;

	private ConcurrencyLimiter(int maxConcurrent, int maxQueued) {
		this.maxConcurrent = maxConcurrent;
		this.maxQueued = maxQueued;
	}

	/**
	 * Return a limiter for the given limits: {@code shared} when it has the same ones (variants of a
	 * template share its limit), a new one otherwise.
	 */
	static ConcurrencyLimiter of(int maxConcurrent, int maxQueued, @Nullable ConcurrencyLimiter shared) {
		if (maxConcurrent <= 0) {
			return UNLIMITED;
		}
		if (shared != null && shared.maxConcurrent == maxConcurrent && shared.maxQueued == maxQueued) {
			return shared;
		}
		return new ConcurrencyLimiter(maxConcurrent, maxQueued);
	}

	/** Run {@code exchange} while holding a permit, waiting for one as long as it takes. */
	<T> Mono<T> limit(Mono<T> exchange, HttpMethod method, URI uri) {
		return limit(exchange, null, method, uri);
	}

	/** Run {@code exchange} while holding a permit, waiting for one at most {@code maxWait} when not null. */
	<T> Mono<T> limit(Mono<T> exchange, @Nullable Duration maxWait, HttpMethod method, URI uri) {
		if (this.maxConcurrent <= 0) {
			return exchange;
		}
		return Mono.usingWhen(acquire(maxWait, method, uri), (permit) -> permit.tellWait(exchange),
				Permit::releaseLater,
				(permit, ex) -> permit.releaseLater(), Permit::releaseLater);
	}

	/** Run {@code exchange} while holding a permit, waiting for one at most {@code maxWait} when not null. */
	<T> Flux<T> limit(Flux<T> exchange, @Nullable Duration maxWait, HttpMethod method, URI uri) {
		if (this.maxConcurrent <= 0) {
			return exchange;
		}
		return Flux.usingWhen(acquire(maxWait, method, uri), (permit) -> permit.tellWait(exchange),
				Permit::releaseLater,
				(permit, ex) -> permit.releaseLater(), Permit::releaseLater);
	}

	/** The number of requests holding a permit. */
	int inFlight() {
		synchronized (this.lock) {
			return this.inFlight;
		}
	}

	/** The number of requests waiting for a permit. */
	int queued() {
		synchronized (this.lock) {
			return this.waiting.size();
		}
	}

	/** The number of requests that waited their whole max wait for a permit and failed. */
	long expired() {
		return this.expired.sum();
	}

	private Mono<Permit> acquire(@Nullable Duration maxWait, HttpMethod method, URI uri) {
		return Mono.create((sink) -> {
			Permit permit = new Permit(sink);
			// cancelled while waiting: leave the queue; cancelled as the permit was handed over: give it back
			sink.onCancel(permit::release);
			boolean granted = false;
			boolean queued = false;
			synchronized (this.lock) {
				if (permit.state == Permit.RELEASED) {
					return; // cancelled before it got here
				}
				if (this.inFlight < this.maxConcurrent) {
					this.inFlight++;
					permit.state = Permit.GRANTED;
					granted = true;
				}
				else if (this.waiting.size() < this.maxQueued) {
					permit.queuedAt = System.nanoTime();
					permit.bounded = (maxWait != null);
					this.waiting.add(permit);
					queued = true;
				}
				else {
					permit.state = Permit.RELEASED;
				}
			}
			if (granted) {
				sink.success(permit);
			}
			else if (queued) {
				if (maxWait != null) {
					permit.expireAfter(maxWait, method, uri);
				}
			}
			else {
				sink.error(new GeminiConcurrencyLimitException("Request rejected before it was sent: "
						+ this.maxConcurrent + " requests are in flight (cometapi.gemini.max-concurrent-requests) and "
						+ this.maxQueued + " more are waiting (cometapi.gemini.max-queued-requests)", method, uri,
						this.maxConcurrent, this.maxQueued));
			}
		});
	}

	private GeminiRateLimitException waitedTooLong(Duration maxWait, HttpMethod method, URI uri) {
		return GeminiRateLimitException.clientSide("Request rejected by the client-side quota: the client-side "
				+ "limit 'max-concurrent-requests' (" + this.maxConcurrent
				+ ", cometapi.gemini.quota.max-concurrent-requests) had no free place within the max wait of "
				+ QuotaGate.seconds(maxWait) + " (cometapi.gemini.quota.max-wait). No request was sent to Gemini. ["
				+ method.name() + " " + uri + "]", QuotaLimit.MAX_CONCURRENT_REQUESTS, method, uri, null, null);
	}

	/**
	 * One request's claim on the limit: waiting, granted, then released exactly once. Every change of
	 * state happens under the limiter's lock, so that a max-wait timer firing as a place frees either
	 * takes the request out of the queue before the place is handed to it, or finds it granted and does
	 * nothing: the place is never lost.
	 */
	private final class Permit {

		static final int WAITING = 0;

		static final int GRANTED = 1;

		static final int RELEASED = 2;

		private final MonoSink<Permit> sink;

		private int state = WAITING; // guarded by lock

		private @Nullable Disposable timer; // guarded by lock

		/** When it joined the queue (0 if it never waited): written before, read after the lock. */
		private long queuedAt;

		/** How long it waited for its place, set as it is handed over. */
		private long waitedNanos;

		/**
		 * Whether its wait was bounded by a max wait, which the quota's wait then shares; a wait without
		 * one is not taken off the quota's.
		 */
		private boolean bounded;

		Permit(MonoSink<Permit> sink) {
			this.sink = sink;
		}

		/**
		 * The exchange, told through its context how long this request waited for its place, so that the
		 * quota's wait counts it against the same max wait ({@link QuotaGate#PLACE_WAIT_NANOS}).
		 */
		<T> Mono<T> tellWait(Mono<T> exchange) {
			return told() ? exchange.contextWrite(waitContext()) : exchange;
		}

		/** {@link #tellWait(Mono)} for a stream. */
		<T> Flux<T> tellWait(Flux<T> exchange) {
			return told() ? exchange.contextWrite(waitContext()) : exchange;
		}

		private boolean told() {
			return this.bounded && this.waitedNanos > 0;
		}

		private Context waitContext() {
			return Context.of(QuotaGate.PLACE_WAIT_NANOS, this.waitedNanos);
		}

		/** Fail the request if it still waits after {@code maxWait}. */
		void expireAfter(Duration maxWait, HttpMethod method, URI uri) {
			Disposable scheduled = Schedulers.parallel()
				.schedule(() -> expire(maxWait, method, uri), maxWait.toNanos(), TimeUnit.NANOSECONDS);
			synchronized (ConcurrencyLimiter.this.lock) {
				if (this.state == WAITING) {
					this.timer = scheduled;
					return;
				}
			}
			scheduled.dispose(); // granted or cancelled before the timer was set
		}

		private void expire(Duration maxWait, HttpMethod method, URI uri) {
			synchronized (ConcurrencyLimiter.this.lock) {
				if (this.state != WAITING) {
					return; // the place came first: the request has it
				}
				ConcurrencyLimiter.this.waiting.remove(this);
				this.state = RELEASED;
				this.timer = null;
			}
			ConcurrencyLimiter.this.expired.increment();
			this.sink.error(waitedTooLong(maxWait, method, uri));
		}

		Mono<Void> releaseLater() {
			return Mono.fromRunnable(this::release);
		}

		void release() {
			Permit next = null;
			Disposable cancelledTimer = null;
			Disposable grantedTimer = null;
			synchronized (ConcurrencyLimiter.this.lock) {
				if (this.state == WAITING) {
					ConcurrencyLimiter.this.waiting.remove(this);
					this.state = RELEASED;
					cancelledTimer = this.timer;
					this.timer = null;
				}
				else if (this.state == GRANTED) {
					this.state = RELEASED;
					Iterator<Permit> oldest = ConcurrencyLimiter.this.waiting.iterator();
					if (oldest.hasNext()) {
						next = oldest.next();
						oldest.remove();
						next.state = GRANTED;
						grantedTimer = next.timer;
						next.timer = null;
					}
					else {
						ConcurrencyLimiter.this.inFlight--;
					}
				}
			}
			if (cancelledTimer != null) {
				cancelledTimer.dispose();
			}
			if (grantedTimer != null) {
				grantedTimer.dispose();
			}
			if (next != null) {
				next.waitedNanos = System.nanoTime() - next.queuedAt;
				// if that request was cancelled meanwhile, its onCancel gives the permit on again
				next.sink.success(next);
			}
		}

	}

}
