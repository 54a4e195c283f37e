package io.github.geminicomet.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import io.github.geminicomet.codec.ResponseDeserializers;
import io.github.geminicomet.codec.ResponseReader;
import io.github.geminicomet.model.GenerateContentResponse;

/**
 * The parse of one stream event's JSON and of one unary answer, alone (no framing, no transport), each
 * followed by {@code text()}: the lean floor's streaming read ({@code *Lean}), the template's
 * {@link ResponseReader} ({@code *ResponseReader}: one pass without a databinding context) and an
 * {@code ObjectReader} with the same hand-written deserializers of {@link ResponseDeserializers}
 * ({@code *ObjectReader}: what the template used before). Shows how much of the template's per-event
 * cost is the parse into the complete wire model. Not part of the runner's JMH table; run it with
 * {@code java -cp ... org.openjdk.jmh.Main EventParseBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class EventParseBenchmark {

	private byte[] event;

	private byte[] unary;

	private ObjectReader templateReader;

	private ResponseReader responseReader;

	private ResponseReader.Session streamReader;

	private LeanStreamingReader leanReader;

	/** One middle event of the benchmark's stream (its JSON only) and the unary answer. */
	@Setup
	public void setUp() {
		List<byte[]> events = Payloads.events(3, Workload.STREAM.textSize());
		String line = new String(events.get(1), StandardCharsets.UTF_8);
		this.event = line.substring("data: ".length()).trim().getBytes(StandardCharsets.UTF_8);
		this.unary = Payloads.unary(Workload.UNARY.textSize());
		this.templateReader = ResponseDeserializers
			.register(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build())
			.readerFor(GenerateContentResponse.class);
		this.responseReader = ResponseReader
			.of(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
		this.streamReader = this.responseReader.session();
		this.leanReader = new LeanStreamingReader();
	}

	@Benchmark
	public String eventLean() {
		return this.leanReader.read(this.event, 0, this.event.length).text();
	}

	@Benchmark
	public String eventObjectReader() {
		return this.templateReader.<GenerateContentResponse>readValue(this.event, 0, this.event.length).text();
	}

	@Benchmark
	public String eventResponseReader() {
		return this.streamReader.read(this.event, 0, this.event.length).text();
	}

	@Benchmark
	public String unaryResponseReader() {
		return this.responseReader.read(this.unary, 0, this.unary.length).text();
	}

	@Benchmark
	public String unaryLean() {
		return this.leanReader.read(this.unary, 0, this.unary.length).text();
	}

	@Benchmark
	public String unaryObjectReader() {
		return this.templateReader.<GenerateContentResponse>readValue(this.unary, 0, this.unary.length).text();
	}

}
