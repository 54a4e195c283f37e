package io.github.geminicomet;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Reactor {@link Retry} for {@link RetrySettings}: exponential backoff with jitter, or the delay the
 * server asked for, and a final error that says how many attempts ran.
 */
final class GeminiRetry extends Retry {

	private final RetrySettings settings;

	private final Predicate<Throwable> retryable;

	GeminiRetry(RetrySettings settings, Predicate<Throwable> retryable) {
		this.settings = settings;
		this.retryable = retryable;
	}

	@Override
	public Publisher<?> generateCompanion(Flux<RetrySignal> signals) {
		return signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			long attempts = signal.totalRetries() + 1;
			if (!this.retryable.test(failure)) {
				return Mono.error(withAttempts(failure, attempts));
			}
			Optional<Duration> serverDelay = serverDelay(failure);
			if (serverDelay.isPresent() && serverDelay.get().compareTo(this.settings.maxServerDelay()) > 0) {
				return Mono.error(withAttempts(failure, attempts));
			}
			if (attempts >= this.settings.maxAttempts()) {
				return Mono.error(withAttempts(failure, attempts));
			}
			Duration delay = serverDelay.orElseGet(() -> backoff(signal.totalRetries()));
			return Mono.delay(delay);
		});
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
