package io.github.geminicomet;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

import io.github.geminicomet.quota.QuotaStatistics;

/**
 * What wraps every attempt, the way filters wrap {@code WebClient}'s exchange: the concurrency limit
 * (waiting at most the max wait, when there is one), the client-side quota, retries (a stream only before
 * its first event) and, for unary calls, the call timeout over all attempts.
 */
final class CallPipeline {

	private final ConcurrencyLimiter limiter;

	private final QuotaGate quota;

	private final RetrySettings retrySettings;

	private final GeminiRetry unaryRetry;

	private final @Nullable Duration callTimeout;

	private final @Nullable Duration maxQueueWait;

	/**
	 * @param maxQueueWait the longest an attempt waits for a place under the concurrency limit, or
	 * {@code null} for as long as it takes
	 */
	CallPipeline(ConcurrencyLimiter limiter, @Nullable Duration maxQueueWait, QuotaGate quota,
			RetrySettings retrySettings, @Nullable Duration callTimeout) {
		this.limiter = limiter;
		this.maxQueueWait = maxQueueWait;
		this.quota = quota;
		this.retrySettings = retrySettings;
		this.unaryRetry = new GeminiRetry(retrySettings, CallPipeline::isRetryable);
		this.callTimeout = callTimeout;
	}

	ConcurrencyLimiter limiter() {
		return this.limiter;
	}

	QuotaGate quota() {
		return this.quota;
	}

	/** A snapshot of the quota, with the calls the concurrency limit rejected after the max wait. */
	QuotaStatistics quotaStatistics() {
		return this.quota.statistics(this.limiter.expired());
	}

	/**
	 * {@link #unary(Mono, HttpMethod, URI)} for an attempt that sends {@code body} (written anew for each
	 * attempt), which the quota reserves its estimated tokens for before sending.
	 */
	<T> Mono<T> unary(Function<byte @Nullable [], Mono<T>> send, Supplier<byte @Nullable []> body, HttpMethod method,
			URI uri) {
		return unary(send, body, null, method, uri);
	}

	/**
	 * {@link #unary(Function, Supplier, HttpMethod, URI)} reserving the tokens {@code count} reports, asked
	 * once per call ({@code null}, or when it answers nothing: the size estimate).
	 */
	<T> Mono<T> unary(Function<byte @Nullable [], Mono<T>> send, Supplier<byte @Nullable []> body,
			@Nullable Mono<QuotaGate.TokenCount> count, HttpMethod method, URI uri) {
		if (count == null) {
			return unary(Mono.defer(() -> unaryAttempt(send, body, null, method, uri)), method, uri);
		}
		return Mono.defer(() -> {
			Mono<QuotaGate.TokenCount> once = QuotaGate.perCall(count);
			return unary(Mono.defer(() -> unaryAttempt(send, body, once, method, uri)), method, uri);
		});
	}

	/** One attempt inside the quota, sending the body written anew for it. */
	private <T> Mono<T> unaryAttempt(Function<byte @Nullable [], Mono<T>> send, Supplier<byte @Nullable []> body,
			@Nullable Mono<QuotaGate.TokenCount> count, HttpMethod method, URI uri) {
		byte[] bytes = body.get();
		return this.quota.unary(send.apply(bytes), bytes, count, method, uri);
	}

	/**
	 * {@link #stream(Flux, HttpMethod, URI)} for an attempt that sends {@code body} (written anew for each
	 * attempt), which the quota reserves the tokens {@code count} reports for before sending, asked once per
	 * call ({@code null}, or when it answers nothing: the size estimate).
	 */
	<T> Flux<T> stream(Function<byte[], Flux<T>> send, Supplier<byte[]> body,
			@Nullable Mono<QuotaGate.TokenCount> count, HttpMethod method, URI uri) {
		if (count == null) {
			return stream(Flux.defer(() -> streamAttempt(send, body, null, method, uri)), method, uri);
		}
		return Flux.defer(() -> {
			Mono<QuotaGate.TokenCount> once = QuotaGate.perCall(count);
			return stream(Flux.defer(() -> streamAttempt(send, body, once, method, uri)), method, uri);
		});
	}

	/** One attempt of a stream inside the quota, sending the body written anew for it. */
	private <T> Flux<T> streamAttempt(Function<byte[], Flux<T>> send, Supplier<byte[]> body,
			@Nullable Mono<QuotaGate.TokenCount> count, HttpMethod method, URI uri) {
		byte[] bytes = body.get();
		return this.quota.stream(send.apply(bytes), bytes, count, method, uri);
	}

	/**
	 * Limit and retry the attempts of a unary call and bound the whole call, retries included, by the
	 * call timeout.
	 */
	<T> Mono<T> unary(Mono<T> attempt, HttpMethod method, URI uri) {
		return withCallTimeout(
				this.limiter.limit(attempt, this.maxQueueWait, method, uri).transform(this.unaryRetry::apply), method,
				uri);
	}

	private <T> Mono<T> withCallTimeout(Mono<T> call, HttpMethod method, URI uri) {
		if (this.callTimeout != null) {
			Duration limit = this.callTimeout;
			// with a fallback Reactor builds no description of the operator chain on every subscription
			call = call.timeout(limit, Mono.error(() -> new GeminiRequestException("The call took longer than the "
					+ "call timeout of " + limit + " (cometapi.gemini.call-timeout)", method, uri,
					new TimeoutException("No answer within " + limit))));
		}
		return call;
	}

	/**
	 * Limit a unary call that must never be retried (a create that is not idempotent, one chunk of an
	 * upload that resumes on its own), bounded by the call timeout.
	 */
	<T> Mono<T> unaryOnce(Mono<T> attempt, HttpMethod method, URI uri) {
		return withCallTimeout(this.limiter.limit(attempt, this.maxQueueWait, method, uri), method, uri);
	}

	/**
	 * Limit the attempts of a stream, which holds its place until it ends, and retry one only before its
	 * first event, so that no event is ever delivered twice.
	 */
	<T> Flux<T> stream(Flux<T> attempt, HttpMethod method, URI uri) {
		return Flux.defer(() -> {
			Emitted emitted = new Emitted();
			return this.limiter.limit(attempt, this.maxQueueWait, method, uri)
				.doOnNext(emitted)
				.transform(new GeminiRetry(this.retrySettings, (ex) -> !emitted.any && isRetryable(ex))::apply);
		});
	}

	/**
	 * Whether a stream emitted an event. A plain field, not an {@code AtomicBoolean}: it is written in
	 * {@code onNext} and read in {@code onError} of the same subscription, whose signals are serialized
	 * (Reactive Streams §1.3), so no fence is needed on every event.
	 */
	private static final class Emitted implements Consumer<Object> {

		private boolean any;

		@Override
		public void accept(Object event) {
			this.any = true;
		}

	}

	static boolean isRetryable(Throwable ex) {
		if (ex instanceof GeminiRateLimitException rateLimit && rateLimit.isClientSide()) {
			return false; // never sent: waiting longer is the max wait's job
		}
		if (ex instanceof GeminiResponseException response) {
			int status = response.getStatusCode().value();
			return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
		}
		return ex instanceof GeminiRequestException request && request.isConnectionFailure();
	}

}
