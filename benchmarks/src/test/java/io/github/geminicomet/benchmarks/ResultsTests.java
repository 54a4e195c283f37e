package io.github.geminicomet.benchmarks;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Results}.
 */
class ResultsTests {

	private final Results results = new Results(List.of("template", "floor-lean", "floor-model"), 2);

	@Test
	void markdownGivesEachClientItsRatiosToBothFloorsWithTheirRanges() {
		stream(1, 6.0, 4.0, 5.0);
		stream(2, 6.0, 5.0, 6.0);
		String markdown = this.results.markdown();
		assertThat(markdown).contains("| 6.00 (1.35× lean [1.20–1.50], 1.10× model [1.00–1.20]) |");
		assertThat(markdown).contains("| 4.50 (0.82× model [0.80–0.83]) |");
		assertThat(markdown).containsPattern("\\| 5\\.50 \\(1\\.2\\d× lean \\[1\\.20–1\\.25\\]\\) \\|");
	}

	@Test
	@SuppressWarnings("unchecked")
	void jsonGivesRatiosToBothFloors() {
		stream(1, 6.0, 4.0, 5.0);
		Map<String, Object> scenarios = (Map<String, Object>) this.results.json().get("scenarios");
		Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) scenarios.get("stream"))
			.get("template");
		Map<String, Object> cpu = (Map<String, Object>) template.get("cpuMicrosPerEvent");
		assertThat(cpu).containsEntry("ratioToFloorLean", 1.5).containsEntry("ratioToFloorModel", 1.2);
		Map<String, Object> lean = (Map<String, Object>) ((Map<String, Object>) scenarios.get("stream"))
			.get("floor-lean");
		assertThat((Map<String, Object>) lean.get("cpuMicrosPerEvent")).doesNotContainKey("ratioToFloorLean")
			.containsKey("ratioToFloorModel");
	}

	@Test
	void targetsAreCheckedAgainstTheLeanFloor() {
		stream(1, 6.0, 4.0, 6.0);
		stream(2, 6.0, 5.0, 6.0);
		assertThat(target("stream: CPU per event ≤ 1.25× floor-lean")).containsEntry("measured", "1.35× [1.20–1.50]")
			.containsEntry("met", false);
		assertThat(target("stream: bytes allocated per event ≤ 1.5× floor-lean")).containsEntry("met", true);
	}

	@Test
	void targetWithoutAFigureIsNotMetRatherThanLeftOut() {
		add("unary", "template", 1, "{\"allocatedBytesPerRequest\":1000}");
		add("unary", "floor-lean", 1, "{\"cpuMicrosPerRequest\":30,\"allocatedBytesPerRequest\":1000}");
		assertThat(target("unary: CPU per call ≤ 1.2× floor-lean")).containsEntry("measured", "not measured")
			.containsEntry("met", false);
		assertThat(target("unary: bytes allocated per call ≤ 1.3× floor-lean")).containsEntry("met", true);
	}

	@Test
	void firstEventTargetsAreTheOverheadBeyondTheLeanFloors() {
		add("ttfe", "template", 1, "{\"overheadMillisP50\":0.45,\"overheadMillisP99\":1.5}");
		add("ttfe", "floor-lean", 1, "{\"overheadMillisP50\":0.3,\"overheadMillisP99\":1.0}");
		assertThat(target("first event: p50 overhead beyond floor-lean's ≤ 0.2 ms")).containsEntry("met", true);
		assertThat(target("first event: p99 overhead beyond floor-lean's ≤ 0.2 ms")).containsEntry("measured",
				"0.50 ms")
			.containsEntry("met", false);
	}

	@Test
	void fanOutTargetsCoverBothCounts() {
		for (String scenario : List.of("fanout", "fanout2k")) {
			int streams = scenario.equals("fanout") ? 10_000 : 2_000;
			add(scenario, "template", 1, "{\"streams\":" + streams + ",\"completed\":" + (streams - 1)
					+ ",\"peakThreads\":12,\"heapBytesPerOpenStream\":3000,\"cpuMicrosPerEvent\":20}");
			add(scenario, "floor-lean", 1, "{\"streams\":" + streams + ",\"completed\":" + streams
					+ ",\"peakThreads\":10,\"heapBytesPerOpenStream\":1000,\"cpuMicrosPerEvent\":16}");
		}
		assertThat(target("fan-out 10,000: heap per open stream ≤ 1.5× floor-lean")).containsEntry("met", false);
		assertThat(target("fan-out 2,000: CPU per event ≤ 1.25× floor-lean")).containsEntry("met", true);
		assertThat(target("fan-out 2,000: all streams complete, every round")).containsEntry("met", false);
		assertThat(target("fan-out 10,000: peak live threads ≤ 24")).containsEntry("met", true);
	}

	private void stream(int round, double template, double lean, double model) {
		add("stream", "template", round, "{\"cpuMicrosPerEvent\":" + template + ",\"allocatedBytesPerEvent\":1000}");
		add("stream", "floor-lean", round, "{\"cpuMicrosPerEvent\":" + lean + ",\"allocatedBytesPerEvent\":1000}");
		add("stream", "floor-model", round, "{\"cpuMicrosPerEvent\":" + model + ",\"allocatedBytesPerEvent\":3000}");
	}

	private void add(String scenario, String client, int round, String json) {
		this.results.add(scenario, client, round, JsonMapper.shared().readTree(json));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> target(String name) {
		List<Map<String, Object>> targets = (List<Map<String, Object>>) this.results.json().get("targets");
		return targets.stream()
			.filter((target) -> name.equals(target.get("target")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No target '" + name + "' in " + targets));
	}

}
