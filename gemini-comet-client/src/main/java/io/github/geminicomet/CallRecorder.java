package io.github.geminicomet;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * Lock-free record of the outcomes of a template's recent calls, read as {@link CallStatistics}.
 */
final class CallRecorder {

	private final AtomicReferenceArray<Boolean> outcomes = new AtomicReferenceArray<>(CallStatistics.WINDOW);

	private final AtomicLong count = new AtomicLong();

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable Failure lastFailure;

	void success() {
		this.lastSuccess = Instant.now();
		record(true);
	}

	void failure(Throwable error) {
		Integer status = (error instanceof GeminiResponseException response) ? response.getStatusCode().value() : null;
		this.lastFailure = new Failure(Instant.now(), error.getClass().getSimpleName(), status);
		record(false);
	}

	private void record(boolean success) {
		long slot = this.count.getAndIncrement();
		this.outcomes.set((int) (slot % CallStatistics.WINDOW), success);
	}

	CallStatistics snapshot() {
		int calls = 0;
		int errors = 0;
		for (int i = 0; i < CallStatistics.WINDOW; i++) {
			Boolean outcome = this.outcomes.get(i);
			if (outcome != null) {
				calls++;
				if (!outcome) {
					errors++;
				}
			}
		}
		Failure failure = this.lastFailure;
		return new CallStatistics(this.lastSuccess, (failure != null) ? failure.time() : null,
				(failure != null) ? failure.type() : null, (failure != null) ? failure.status() : null, calls, errors);
	}

	private record Failure(Instant time, String type, @Nullable Integer status) {
	}

}
