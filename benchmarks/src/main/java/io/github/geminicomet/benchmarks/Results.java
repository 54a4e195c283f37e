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
 * The figures of every round, reduced to medians, and ratios to the floor (the median of the per-round
 * ratios, each taken between runs made minutes apart), with the targets checked.
 */
final class Results {

	private static final String FLOOR = "floor";

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
		METRICS.put("ttfe", linked("overheadMillisP50", "first event overhead p50 ms", "overheadMillisP99",
				"first event overhead p99 ms"));
	}

	private static final Map<String, String> NAMES = Map.of("template", "GeminiTemplate (starter)", FLOOR,
			"floor: raw Reactor Netty + Jackson", "google-genai", "google-genai 1.70.0", "langchain4j",
			"langchain4j-google-ai-gemini 1.18.1");

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
	private double[] ratios(String scenario, String client, String metric) {
		Map<Integer, JsonNode> mine = this.runs.getOrDefault(scenario, Map.of()).getOrDefault(client, Map.of());
		Map<Integer, JsonNode> floor = this.runs.getOrDefault(scenario, Map.of()).getOrDefault(FLOOR, Map.of());
		List<Double> ratios = new ArrayList<>();
		mine.forEach((round, node) -> {
			JsonNode base = floor.get(round);
			if (base != null && node.has(metric) && base.has(metric) && base.get(metric).asDouble() != 0) {
				ratios.add(node.get(metric).asDouble() / base.get(metric).asDouble());
			}
		});
		return ratios.stream().mapToDouble(Double::doubleValue).toArray();
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
					double[] ratios = ratios(scenario, client, metric);
					if (ratios.length > 0 && !client.equals(FLOOR)) {
						figure.put("ratioToFloor", median(ratios));
						figure.put("ratioToFloorRounds", ratios);
					}
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
		target(targets, "stream: CPU per event ≤ 1.25× the floor", median(ratios("stream", "template",
				"cpuMicrosPerEvent")), 1.25, "×");
		target(targets, "unary: CPU per request ≤ 1.3× the floor", median(ratios("unary", "template",
				"cpuMicrosPerRequest")), 1.3, "×");
		double[] streams = values("fanout", "template", "streams");
		double[] completed = values("fanout", "template", "completed");
		if (streams.length > 0) {
			boolean all = Arrays.equals(streams, completed);
			Map<String, Object> target = new LinkedHashMap<>();
			target.put("target", "fan-out: all " + (long) streams[0] + " streams complete, every round");
			target.put("measured", Arrays.toString(Arrays.stream(completed).mapToLong((v) -> (long) v).toArray()));
			target.put("met", all && streams[0] >= 10_000);
			targets.add(target);
		}
		target(targets, "fan-out: peak live threads ≤ 24", median(values("fanout", "template", "peakThreads")), 24, "");
		target(targets, "fan-out: wall time ≤ 1.6× the ideal", median(values("fanout", "template", "wallRatio")), 1.6,
				"×");
		target(targets, "fan-out: heap per open stream ≤ 1.5× the floor's", median(ratios("fanout", "template",
				"heapBytesPerOpenStream")), 1.5, "×");
		target(targets, "first event: overhead p50 ≤ 0.6 ms", median(values("ttfe", "template", "overheadMillisP50")),
				0.6, " ms");
		target(targets, "first event: overhead p99 ≤ 4 ms", median(values("ttfe", "template", "overheadMillisP99")), 4,
				" ms");
		return targets;
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
						double[] ratios = ratios(scenario, client, metric.getKey());
						if (!client.equals(FLOOR) && ratios.length > 0 && isRatioMetric(metric.getKey())) {
							double[] sorted = ratios.clone();
							Arrays.sort(sorted);
							md.append(" (").append(format(median(ratios))).append("×");
							if (sorted.length > 1) {
								md.append(", rounds ").append(format(sorted[0])).append("–")
									.append(format(sorted[sorted.length - 1]));
							}
							md.append(')');
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
			.append(" rounds; (n×) is the median of the per-round ratios to the floor, with their range. CPU is the ")
			.append("client JVM's process CPU time (the fake server runs in another JVM), less the JIT compiler's ")
			.append("time while measuring where so marked.\n");
		md.append("\n| target (GeminiTemplate) | measured | met |\n|---|---:|:---:|\n");
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
