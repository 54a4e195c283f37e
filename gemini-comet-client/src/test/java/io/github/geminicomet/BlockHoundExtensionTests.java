package io.github.geminicomet;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BlockHoundExtension}: proves BlockHound is really active in the template tests.
 */
@ExtendWith(BlockHoundExtension.class)
class BlockHoundExtensionTests {

	@Test
	void blockingCallOnParallelSchedulerIsReportedAsError() {
		Mono<Long> blocking = Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> sleep(Duration.ofMillis(5)));
		StepVerifier.create(blocking)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BlockingOperationError.class)
				.hasMessageContaining("java.lang.Thread.sleep"))
			.verify(TemplateFixtures.TIMEOUT);
		assertThat(BlockHoundExtension.drainViolations()).extracting(BlockingMethod::getName).contains("sleep");
	}

	@Test
	void blockingCallOnBoundedElasticSchedulerIsAllowed() {
		Mono<Long> blocking = Mono.fromCallable(() -> {
			sleep(Duration.ofMillis(5));
			return 1L;
		}).subscribeOn(Schedulers.boundedElastic());
		StepVerifier.create(blocking).expectNext(1L).expectComplete().verify(TemplateFixtures.TIMEOUT);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
