package io.github.geminicomet.benchmarks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fake Gemini answers, encoded in the model name so that every client, whatever its API, asks
 * for it the same way: {@code bench-e200-t64-d0-f0} is a stream of 200 events of 64 characters of text,
 * 0 ms apart, the first sent 0 ms after the request; a unary call answers with
 * {@code events * text} characters after the first delay.
 *
 * @param events the number of events of a stream
 * @param textSize the characters of text per event (per answer for unary calls: events * textSize)
 * @param delayMillis the delay between two events
 * @param firstDelayMillis the delay before the first event, or before a unary answer
 */
record Workload(int events, int textSize, int delayMillis, int firstDelayMillis) {

	private static final Pattern NAME = Pattern.compile("bench-e(\\d+)-t(\\d+)-d(\\d+)-f(\\d+)");

	/** A unary answer of about 1.5 KB of JSON (800 characters of text). */
	static final Workload UNARY = new Workload(1, 800, 0, 0);

	/** 200-event streams sent as fast as possible. */
	static final Workload STREAM = new Workload(200, 64, 0, 0);

	/** Slow streams: 50 events, 20 ms apart. */
	static final Workload FAN_OUT = new Workload(50, 32, 20, 20);

	/** Slower streams that stay open until all have started: for sampling the heap per open stream. */
	static final Workload FAN_OUT_HEAP = new Workload(8, 32, 1_000, 100);

	/** Streams whose first event comes 10 ms after the request. */
	static final Workload FIRST_EVENT = new Workload(2, 32, 0, 10);

	String model() {
		return "bench-e" + this.events + "-t" + this.textSize + "-d" + this.delayMillis + "-f" + this.firstDelayMillis;
	}

	/** The time the server alone takes to send the whole stream. */
	long idealMillis() {
		return this.firstDelayMillis + (long) (this.events - 1) * this.delayMillis;
	}

	static Workload parse(String model) {
		Matcher matcher = NAME.matcher(model);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a benchmark model: " + model);
		}
		return new Workload(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
				Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)));
	}

}
