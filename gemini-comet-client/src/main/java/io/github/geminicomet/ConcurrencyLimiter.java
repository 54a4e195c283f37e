package io.github.geminicomet;

import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashSet;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.http.HttpMethod;

/**
 * Client-side limit on the requests a template has in flight, with a bounded FIFO queue of waiting
 * requests; a request beyond the queue fails at once with a {@link GeminiConcurrencyLimitException}.
 * Non-blocking: a waiting request holds no thread, and the lock only guards a few field updates. A permit
 * is held for one HTTP exchange (a unary answer read whole, or a stream until it ends) and given back on
 * completion, error or cancellation, straight to the oldest waiting request.
 */
final class ConcurrencyLimiter {

	/** No limit: calls pass through untouched. */
	static final ConcurrencyLimiter UNLIMITED = new ConcurrencyLimiter(0, 0);

	private final int maxConcurrent;

	private final int maxQueued;

	private final Object lock = new Object();

	private final LinkedHashSet<Permit> waiting = new LinkedHashSet<>();

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

	/** Run {@code exchange} while holding a permit. */
	<T> Mono<T> limit(Mono<T> exchange, HttpMethod method, URI uri) {
		if (this.maxConcurrent <= 0) {
			return exchange;
		}
		return Mono.usingWhen(acquire(method, uri), (permit) -> exchange, Permit::releaseLater,
				(permit, ex) -> permit.releaseLater(), Permit::releaseLater);
	}

	/** Run {@code exchange} while holding a permit. */
	<T> Flux<T> limit(Flux<T> exchange, HttpMethod method, URI uri) {
		if (this.maxConcurrent <= 0) {
			return exchange;
		}
		return Flux.usingWhen(acquire(method, uri), (permit) -> exchange, Permit::releaseLater,
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

	private Mono<Permit> acquire(HttpMethod method, URI uri) {
		return Mono.create((sink) -> {
			Permit permit = new Permit(sink);
			// cancelled while waiting: leave the queue; cancelled as the permit was handed over: give it back
			sink.onCancel(permit::release);
			boolean granted = false;
			boolean rejected = false;
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
					this.waiting.add(permit);
				}
				else {
					permit.state = Permit.RELEASED;
					rejected = true;
				}
			}
			if (granted) {
				sink.success(permit);
			}
			else if (rejected) {
				sink.error(new GeminiConcurrencyLimitException("Request rejected before it was sent: "
						+ this.maxConcurrent + " requests are in flight (cometapi.gemini.max-concurrent-requests) and "
						+ this.maxQueued + " more are waiting (cometapi.gemini.max-queued-requests)", method, uri,
						this.maxConcurrent, this.maxQueued));
			}
		});
	}

	/**
	 * One request's claim on the limit: waiting, granted, then released exactly once.
	 */
	private final class Permit {

		static final int WAITING = 0;

		static final int GRANTED = 1;

		static final int RELEASED = 2;

		private final MonoSink<Permit> sink;

		private int state = WAITING; // guarded by lock

		Permit(MonoSink<Permit> sink) {
			this.sink = sink;
		}

		Mono<Void> releaseLater() {
			return Mono.fromRunnable(this::release);
		}

		void release() {
			Permit next = null;
			synchronized (ConcurrencyLimiter.this.lock) {
				if (this.state == WAITING) {
					ConcurrencyLimiter.this.waiting.remove(this);
					this.state = RELEASED;
					return;
				}
				if (this.state != GRANTED) {
					return;
				}
				this.state = RELEASED;
				Iterator<Permit> oldest = ConcurrencyLimiter.this.waiting.iterator();
				if (oldest.hasNext()) {
					next = oldest.next();
					oldest.remove();
					next.state = GRANTED;
				}
				else {
					ConcurrencyLimiter.this.inFlight--;
				}
			}
			if (next != null) {
				// if that request was cancelled meanwhile, its onCancel gives the permit on again
				next.sink.success(next);
			}
		}

	}

}
