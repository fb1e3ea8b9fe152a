/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.dualexport.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.test.OtlpSink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures how many log lines per second the calling thread gets through with log capture
 * on and 0, 1 or 2 backends receiving logs over loopback, reported as ratios to 0
 * backends measured in the same run. The backends are {@link OtlpSink}s. Not part of the
 * normal build: run it with {@code mvn -B -Dbenchmark -pl benchmarks -am verify}.
 *
 * @author Dual Export contributors
 */
@Tag("benchmark")
class LogThroughputBenchmarkTests {

	private static final Duration WARM_UP = Duration.ofSeconds(2);

	private static final Duration MEASUREMENT = Duration.ofSeconds(3);

	private static final int ROUNDS = 5;

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final Logger logger = LoggerFactory.getLogger("io.github.dualexport.benchmark.Orders");

	// Sinks, not receivers: a receiver decoding and keeping every request on the same
	// cores would be measured with the backends, twice as much with two
	private static final OtlpSink first = OtlpSink.start();

	private static final OtlpSink second = OtlpSink.start();

	private final ApplicationContextRunner contextRunner = LogCaptureOnly.contextRunner();

	@Test
	void loggingThroughputWithZeroOneAndTwoBackends() {
		List<Setup> setups = List.of(new Setup("capture off (reference)", "telemetry.logs.capture.enabled=false"),
				new Setup("0 backends"), new Setup("1 backend", http("a", first)),
				new Setup("2 backends", http("a", first), http("b", second)));
		List<List<Measurement>> rounds = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			rounds.add(setups.stream().map(this::measure).toList());
		}
		double zeroBackends = median(rounds, 1).linesPerSecond();
		StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
				"%nLog capture throughput on the calling thread (%d cores, median of %d rounds of %ds)%n",
				Runtime.getRuntime().availableProcessors(), ROUNDS, MEASUREMENT.toSeconds()));
		report.append(String.format(Locale.ROOT, "| %-24s | %12s | %13s | %16s | %9s |%n", "setup", "lines/s",
				"vs 0 backends", "caller CPU/line", "dropped"));
		for (int i = 0; i < setups.size(); i++) {
			Measurement median = median(rounds, i);
			report.append(String.format(Locale.ROOT, "| %-24s | %,12.0f | %12.2fx | %13.0f ns | %8.1f%% |%n",
					setups.get(i).name(), median.linesPerSecond(), median.linesPerSecond() / zeroBackends,
					median.cpuNanosPerLine(), median.droppedPercent()));
		}
		System.out.println(report);
		// Lines that reached no backend would make the figures meaningless
		assertThat(rounds).allSatisfy((round) -> assertThat(round.subList(2, 4))
			.allSatisfy((measurement) -> assertThat(measurement.exported()).isPositive()));
	}

	private Measurement measure(Setup setup) {
		List<Measurement> measurement = new ArrayList<>();
		this.contextRunner.withPropertyValues(setup.properties()).run((context) -> {
			List<Appender<ILoggingEvent>> others = LogCaptureOnly.detachAppendersButCapture();
			try {
				logFor(WARM_UP);
				long dropsBefore = dropped(context);
				long start = System.nanoTime();
				long cpuStart = THREADS.getCurrentThreadCpuTime();
				long lines = logFor(MEASUREMENT);
				double seconds = (System.nanoTime() - start) / 1e9;
				double cpuNanosPerLine = (double) (THREADS.getCurrentThreadCpuTime() - cpuStart) / lines;
				long drops = dropped(context) - dropsBefore;
				int backends = ((SignalPipelines<?>) context.getBean("telemetryLogPipelines")).pipelines().size();
				double droppedPercent = (backends != 0) ? 100.0 * drops / (lines * backends) : 0;
				context.getBean(BackendPipelines.class).flushAll(Duration.ofSeconds(10));
				long exported = context.getBean(BackendPipelines.class)
					.snapshots()
					.stream()
					.mapToLong(PipelineSnapshot::exported)
					.sum();
				measurement.add(new Measurement(lines / seconds, cpuNanosPerLine, droppedPercent, exported));
			}
			finally {
				LogCaptureOnly.reattach(others);
			}
		});
		return measurement.get(0);
	}

	private static long logFor(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		long lines = 0;
		while ((lines & 255) != 0 || System.nanoTime() < deadline) {
			logger.info("Order {} placed", lines);
			lines++;
		}
		return lines;
	}

	private static long dropped(ApplicationContext context) {
		return context.getBean(BackendPipelines.class).snapshots().stream().mapToLong(PipelineSnapshot::dropped).sum();
	}

	private static Measurement median(List<List<Measurement>> rounds, int setup) {
		List<Measurement> measurements = new ArrayList<>(rounds.stream().map((round) -> round.get(setup)).toList());
		Collections.sort(measurements, (a, b) -> Double.compare(a.linesPerSecond(), b.linesPerSecond()));
		return measurements.get(measurements.size() / 2);
	}

	@AfterAll
	static void stopSinks() {
		first.close();
		second.close();
	}

	private static String http(String name, OtlpSink receiver) {
		return "telemetry.backends." + name + ".endpoint=" + receiver.httpEndpoint();
	}

	private record Setup(String name, String... properties) {
	}

	private record Measurement(double linesPerSecond, double cpuNanosPerLine, double droppedPercent, long exported) {
	}

}
