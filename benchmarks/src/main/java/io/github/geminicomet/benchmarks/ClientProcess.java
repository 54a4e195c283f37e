package io.github.geminicomet.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.OperatingSystemMXBean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client in one JVM running one scenario against the fake server, then printing its figures as a
 * JSON line starting with {@value #RESULT}: CPU is this process's CPU time, so the server's is not
 * counted.
 */
public final class ClientProcess {

	static final String RESULT = "RESULT ";

	/** Linux's {@code USER_HZ}, the unit of the CPU times in {@code /proc}: 100 on every common build. */
	private static final long CLOCK_TICKS_PER_SECOND = 100;

	private static final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private static final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final BenchClient client;

	private final Map<String, String> options;

	private final Map<String, Object> result = new LinkedHashMap<>();

	private ClientProcess(BenchClient client, Map<String, String> options) {
		this.client = client;
		this.options = options;
	}

	/**
	 * Run one scenario: {@code client=NAME scenario=unary|stream|fanout|ttfe baseUrl=URL} and the
	 * scenario's sizes.
	 * @param args {@code key=value} pairs
	 */
	public static void main(String[] args) {
		Map<String, String> options = BenchmarkRunner.parse(args);
		String name = options.get("client");
		String scenario = options.get("scenario");
		int exit = 0;
		try (BenchClient client = BenchClient.create(name, options.get("baseUrl"))) {
			ClientProcess process = new ClientProcess(client, options);
			process.result.put("client", name);
			process.result.put("scenario", scenario);
			switch (scenario) {
				case "unary" -> process.unary();
				case "stream" -> process.stream();
				case "fanout" -> process.fanOut();
				case "ttfe" -> process.firstEvent();
				case "quota" -> process.sequentialUnary();
				default -> throw new IllegalArgumentException("Unknown scenario " + scenario);
			}
			System.out.println(RESULT + JsonMapper.shared().writeValueAsString(process.result));
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			exit = 1;
		}
		System.out.flush();
		System.exit(exit);
	}

	private int option(String key, int defaultValue) {
		return Integer.parseInt(this.options.getOrDefault(key, Integer.toString(defaultValue)));
	}

	/** N requests at concurrency C: requests per second and CPU per request. */
	private void unary() {
		int count = option("requests", 100_000);
		int concurrency = option("concurrency", 32);
		String model = Workload.UNARY.model();
		int expected = Workload.UNARY.events() * Workload.UNARY.textSize();
		warmUp(() -> unaryBatch(model, option("warmup", 3_000), concurrency, expected));
		settle();
		long jit = jitNanos();
		long allocated = allocatedBytes();
		long switches = contextSwitches();
		long cpu = os.getProcessCpuTime();
		long start = System.nanoTime();
		int failures = unaryBatch(model, count, concurrency, expected);
		long wall = System.nanoTime() - start;
		cpu = os.getProcessCpuTime() - cpu;
		this.result.put("allocatedBytesPerRequest", (allocatedBytes() - allocated) / (double) count);
		this.result.put("contextSwitchesPerRequest", (contextSwitches() - switches) / (double) count);
		jit = jitNanos() - jit;
		this.result.put("jitMillisWhileMeasured", jit / 1_000_000);
		this.result.put("requests", count);
		this.result.put("concurrency", concurrency);
		this.result.put("failures", failures);
		this.result.put("requestsPerSecond", count * 1e9 / wall);
		putWithoutJit("cpuMicrosPerRequest", cpu, jit, count);
		this.result.put("cpuMicrosPerRequestWithJit", cpu / 1e3 / count);
	}

	private int unaryBatch(String model, int count, int concurrency, int expectedLength) {
		AtomicInteger failures = new AtomicInteger();
		Flux.range(0, count)
			.flatMap((i) -> this.client.unary(model).doOnNext((text) -> {
				if (text.length() != expectedLength) {
					failures.incrementAndGet();
				}
			}).onErrorResume((ex) -> {
				if (failures.getAndIncrement() == 0) {
					ex.printStackTrace();
				}
				return Mono.empty();
			}), concurrency)
			.blockLast(Duration.ofMinutes(5));
		return failures.get();
	}

	/**
	 * N unary calls one after the other: latency p50/p99 and CPU per call, to show what one component on
	 * every call costs (the Redis-backed quota: {@code clients=template,template-redis scenarios=quota}).
	 */
	private void sequentialUnary() {
		int count = option("requests", 5_000);
		String model = Workload.UNARY.model();
		int expected = Workload.UNARY.events() * Workload.UNARY.textSize();
		warmUp(() -> unaryBatch(model, option("warmup", 2_000), 1, expected));
		settle();
		long jit = jitNanos();
		long cpu = os.getProcessCpuTime();
		double[] latencies = new double[count];
		int failures = 0;
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			String text = this.client.unary(model).onErrorReturn("").block(Duration.ofSeconds(30));
			latencies[i] = (System.nanoTime() - start) / 1e6;
			if (text == null || text.length() != expected) {
				failures++;
			}
		}
		cpu = os.getProcessCpuTime() - cpu;
		jit = jitNanos() - jit;
		Arrays.sort(latencies);
		this.result.put("requests", count);
		this.result.put("failures", failures);
		this.result.put("jitMillisWhileMeasured", jit / 1_000_000);
		this.result.put("cpuMicrosPerRequest", withoutJit(cpu, jit) / 1e3 / count);
		this.result.put("latencyMillisP50", percentile(latencies, 0.50));
		this.result.put("latencyMillisP99", percentile(latencies, 0.99));
	}

	/** 200-event streams at concurrency C: events per second and CPU per event. */
	private void stream() {
		int count = option("streams", 6_000);
		int concurrency = option("concurrency", 4);
		Workload workload = Workload.STREAM;
		warmUp(() -> streamBatch(workload, option("warmup", 200), concurrency));
		settle();
		long jit = jitNanos();
		long allocated = allocatedBytes();
		long switches = contextSwitches();
		long cpu = os.getProcessCpuTime();
		long start = System.nanoTime();
		long[] outcome = streamBatch(workload, count, concurrency);
		long wall = System.nanoTime() - start;
		cpu = os.getProcessCpuTime() - cpu;
		long events = outcome[0];
		this.result.put("allocatedBytesPerEvent", (allocatedBytes() - allocated) / (double) events);
		this.result.put("contextSwitchesPerEvent", (contextSwitches() - switches) / (double) events);
		jit = jitNanos() - jit;
		this.result.put("jitMillisWhileMeasured", jit / 1_000_000);
		this.result.put("streams", count);
		this.result.put("eventsPerStream", workload.events());
		this.result.put("concurrency", concurrency);
		this.result.put("failures", outcome[1]);
		this.result.put("events", events);
		this.result.put("eventsPerSecond", events * 1e9 / wall);
		putWithoutJit("cpuMicrosPerEvent", cpu, jit, events);
		this.result.put("cpuMicrosPerEventWithJit", cpu / 1e3 / events);
	}

	/** Returns the events received and the streams that failed or lost text. */
	private long[] streamBatch(Workload workload, int count, int concurrency) {
		AtomicLong events = new AtomicLong();
		AtomicInteger failures = new AtomicInteger();
		int expectedLength = workload.events() * workload.textSize();
		Flux.range(0, count)
			.flatMap((i) -> this.client.stream(workload.model())
				.reduce(0, (length, text) -> {
					events.incrementAndGet();
					return length + text.length();
				})
				.doOnNext((length) -> {
					if (length != expectedLength) {
						failures.incrementAndGet();
					}
				})
				.onErrorResume((ex) -> {
					if (failures.getAndIncrement() == 0) {
						ex.printStackTrace();
					}
					return Mono.empty();
				}), concurrency)
			.blockLast(Duration.ofMinutes(5));
		return new long[] { events.get(), failures.get() };
	}

	/**
	 * S concurrent slow streams (50 events 20 ms apart, or {@code gap} ms): whether all complete, wall
	 * time against the ideal, peak live threads, and heap per open stream (after a GC taken once all are
	 * open, in a separate run of slower streams, 8 events a second apart, so that all are open at once and
	 * the GC pause does not count in the wall time).
	 */
	private void fanOut() {
		int count = option("streams", 10_000);
		int gap = option("gap", Workload.FAN_OUT.delayMillis());
		Workload workload = new Workload(Workload.FAN_OUT.events(), Workload.FAN_OUT.textSize(), gap, gap);
		fanOutRun(workload, Math.min(count, option("warmup", 1_000)), false);
		settle();
		long baseline = heapAfterGc();
		long[] heapRun = fanOutRun(Workload.FAN_OUT_HEAP, count, true);
		settle();
		threads.resetPeakThreadCount();
		long cpu = os.getProcessCpuTime();
		long start = System.nanoTime();
		long[] timedRun = fanOutRun(workload, count, false);
		long wall = System.nanoTime() - start;
		cpu = os.getProcessCpuTime() - cpu;
		this.result.put("streams", count);
		this.result.put("completed", timedRun[0]);
		this.result.put("allCompleted", timedRun[0] == count && heapRun[0] == count);
		this.result.put("wallMillis", wall / 1e6);
		this.result.put("gapMillis", gap);
		this.result.put("idealMillis", workload.idealMillis());
		this.result.put("wallRatio", wall / 1e6 / workload.idealMillis());
		this.result.put("peakThreads", threads.getPeakThreadCount());
		this.result.put("cpuMicrosPerEvent", cpu / 1e3 / ((double) count * workload.events()));
		this.result.put("openAtHeapSample", heapRun[2]);
		this.result.put("heapBytesPerOpenStream", (heapRun[1] - baseline) / (double) Math.max(1, heapRun[2]));
	}

	/** Returns the streams completed whole, the heap sampled and the streams open at the sample. */
	private long[] fanOutRun(Workload workload, int count, boolean sampleHeap) {
		AtomicInteger started = new AtomicInteger();
		AtomicInteger ended = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		int expectedLength = workload.events() * workload.textSize();
		Mono<Void> all = Flux.range(0, count)
			.flatMap((i) -> {
				AtomicInteger length = new AtomicInteger();
				return this.client.stream(workload.model())
					.doOnNext((text) -> {
						if (length.getAndAdd(text.length()) == 0) {
							started.incrementAndGet();
						}
					})
					.then(Mono.fromRunnable(() -> {
						if (length.get() == expectedLength) {
							completed.incrementAndGet();
						}
					}))
					.onErrorResume((ex) -> {
						if (ended.get() == 0) {
							ex.printStackTrace();
						}
						return Mono.empty();
					})
					.doFinally((signal) -> ended.incrementAndGet());
			}, count)
			.then()
			.cache();
		all.subscribe();
		long heap = 0;
		long open = 0;
		if (sampleHeap) {
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (started.get() < count && ended.get() == 0 && System.nanoTime() < deadline) {
				sleep(5);
			}
			open = started.get() - ended.get();
			heap = heapAfterGc();
		}
		all.block(Duration.ofMinutes(5));
		return new long[] { completed.get(), heap, open };
	}

	/** Sequential streams whose first event the server sends after 10 ms: the time beyond that. */
	private void firstEvent() {
		Workload workload = Workload.FIRST_EVENT;
		int count = option("requests", 400);
		// the same code path, warmed fast with concurrent two-event streams, then sequentially
		warmUp(() -> streamBatch(new Workload(2, 32, 0, 0), 2_000, 8));
		firstEventTimes(workload, option("warmup", 200));
		settle();
		double[] overheads = firstEventTimes(workload, count);
		Arrays.sort(overheads);
		this.result.put("requests", count);
		this.result.put("serverDelayMillis", workload.firstDelayMillis());
		this.result.put("overheadMillisP50", percentile(overheads, 0.50));
		this.result.put("overheadMillisP99", percentile(overheads, 0.99));
	}

	private double[] firstEventTimes(Workload workload, int count) {
		double[] overheads = new double[count];
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			AtomicLong first = new AtomicLong();
			this.client.stream(workload.model())
				.doOnNext((text) -> first.compareAndSet(0, System.nanoTime()))
				.blockLast(Duration.ofSeconds(30));
			overheads[i] = (first.get() - start) / 1e6 - workload.firstDelayMillis();
		}
		return overheads;
	}

	/**
	 * Run warm-up batches until the JIT compiler is done with the path (it compiled for less than 2% of
	 * the time of two batches in a row) and at least {@code warmupMinSeconds} (10) have passed, for at most
	 * {@code warmupSeconds} (30): the JIT's CPU counts in the process's, and a client with more code would
	 * otherwise pay for compiling it in the measurement. The minimum matters on a small machine: with two
	 * cores shared with the server, C2 was still compiling (2.2-2.8 s of a 3.3 s measurement, for every
	 * client) after 30 short batches, and the CPU left after taking the JIT's time out varied by 40%
	 * between rounds.
	 */
	private void warmUp(Runnable batch) {
		long begin = System.nanoTime();
		long deadline = begin + Duration.ofSeconds(option("warmupSeconds", 30)).toNanos();
		long minimum = begin + Duration.ofSeconds(Math.min(option("warmupMinSeconds", 10), option("warmupSeconds", 30)))
			.toNanos();
		int batches = 0;
		int quiet = 0;
		while ((quiet < 2 || System.nanoTime() < minimum) && System.nanoTime() < deadline) {
			long compiling = jitNanos();
			long start = System.nanoTime();
			batch.run();
			batches++;
			long batchNanos = System.nanoTime() - start;
			quiet = (batches > 1 && (jitNanos() - compiling) < batchNanos * 0.02) ? quiet + 1 : 0;
		}
		this.result.put("warmupMillis", (System.nanoTime() - begin) / 1_000_000);
		this.result.put("warmupQuiet", quiet >= 2);
		this.result.put("warmupBatches", batches);
	}

	/**
	 * The process's CPU time less the JIT compiler's while measuring (compiling is CPU-bound, and whatever
	 * warm-up left to compile is not the steady state a long-running application sees).
	 */
	private static long withoutJit(long cpuNanos, long jitNanos) {
		return Math.max(0, cpuNanos - jitNanos);
	}

	/**
	 * Put the CPU per unit less the JIT's, or leave it out when the JIT's covers all of the CPU (a run too
	 * short for its warm-up, such as a quick one): no figure rather than a false zero.
	 */
	private void putWithoutJit(String key, long cpuNanos, long jitNanos, long units) {
		long withoutJit = withoutJit(cpuNanos, jitNanos);
		if (withoutJit > 0) {
			this.result.put(key, withoutJit / 1e3 / units);
		}
	}

	/**
	 * The JIT compiler's time so far: on Linux the CPU time of the compiler threads (C1 and C2, read from
	 * {@code /proc/self/task}; the runner keeps them alive with
	 * {@code -XX:-UseDynamicNumberOfCompilerThreads}, so none takes its time away when it ends), else the
	 * JVM's total compilation time, which is the compilers' elapsed time: on a busy machine a compiler
	 * thread waiting for a core counts there too, and taking that out of the process's CPU took out more
	 * than the JIT used.
	 */
	private static long jitNanos() {
		long ticks = 0;
		try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks = java.nio.file.Files
			.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
			for (java.nio.file.Path task : tasks) {
				String stat;
				try {
					stat = java.nio.file.Files.readString(task.resolve("stat"));
				}
				catch (java.io.IOException ex) {
					continue; // the thread ended
				}
				int open = stat.indexOf('(');
				int close = stat.lastIndexOf(')');
				String name = stat.substring(open + 1, close);
				if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
					// after the name: state is field 3, utime and stime fields 14 and 15 (clock ticks)
					String[] fields = stat.substring(close + 2).split(" ");
					ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				}
			}
			return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
		}
		catch (java.io.IOException | RuntimeException ex) {
			return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() * 1_000_000;
		}
	}

	private static double percentile(double[] sorted, double fraction) {
		int index = (int) Math.ceil(fraction * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/**
	 * Bytes allocated on the heap so far, by every thread that ever ran (per-thread counters lose the threads
	 * that ended, and some clients end threads all the time): the young generation's current use plus what
	 * each collection found in it.
	 */
	private static long allocatedBytes() {
		long young = 0;
		for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (isYoung(pool.getName())) {
				young += pool.getUsage().getUsed();
			}
		}
		return young + collectedYoungBytes.get();
	}

	private static boolean isYoung(String pool) {
		return pool.contains("Eden") || pool.contains("Survivor");
	}

	private static final AtomicLong collectedYoungBytes = new AtomicLong();

	static {
		for (java.lang.management.GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			((javax.management.NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
				if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
					.equals(notification.getType())) {
					return;
				}
				com.sun.management.GcInfo info = com.sun.management.GarbageCollectionNotificationInfo
					.from((javax.management.openmbean.CompositeData) notification.getUserData())
					.getGcInfo();
				long freed = 0;
				for (Map.Entry<String, java.lang.management.MemoryUsage> before : info.getMemoryUsageBeforeGc()
					.entrySet()) {
					if (isYoung(before.getKey())) {
						freed += before.getValue().getUsed() - info.getMemoryUsageAfterGc().get(before.getKey()).getUsed();
					}
				}
				collectedYoungBytes.addAndGet(freed);
			}, null, null);
		}
	}

	/** Context switches of this process's threads so far (Linux), or -1. */
	private static long contextSwitches() {
		long total = 0;
		try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks = java.nio.file.Files
			.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
			for (java.nio.file.Path task : tasks) {
				try {
					for (String line : java.nio.file.Files.readAllLines(task.resolve("status"))) {
						if (line.startsWith("voluntary_ctxt_switches") || line.startsWith("nonvoluntary_ctxt_switches")) {
							total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
						}
					}
				}
				catch (java.io.IOException ex) {
					// the thread ended
				}
			}
			return total;
		}
		catch (java.io.IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static long heapAfterGc() {
		System.gc();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	/** Let the JIT and the previous batch's connections settle before measuring. */
	private static void settle() {
		System.gc();
		sleep(500);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
