package io.github.geminicomet.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Threads for the blocking peers: one per call in flight, as a thread-per-request application gives them.
 */
final class BlockingCalls {

	private static final AtomicInteger counter = new AtomicInteger();

	static final ExecutorService EXECUTOR = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "caller-" + counter.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	static final Scheduler SCHEDULER = Schedulers.fromExecutorService(EXECUTOR, "caller");

	private BlockingCalls() {
	}

}
