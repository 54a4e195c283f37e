package io.github.geminicomet.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Flux;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEventHttpMessageReader;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;

import io.github.geminicomet.codec.ServerSentEventParser;
import io.github.geminicomet.GeminiTemplate;
import io.github.geminicomet.model.GenerateContentRequest;
import io.github.geminicomet.model.GenerateContentResponse;

/**
 * CPU and allocation per event of decoding a 200-event stream, one network read per event, in memory:
 * the template's SSE parser, the floors' minimal framer with the lean parse (streaming, and databinding
 * into plain classes for comparison) and with the wire model, Spring's default SSE reader (what
 * {@code bodyToFlux(GenerateContentResponse.class)} does) and the template's whole streaming call over an
 * in-memory connector. Run with {@code -prof gc}: every figure is per event. The setup checks first that
 * the floors read the same text as the template ({@link FloorTextCheck}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@OperationsPerInvocation(SseDecodeBenchmark.EVENTS)
public class SseDecodeBenchmark {

	static final int EVENTS = 200;

	private List<byte[]> chunks;

	private ObjectReader reader;

	private FloorClient.EventReader<GenerateContentResponse> modelReader;

	private LeanStreamingReader leanReader;

	private LeanBindingReader leanBindingReader;

	private ServerSentEventHttpMessageReader springReader;

	private GeminiTemplate template;

	/** Check the floors against the template, then prepare the stream's bytes, one chunk per event, and the decoders. */
	@Setup
	public void setUp() {
		FloorTextCheck.verify();
		this.chunks = Payloads.events(EVENTS, Workload.STREAM.textSize());
		this.reader = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build()
			.readerFor(GenerateContentResponse.class);
		this.modelReader = FloorClient.modelReader();
		this.leanReader = new LeanStreamingReader();
		this.leanBindingReader = new LeanBindingReader();
		this.springReader = new ServerSentEventHttpMessageReader(new JacksonJsonDecoder());
		this.template = InMemoryGemini.template(this.chunks, new byte[0]);
	}

	/** Close the template. */
	@TearDown
	public void tearDown() {
		this.template.close();
	}

	/** The template's decoder: SSE lines framed straight off the buffers, each event parsed once. */
	@Benchmark
	public void templateSseParser(Blackhole blackhole) {
		ServerSentEventParser<GenerateContentResponse> parser = new ServerSentEventParser<>(
				(bytes, length) -> this.reader.readValue(bytes, 0, length), 32 * 1024 * 1024);
		for (byte[] chunk : this.chunks) {
			for (GenerateContentResponse event : parser.feed(DefaultDataBufferFactory.sharedInstance.wrap(chunk))) {
				blackhole.consume(event.text());
			}
		}
	}

	/** The lean floor: the floors' minimal framer over Netty buffers, one streaming parse per event. */
	@Benchmark
	public void floorLeanSseFramer(Blackhole blackhole) {
		frame(this.leanReader, LeanResponse::text, blackhole);
	}

	/** The lean parse done by databinding into plain classes: measured to choose the lean floor's parse. */
	@Benchmark
	public void floorLeanBindingSseFramer(Blackhole blackhole) {
		frame(this.leanBindingReader, LeanResponse::text, blackhole);
	}

	/** The model floor: the same framer, every event bound into the project's wire model. */
	@Benchmark
	public void floorModelSseFramer(Blackhole blackhole) {
		frame(this.modelReader, GenerateContentResponse::text, blackhole);
	}

	private <T> void frame(FloorClient.EventReader<T> reader, Function<T, String> text, Blackhole blackhole) {
		FloorClient.SseFramer<T> framer = new FloorClient.SseFramer<>(reader);
		for (byte[] chunk : this.chunks) {
			for (T event : framer.feed(Unpooled.wrappedBuffer(chunk))) {
				blackhole.consume(text.apply(event));
			}
		}
	}

	/** Spring's default SSE reader with Jackson: a String per event, then a second JSON pass. */
	@Benchmark
	public void springDefaultSseReader(Blackhole blackhole) {
		MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
		response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
		response.setBody(body());
		this.springReader.read(ResolvableType.forClass(GenerateContentResponse.class), response, java.util.Map.of())
			.doOnNext((event) -> blackhole.consume(((GenerateContentResponse) event).text()))
			.blockLast();
	}

	/**
	 * The template's whole {@code streamGenerateContent} (WebClient exchange, retries, observation, error
	 * checks) over an in-memory connector: the client stack without the network.
	 */
	@Benchmark
	public void templateWholeCall(Blackhole blackhole) {
		this.template.streamGenerateContent("gemini-3.5-flash-lite", REQUEST)
			.doOnNext((event) -> blackhole.consume(event.text()))
			.blockLast();
	}

	private static final GenerateContentRequest REQUEST = GenerateContentRequest.of(BenchClient.PROMPT);

	private Flux<DataBuffer> body() {
		return Flux.fromIterable(this.chunks).map(DefaultDataBufferFactory.sharedInstance::wrap);
	}

}
