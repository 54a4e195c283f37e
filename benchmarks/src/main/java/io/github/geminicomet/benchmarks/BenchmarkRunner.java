package io.github.geminicomet.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the benchmarks: checks that the floors read the same text as the template ({@link FloorTextCheck}),
 * starts the fake Gemini, then for each round and scenario runs every client in a JVM of its own, one
 * after the other (A B C D, A B C D, ...) so that machine drift hits all alike, runs the JMH decode
 * benchmark, and writes the medians and the ratios to both floors as Markdown and JSON.
 *
 * <p>Options ({@code key=value}): {@code out} (directory), {@code rounds} (3), {@code clients}
 * (template,floor-lean,floor-model,google-genai,langchain4j; {@code floor} is an alias of
 * {@code floor-model}; template-redis: the template with a Redis-backed quota), {@code scenarios}
 * (unary,stream,fanout,fanout2k,ttfe; quota: sequential unary calls, latency p50/p99; empty for none),
 * {@code fanout} (10000: streams for the non-blocking clients), {@code peerFanout} (2000: streams for
 * the blocking peers, and for every client in {@code fanout2k}), {@code SCENARIO.KEY} (a size passed to
 * the client process, such as {@code unary.requests=10000} or {@code fanout.gap=200}, the milliseconds
 * between fan-out events), {@code warmupSeconds} (30: the longest warm-up of a client process), {@code warmupMinSeconds} (10: the
 * shortest),
 * {@code jmh} (true), {@code jmh.forks}, {@code jmh.warmup}, {@code jmh.iterations} (JMH's forks and
 * iterations, the benchmark's own by default), {@code jmh.include} (a regular expression of benchmark
 * methods), {@code jvmArgs} (extra options of the client JVMs, space separated), and {@code quick}
 * (false: when true, small sizes and short warm-ups for a smoke run of a few minutes; its figures mean
 * nothing), {@code tls} ({@code none}, {@code h1}: HTTP/1.1 over TLS, {@code h2}: h2 over TLS, falling
 * back to HTTP/1.1 for clients without h2) and {@code ssl} ({@code jdk} or {@code openssl}: the TLS
 * implementation of the fake server and of the template and floor).
 */
public final class BenchmarkRunner {

	static final List<String> ALL_CLIENTS = BenchClient.NAMES;

	/** The sizes of a {@code quick=true} smoke run, unless given. */
	private static final Map<String, String> QUICK = Map.ofEntries(Map.entry("unary.requests", "2000"),
			Map.entry("unary.warmup", "500"), Map.entry("stream.streams", "100"), Map.entry("stream.warmup", "50"),
			Map.entry("fanout", "1000"), Map.entry("peerFanout", "200"), Map.entry("fanout.warmup", "200"),
			Map.entry("fanout2k.warmup", "100"), Map.entry("ttfe.requests", "50"), Map.entry("ttfe.warmup", "20"),
			Map.entry("warmupSeconds", "5"), Map.entry("jmh.forks", "1"), Map.entry("jmh.warmup", "1"),
			Map.entry("jmh.iterations", "1"));

	static final String DEFAULT_SCENARIOS = "unary,stream,fanout,fanout2k,ttfe";

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private BenchmarkRunner() {
	}

	/**
	 * Run the benchmarks.
	 * @param args {@code key=value} options
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		if (Boolean.parseBoolean(options.getOrDefault("quick", "false"))) {
			QUICK.forEach(options::putIfAbsent);
		}
		Path out = Path.of(options.getOrDefault("out", "target/benchmarks"));
		Files.createDirectories(out.resolve("logs"));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		List<String> clients = Arrays.stream(options.getOrDefault("clients", String.join(",", ALL_CLIENTS)).split(","))
			.map(String::trim)
			.filter((client) -> !client.isEmpty())
			.map(BenchClient::canonicalName)
			.distinct()
			.toList();
		List<String> scenarios = Arrays.stream(options.getOrDefault("scenarios", DEFAULT_SCENARIOS).split(","))
			.map(String::trim)
			.filter((scenario) -> !scenario.isEmpty())
			.toList();
		Results results = new Results(clients, rounds);
		results.put("machine", machine());
		long started = System.nanoTime();
		String tlsOption = options.getOrDefault("tls", "none");
		BenchTls tls = tlsOption.equals("none") ? null : BenchTls.create(out);
		boolean h2 = tlsOption.equals("h2");
		boolean openSsl = options.getOrDefault("ssl", "jdk").equals("openssl");
		if (tls != null) {
			options.put("jvmArgs", (options.getOrDefault("jvmArgs", "") + " -D" + BenchTls.TRUST + "=" + tls.certificate()
					+ " -D" + BenchTls.HTTP + "=" + (h2 ? "h2" : "h1") + " -D" + BenchTls.SSL + "="
					+ (openSsl ? "openssl" : "jdk")).trim());
			results.put("tls", (h2 ? "h2" : "HTTP/1.1") + " over TLS, " + (openSsl ? "OpenSSL" : "JDK TLS"));
		}
		String check = FloorTextCheck.verify();
		log(check);
		results.put("textCheck", check);
		try (FakeGeminiServer server = new FakeGeminiServer(0, tls, h2, openSsl);
				RedisProcess redis = clients.contains("template-redis") ? RedisProcess.start() : null) {
			if (redis != null) {
				options.merge("jvmArgs", "-Dbench.redis.port=" + redis.port(), (old, added) -> old + " " + added);
			}
			log("Fake Gemini on " + server.baseUrl() + ((tls != null) ? " (" + tlsOption + ", " + (openSsl ? "openssl"
					: "jdk") + ")" : "") + "; " + rounds + " rounds of " + scenarios + " x " + clients);
			for (int round = 1; round <= rounds; round++) {
				for (String scenario : scenarios) {
					for (String client : clients) {
						long requests = server.requests();
						long connections = server.connections();
						JsonNode result = runClient(client, scenario, server.baseUrl(), round, options, out);
						long opened = server.connections() - connections;
						log("  server saw " + (server.requests() - requests) + " requests on " + opened
								+ " new connections" + ((tls != null) ? " (as many TLS handshakes)" : ""));
						if (result instanceof ObjectNode node) {
							node.put("connectionsOpened", opened);
						}
						if (result != null) {
							results.add(scenario, client, round, result);
						}
					}
				}
			}
		}
		if (Boolean.parseBoolean(options.getOrDefault("jmh", "true"))) {
			results.put("jmh", DecodeBenchmarks.run(out.resolve("jmh.json"), options));
		}
		results.put("durationSeconds", (System.nanoTime() - started) / 1_000_000_000L);
		String markdown = results.markdown();
		Files.writeString(out.resolve("results.md"), markdown);
		Files.writeString(out.resolve("results.json"), json.writeValueAsString(results.json()));
		System.out.println();
		System.out.println(markdown);
		System.out.println("Written to " + out.toAbsolutePath().resolve("results.md") + " and results.json");
	}

	private static JsonNode runClient(String client, String scenario, String baseUrl, int round,
			Map<String, String> options, Path out) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:-UseDynamicNumberOfCompilerThreads"));
		String extra = options.get("jvmArgs");
		if (extra != null && !extra.isBlank()) {
			command.addAll(Arrays.asList(extra.trim().split("\\s+")));
		}
		String processScenario = scenario.equals("fanout2k") ? "fanout" : scenario;
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClientProcess.class.getName(),
				"client=" + client, "scenario=" + processScenario, "baseUrl=" + baseUrl));
		if (scenario.equals("fanout2k")) {
			// every client at the same count: the blocking peers' size
			command.add("streams=" + options.getOrDefault("peerFanout", "2000"));
		}
		if (scenario.equals("fanout")) {
			boolean blocking = client.equals("google-genai") || client.equals("langchain4j");
			command.add("streams=" + (blocking ? options.getOrDefault("peerFanout", "2000")
					: options.getOrDefault("fanout", "10000")));
		}
		for (String warmup : List.of("warmupSeconds", "warmupMinSeconds")) {
			if (options.containsKey(warmup)) {
				command.add(warmup + "=" + options.get(warmup));
			}
		}
		options.forEach((key, value) -> {
			if (key.startsWith(scenario + ".")) {
				command.add(key.substring(scenario.length() + 1) + "=" + value);
			}
		});
		File logFile = out.resolve("logs").resolve(scenario + "-" + client + "-" + round + ".log").toFile();
		Process process = new ProcessBuilder(command).redirectError(logFile).start();
		JsonNode result = null;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith(ClientProcess.RESULT)) {
					result = json.readTree(line.substring(ClientProcess.RESULT.length()));
				}
			}
		}
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		log("round " + round + " " + scenario + " " + client + ": "
				+ ((result != null) ? result.toString() : "FAILED, see " + logFile));
		return result;
	}

	private static Map<String, Object> machine() {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("date", Instant.now().toString());
		machine.put("processors", Runtime.getRuntime().availableProcessors());
		machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		try {
			machine.put("loadAverageAtStart", Files.readString(Path.of("/proc/loadavg")).trim());
		}
		catch (IOException ex) {
			// not Linux
		}
		return machine;
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals > 0) {
				options.put(arg.substring(0, equals), arg.substring(equals + 1));
			}
		}
		return options;
	}

	static void log(String message) {
		System.out.println("[bench " + Instant.now() + "] " + message);
	}

}
