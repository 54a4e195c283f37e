package io.github.geminicomet.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link SseDecodeBenchmark} with JMH's GC profiler ({@code -prof gc}) and returns ns and bytes
 * allocated per event for each decoder. The forks and iterations default to the benchmark's annotations;
 * {@code quick} runs pass 1 of each.
 */
final class DecodeBenchmarks {

	private DecodeBenchmarks() {
	}

	static List<Map<String, Object>> run(Path jsonFile, Map<String, String> options) throws RunnerException {
		ChainedOptionsBuilder builder = new OptionsBuilder()
			.include(SseDecodeBenchmark.class.getName() + "." + options.getOrDefault("jmh.include", ""))
			.addProfiler(GCProfiler.class)
			.resultFormat(ResultFormatType.JSON)
			.result(jsonFile.toString());
		if (options.containsKey("jmh.forks")) {
			builder.forks(Integer.parseInt(options.get("jmh.forks")));
		}
		if (options.containsKey("jmh.warmup")) {
			builder.warmupIterations(Integer.parseInt(options.get("jmh.warmup")));
		}
		if (options.containsKey("jmh.iterations")) {
			builder.measurementIterations(Integer.parseInt(options.get("jmh.iterations")));
		}
		Collection<RunResult> results = new Runner(builder.build()).run();
		List<Map<String, Object>> rows = new ArrayList<>();
		for (RunResult result : results) {
			Map<String, Object> row = new LinkedHashMap<>();
			String label = result.getParams().getBenchmark();
			row.put("benchmark", label.substring(label.lastIndexOf('.') + 1));
			row.put("nsPerEvent", result.getPrimaryResult().getScore());
			double allocated = Double.NaN;
			for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
				if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
					allocated = secondary.getValue().getScore();
				}
			}
			row.put("bytesPerEvent", allocated);
			rows.add(row);
		}
		return rows;
	}

}
