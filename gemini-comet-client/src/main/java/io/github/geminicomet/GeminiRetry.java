package io.github.geminicomet;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Retries for {@link RetrySettings}: exponential backoff with jitter, or the delay the server asked for,
 * and a final error that says how many attempts ran.
 *
 * <p>Written as a resubscription from {@code onErrorResume} rather than a Reactor {@code Retry} for
 * {@code retryWhen}: a call that succeeds at once (nearly all of them) then costs one operator, where
 * {@code retryWhen} sets up a companion sink, its queue and its subscribers on every subscription.
 */
final class GeminiRetry {

	private final RetrySettings settings;

	private final Predicate<Throwable> retryable;

	GeminiRetry(RetrySettings settings, Predicate<Throwable> retryable) {
		this.settings = settings;
		this.retryable = retryable;
	}

	/**
	 * Subscribe to {@code attempt} again after each failure the settings allow to retry.
	 * @param attempt the call, subscribed once per attempt
	 * @return the retried call
	 */
	<T> Mono<T> apply(Mono<T> attempt) {
		return apply(attempt, 1);
	}

	/**
	 * Subscribe to {@code attempt} again after each failure the settings and the predicate allow to retry.
	 * @param attempt the call, subscribed once per attempt
	 * @return the retried call
	 */
	<T> Flux<T> apply(Flux<T> attempt) {
		return apply(attempt, 1);
	}

	private <T> Mono<T> apply(Mono<T> attempt, long attempts) {
		return attempt.onErrorResume((failure) -> {
			Duration delay = nextDelay(failure, attempts);
			return (delay != null) ? Mono.delay(delay).then(apply(attempt, attempts + 1))
					: Mono.error(withAttempts(failure, attempts));
		});
	}

	private <T> Flux<T> apply(Flux<T> attempt, long attempts) {
		return attempt.onErrorResume((failure) -> {
			Duration delay = nextDelay(failure, attempts);
			return (delay != null) ? Mono.delay(delay).thenMany(apply(attempt, attempts + 1))
					: Flux.error(withAttempts(failure, attempts));
		});
	}

	/**
	 * The wait before the next attempt after {@code failure} ended attempt number {@code attempts}, or
	 * {@code null} to give up.
	 */
	private @Nullable Duration nextDelay(Throwable failure, long attempts) {
		if (!this.retryable.test(failure) || attempts >= this.settings.maxAttempts()) {
			return null;
		}
		Optional<Duration> serverDelay = serverDelay(failure);
		if (serverDelay.isPresent() && serverDelay.get().compareTo(this.settings.maxServerDelay()) > 0) {
			return null;
		}
		return serverDelay.orElseGet(() -> backoff(attempts - 1));
	}

	private Duration backoff(long retries) {
		Duration initial = this.settings.initialBackoff();
		Duration max = this.settings.maxBackoff();
		Duration base;
		try {
			base = initial.multipliedBy(1L << Math.min(retries, 30));
		}
		catch (ArithmeticException ex) {
			base = max;
		}
		if (base.compareTo(max) > 0) {
			base = max;
		}
		double jitter = this.settings.jitter();
		if (jitter == 0 || base.isZero()) {
			return base;
		}
		long nanos = base.toNanos();
		long spread = (long) (nanos * jitter);
		long jittered = nanos - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1);
		return Duration.ofNanos(Math.min(Math.max(jittered, 0), max.toNanos()));
	}

	private static Optional<Duration> serverDelay(Throwable failure) {
		if (failure instanceof GeminiResponseException response) {
			return response.getRetryDelay();
		}
		return Optional.empty();
	}

	private static Throwable withAttempts(Throwable failure, long attempts) {
		if (failure instanceof GeminiException gemini) {
			gemini.setAttempts((int) attempts);
		}
		return failure;
	}

}
