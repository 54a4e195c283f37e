package io.github.geminicomet.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The figures of every round, reduced to medians, and ratios to both floors (the median of the per-round
 * ratios, each taken between runs made minutes apart), with the targets checked against
 * {@code floor-lean}.
 */
final class Results {

	/** The floor that reads only what a caller of {@code text()} needs: the targets' base. */
	static final String LEAN = "floor-lean";

	/** The floor that reads every event into the project's wire model. */
	static final String MODEL = "floor-model";

	private static final Map<String, String> FLOOR_LABELS = linked(LEAN, "lean", MODEL, "model");

	/** Scenario, then metric key and label; lower is better unless the label says "/s". */
	private static final Map<String, Map<String, String>> METRICS = new LinkedHashMap<>();

	static {
		METRICS.put("unary", linked("requestsPerSecond", "requests/s", "cpuMicrosPerRequest",
				"CPU µs per request (JIT excluded)", "allocatedBytesPerRequest", "heap bytes allocated per request",
				"contextSwitchesPerRequest", "context switches per request", "failures", "failed calls"));
		METRICS.put("stream", linked("eventsPerSecond", "events/s", "cpuMicrosPerEvent",
				"CPU µs per event (JIT excluded)", "allocatedBytesPerEvent", "heap bytes allocated per event",
				"contextSwitchesPerEvent", "context switches per event", "failures", "failed streams"));
		METRICS.put("fanout", linked("streams", "concurrent streams", "completed", "completed whole", "wallMillis",
				"wall ms", "wallRatio", "wall / ideal", "peakThreads", "peak live threads",
				"heapBytesPerOpenStream", "heap bytes per open stream", "cpuMicrosPerEvent",
				"CPU µs per event (JIT included)", "connectionsOpened", "connections opened (TLS handshakes over TLS)"));
		METRICS.put("fanout2k", METRICS.get("fanout"));
		METRICS.put("quota", linked("cpuMicrosPerRequest", "CPU µs per request (JIT excluded)", "latencyMillisP50",
				"latency p50 ms", "latencyMillisP99", "latency p99 ms", "failures", "failed calls"));
		METRICS.put("ttfe", linked("overheadMillisP50", "first event overhead p50 ms", "overheadMillisP99",
				"first event overhead p99 ms"));
	}

	private static final Map<String, String> NAMES = Map.of("template", "GeminiTemplate (starter)", "template-redis",
			"GeminiTemplate + Redis quota", LEAN,
			"floor-lean: Reactor Netty + Jackson, lean parse", MODEL,
			"floor-model: Reactor Netty + Jackson, wire model", "google-genai", "google-genai 2.3.0", "langchain4j",
			"langchain4j-google-ai-gemini 1.23.0");

	private final List<String> clients;

	private final int rounds;

	/** scenario -> client -> round -> result. */
	private final Map<String, Map<String, Map<Integer, JsonNode>>> runs = new LinkedHashMap<>();

	private final Map<String, Object> extra = new LinkedHashMap<>();

	Results(List<String> clients, int rounds) {
		this.clients = clients;
		this.rounds = rounds;
	}

	void add(String scenario, String client, int round, JsonNode result) {
		this.runs.computeIfAbsent(scenario, (key) -> new LinkedHashMap<>())
			.computeIfAbsent(client, (key) -> new LinkedHashMap<>())
			.put(round, result);
	}

	void put(String key, Object value) {
		this.extra.put(key, value);
	}

	private double[] values(String scenario, String client, String metric) {
		Map<Integer, JsonNode> byRound = this.runs.getOrDefault(scenario, Map.of()).getOrDefault(client, Map.of());
		return byRound.values().stream().filter((node) -> node.has(metric)).mapToDouble((node) -> node.get(metric)
			.asDouble()).toArray();
	}

	/** The client's value divided by the floor's, round by round. */
	private double[] ratios(String scenario, String client, String metric, String floor) {
		return perRound(scenario, client, metric, floor, true);
	}

	/** The client's value less the floor's, round by round. */
	private double[] differences(String scenario, String client, String metric, String floor) {
		return perRound(scenario, client, metric, floor, false);
	}

	private double[] perRound(String scenario, String client, String metric, String floor, boolean ratio) {
		Map<Integer, JsonNode> mine = this.runs.getOrDefault(scenario, Map.of()).getOrDefault(client, Map.of());
		Map<Integer, JsonNode> base = this.runs.getOrDefault(scenario, Map.of()).getOrDefault(floor, Map.of());
		List<Double> results = new ArrayList<>();
		mine.forEach((round, node) -> {
			JsonNode floorNode = base.get(round);
			if (floorNode == null || !node.has(metric) || !floorNode.has(metric)) {
				return;
			}
			double value = node.get(metric).asDouble();
			double floorValue = floorNode.get(metric).asDouble();
			if (!ratio) {
				results.add(value - floorValue);
			}
			else if (floorValue != 0) {
				results.add(value / floorValue);
			}
		});
		return results.stream().mapToDouble(Double::doubleValue).toArray();
	}

	static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	Map<String, Object> json() {
		Map<String, Object> root = new LinkedHashMap<>(this.extra);
		root.put("rounds", this.rounds);
		root.put("clients", this.clients);
		Map<String, Object> scenarios = new LinkedHashMap<>();
		this.runs.forEach((scenario, byClient) -> {
			Map<String, Object> clientsJson = new LinkedHashMap<>();
			for (String client : this.clients) {
				Map<String, Object> metrics = new LinkedHashMap<>();
				for (String metric : METRICS.getOrDefault(scenario, Map.of()).keySet()) {
					double[] values = values(scenario, client, metric);
					if (values.length == 0) {
						continue;
					}
					Map<String, Object> figure = new LinkedHashMap<>();
					figure.put("median", median(values));
					figure.put("rounds", values);
					FLOOR_LABELS.forEach((floor, label) -> {
						double[] ratios = ratios(scenario, client, metric, floor);
						if (ratios.length > 0 && !client.equals(floor)) {
							String key = "ratioToFloor" + Character.toUpperCase(label.charAt(0)) + label.substring(1);
							figure.put(key, median(ratios));
							figure.put(key + "Rounds", ratios);
						}
					});
					metrics.put(metric, figure);
				}
				if (!metrics.isEmpty()) {
					clientsJson.put(client, metrics);
				}
			}
			scenarios.put(scenario, clientsJson);
		});
		root.put("scenarios", scenarios);
		root.put("targets", targets());
		return root;
	}

	private List<Map<String, Object>> targets() {
		List<Map<String, Object>> targets = new ArrayList<>();
		ratioTarget(targets, "stream: CPU per event ≤ 1.25× floor-lean", "stream", "cpuMicrosPerEvent", 1.25);
		ratioTarget(targets, "stream: bytes allocated per event ≤ 1.5× floor-lean", "stream",
				"allocatedBytesPerEvent", 1.5);
		ratioTarget(targets, "unary: CPU per call ≤ 1.2× floor-lean", "unary", "cpuMicrosPerRequest", 1.2);
		ratioTarget(targets, "unary: bytes allocated per call ≤ 1.3× floor-lean", "unary",
				"allocatedBytesPerRequest", 1.3);
		for (String scenario : List.of("fanout", "fanout2k")) {
			double[] streams = values(scenario, "template", "streams");
			if (streams.length == 0) {
				continue;
			}
			String name = String.format(Locale.ROOT, "fan-out %,d", (long) streams[0]);
			ratioTarget(targets, name + ": heap per open stream ≤ 1.5× floor-lean", scenario,
					"heapBytesPerOpenStream", 1.5);
			ratioTarget(targets, name + ": CPU per event ≤ 1.25× floor-lean", scenario, "cpuMicrosPerEvent", 1.25);
			double[] completed = values(scenario, "template", "completed");
			Map<String, Object> target = new LinkedHashMap<>();
			target.put("target", name + ": all streams complete, every round");
			target.put("measured", Arrays.toString(Arrays.stream(completed).mapToLong((v) -> (long) v).toArray()));
			target.put("met", Arrays.equals(streams, completed));
			targets.add(target);
			target(targets, name + ": peak live threads ≤ 24", median(values(scenario, "template", "peakThreads")),
					24, "");
		}
		target(targets, "first event: p50 overhead beyond floor-lean's ≤ 0.2 ms",
				median(differences("ttfe", "template", "overheadMillisP50", LEAN)), 0.2, " ms");
		target(targets, "first event: p99 overhead beyond floor-lean's ≤ 0.2 ms",
				median(differences("ttfe", "template", "overheadMillisP99", LEAN)), 0.2, " ms");
		return targets;
	}

	private void ratioTarget(List<Map<String, Object>> targets, String name, String scenario, String metric,
			double limit) {
		if (!this.runs.getOrDefault(scenario, Map.of()).containsKey("template")) {
			return;
		}
		double[] ratios = ratios(scenario, "template", metric, LEAN);
		if (ratios.length == 0) {
			Map<String, Object> target = new LinkedHashMap<>();
			target.put("target", name);
			target.put("measured", "not measured");
			target.put("met", false);
			targets.add(target);
			return;
		}
		double[] sorted = ratios.clone();
		Arrays.sort(sorted);
		String range = (sorted.length > 1) ? " [" + format(sorted[0]) + "–" + format(sorted[sorted.length - 1]) + "]"
				: "";
		Map<String, Object> target = new LinkedHashMap<>();
		target.put("target", name);
		target.put("measured", format(median(ratios)) + "×" + range);
		target.put("met", median(ratios) <= limit);
		targets.add(target);
	}

	private static void target(List<Map<String, Object>> targets, String name, double measured, double limit,
			String unit) {
		if (Double.isNaN(measured)) {
			return;
		}
		Map<String, Object> target = new LinkedHashMap<>();
		target.put("target", name);
		target.put("measured", format(measured) + unit);
		target.put("met", measured <= limit);
		targets.add(target);
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("| scenario | figure |");
		for (String client : this.clients) {
			md.append(' ').append(NAMES.getOrDefault(client, client)).append(" |");
		}
		md.append('\n').append("|---|---|");
		this.clients.forEach((client) -> md.append("---:|"));
		md.append('\n');
		this.runs.forEach((scenario, byClient) -> {
			boolean first = true;
			for (Map.Entry<String, String> metric : METRICS.getOrDefault(scenario, Map.of()).entrySet()) {
				md.append("| ").append(first ? scenarioLabel(scenario) : "").append(" | ").append(metric.getValue())
					.append(" |");
				first = false;
				for (String client : this.clients) {
					double[] values = values(scenario, client, metric.getKey());
					md.append(' ');
					if (values.length > 0) {
						md.append(format(median(values)));
						if (isRatioMetric(metric.getKey())) {
							md.append(ratioCell(scenario, client, metric.getKey()));
						}
					}
					else {
						md.append('–');
					}
					md.append(" |");
				}
				md.append('\n');
			}
		});
		md.append("\nMedians of ").append(this.rounds)
			.append(" rounds; (n× lean, m× model) are the medians of the per-round ratios to floor-lean and to ")
			.append("floor-model, with their ranges in brackets. CPU is the ")
			.append("client JVM's process CPU time (the fake server runs in another JVM), less the JIT compiler's ")
			.append("time while measuring where so marked.\n");
		md.append("\n| target (GeminiTemplate against floor-lean, same run) | measured | met |\n|---|---:|:---:|\n");
		for (Map<String, Object> target : targets()) {
			md.append("| ").append(target.get("target")).append(" | ").append(target.get("measured")).append(" | ")
				.append(Boolean.TRUE.equals(target.get("met")) ? "yes" : "**no**").append(" |\n");
		}
		Object jmh = this.extra.get("jmh");
		if (jmh instanceof List<?> rows && !rows.isEmpty()) {
			md.append("\n| JMH, SSE decode + JSON parse of a 200-event stream | ns per event | bytes allocated per event |\n")
				.append("|---|---:|---:|\n");
			for (Object row : rows) {
				Map<?, ?> map = (Map<?, ?>) row;
				md.append("| ").append(map.get("benchmark")).append(" | ").append(format((Double) map.get("nsPerEvent")))
					.append(" | ").append(format((Double) map.get("bytesPerEvent"))).append(" |\n");
			}
		}
		Object machine = this.extra.get("machine");
		if (machine != null) {
			md.append("\nMachine: ").append(machine).append('\n');
		}
		return md.toString();
	}

	/** Such as {@code " (1.07× lean [1.01–1.10], 0.98× model [0.95–0.99])"}, or empty without a floor. */
	private String ratioCell(String scenario, String client, String metric) {
		List<String> parts = new ArrayList<>();
		FLOOR_LABELS.forEach((floor, label) -> {
			double[] ratios = ratios(scenario, client, metric, floor);
			if (client.equals(floor) || ratios.length == 0) {
				return;
			}
			double[] sorted = ratios.clone();
			Arrays.sort(sorted);
			String part = format(median(ratios)) + "× " + label;
			if (sorted.length > 1) {
				part += " [" + format(sorted[0]) + "–" + format(sorted[sorted.length - 1]) + "]";
			}
			parts.add(part);
		});
		return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
	}

	private static boolean isRatioMetric(String metric) {
		return metric.startsWith("cpu") || metric.endsWith("PerSecond") || metric.startsWith("heap")
				|| metric.startsWith("allocated") || metric.startsWith("context")
				|| metric.startsWith("overhead") || metric.equals("peakThreads");
	}

	private String scenarioLabel(String scenario) {
		JsonNode any = this.runs.getOrDefault(scenario, Map.of())
			.values()
			.stream()
			.flatMap((byRound) -> byRound.values().stream())
			.findFirst()
			.orElse(null);
		if (any == null) {
			return scenario;
		}
		return switch (scenario) {
			case "unary" -> String.format(Locale.ROOT, "unary (%,d calls, %d at once)", any.path("requests").asInt(),
					any.path("concurrency").asInt());
			case "stream" -> String.format(Locale.ROOT, "stream (%,d streams of %d events, %d at once)",
					any.path("streams").asInt(), any.path("eventsPerStream").asInt(), any.path("concurrency").asInt());
			case "fanout" -> String.format(Locale.ROOT, "fan-out (concurrent streams of 50 events, %d ms apart: ideal %,d ms)",
					any.path("gapMillis").asInt(20), any.path("idealMillis").asLong(1_000));
			case "fanout2k" -> String.format(Locale.ROOT, "fan-out, every client at the peers' count (ideal %,d ms)",
					any.path("idealMillis").asLong(1_000));
			case "quota" -> String.format(Locale.ROOT, "sequential unary (%,d calls, one at a time)",
					any.path("requests").asInt());
			case "ttfe" -> String.format(Locale.ROOT, "time to first event (%d sequential streams, server delay %d ms)",
					any.path("requests").asInt(), any.path("serverDelayMillis").asInt());
			default -> scenario;
		};
	}

	static String format(@Nullable Double value) {
		if (value == null || value.isNaN()) {
			return "–";
		}
		double abs = Math.abs(value);
		if (abs >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (abs >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (abs >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static Map<String, String> linked(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

}
