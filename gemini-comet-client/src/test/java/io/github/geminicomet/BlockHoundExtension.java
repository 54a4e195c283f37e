package io.github.geminicomet;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Installs BlockHound once per JVM (with the Reactor, Netty and Spring integrations found on the class
 * path) and fails a test when anything blocked on a non-blocking thread while it ran, even when the
 * {@link BlockingOperationError} was swallowed on an event loop instead of reaching the test.
 */
final class BlockHoundExtension implements BeforeEachCallback, AfterEachCallback {

	private static final Queue<BlockingMethod> violations = new ConcurrentLinkedQueue<>();

	static {
		BlockHound.install((builder) -> builder.blockingMethodCallback((method) -> {
			violations.add(method);
			throw new BlockingOperationError(method);
		}));
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		violations.clear();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		assertThat(drainViolations()).as("blocking calls on non-blocking threads").isEmpty();
	}

	/** Return and forget the blocking calls reported since the test started. */
	static List<BlockingMethod> drainViolations() {
		List<BlockingMethod> drained = new ArrayList<>();
		for (BlockingMethod method = violations.poll(); method != null; method = violations.poll()) {
			drained.add(method);
		}
		return drained;
	}

}
