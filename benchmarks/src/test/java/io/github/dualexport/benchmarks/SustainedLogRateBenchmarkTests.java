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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.test.OtlpSink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logs at a fixed rate for a fixed time with two backends receiving logs over loopback,
 * with the starter's default settings, and checks that nothing was dropped or failed and
 * that each backend received every line. The backends are {@link OtlpSink}s that decode
 * each log request to count its records. Not part of the normal build: run it with
 * {@code mvn -B -Dbenchmark -pl benchmarks -am verify -Dtest=SustainedLogRateBenchmarkTests
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dbenchmark.log-rate} (lines per
 * second, default 50000) and {@code -Dbenchmark.log-duration} (default {@code PT60S})
 * change the scenario.
 *
 * @author Dual Export contributors
 */
@Tag("benchmark")
class SustainedLogRateBenchmarkTests {

	private static final int RATE = Integer.getInteger("benchmark.log-rate", 50_000);

	private static final Duration DURATION = Duration.parse(System.getProperty("benchmark.log-duration", "PT60S"));

	private static final Logger logger = LoggerFactory.getLogger("io.github.dualexport.benchmark.Orders");

	private static final OtlpSink first = OtlpSink.startCountingLogRecords();

	private static final OtlpSink second = OtlpSink.startCountingLogRecords();

	private final ApplicationContextRunner contextRunner = LogCaptureOnly.contextRunner()
		.withPropertyValues("telemetry.backends.a.endpoint=" + first.httpEndpoint(),
				"telemetry.backends.b.endpoint=" + second.httpEndpoint());

	@AfterAll
	static void stopSinks() {
		first.close();
		second.close();
	}

	@Test
	void twoBackendsTakeEveryLineAtTheTargetRate() {
		this.contextRunner.run((context) -> {
			List<Appender<ILoggingEvent>> others = LogCaptureOnly.detachAppendersButCapture();
			try {
				BackendPipelines pipelines = context.getBean(BackendPipelines.class);
				// Warm the path up for a few seconds at the same rate, then start
				// counting
				logAt(RATE, Duration.ofSeconds(5), 0);
				pipelines.flushAll(Duration.ofSeconds(30));
				long firstBefore = first.logRecords();
				long secondBefore = second.logRecords();
				List<PipelineSnapshot> before = pipelines.snapshots();
				long cpuBefore = processCpuNanos();
				long start = System.nanoTime();
				Run run = logAt(RATE, DURATION, 1_000_000);
				double seconds = (System.nanoTime() - start) / 1e9;
				double cpuCores = (processCpuNanos() - cpuBefore) / 1e9 / seconds;
				long flushStart = System.nanoTime();
				pipelines.flushAll(Duration.ofSeconds(30));
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				while ((first.logRecords() - firstBefore < run.lines()
						|| second.logRecords() - secondBefore < run.lines()) && System.nanoTime() < deadline) {
					TimeUnit.MILLISECONDS.sleep(20);
				}
				double drainMs = (System.nanoTime() - flushStart) / 1e6;
				List<PipelineSnapshot> after = pipelines.snapshots();
				long dropped = sum(after, PipelineSnapshot::dropped) - sum(before, PipelineSnapshot::dropped);
				long failed = sum(after, PipelineSnapshot::failed) - sum(before, PipelineSnapshot::failed);
				long firstReceived = first.logRecords() - firstBefore;
				long secondReceived = second.logRecords() - secondBefore;
				System.out.println(String.format(Locale.ROOT,
						"""

								Sustained log rate, 2 backends over loopback (%d cores, %s, %s %s)
								| target | achieved | lines | seconds | worst lag | process CPU | dropped | failed | backend a | backend b | drained after |
								| %,d/s | %,.0f/s | %,d | %.1f | %.1f ms | %.2f cores | %d | %d | %,d | %,d | %.0f ms |
								""",
						Runtime.getRuntime().availableProcessors(), BenchmarkMachine.cpuModel(),
						System.getProperty("java.vm.name"), System.getProperty("java.version"), RATE,
						run.lines() / seconds, run.lines(), seconds, run.worstLagNanos() / 1e6, cpuCores, dropped,
						failed, firstReceived, secondReceived, drainMs));
				assertThat(run.lines() / seconds).as("lines per second achieved").isGreaterThan(RATE * 0.99);
				assertThat(dropped).as("log records dropped").isZero();
				assertThat(failed).as("log records failed").isZero();
				assertThat(firstReceived).as("log records backend a received").isEqualTo(run.lines());
				assertThat(secondReceived).as("log records backend b received").isEqualTo(run.lines());
			}
			finally {
				LogCaptureOnly.reattach(others);
			}
		});
	}

	/**
	 * Log lines at a rate: each millisecond, as many lines as the schedule asks by then.
	 */
	private static Run logAt(int rate, Duration duration, long firstNumber) {
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long lines = 0;
		long total = duration.toNanos() * rate / 1_000_000_000L;
		long worstLag = 0;
		while (lines < total) {
			long now = System.nanoTime();
			long due = Math.min(total, (now - start) * rate / 1_000_000_000L);
			if (lines < due) {
				// How late the oldest line still due is
				long dueAt = start + lines * 1_000_000_000L / rate;
				worstLag = Math.max(worstLag, now - dueAt);
			}
			while (lines < due) {
				logger.info("Order {} placed for customer {}", firstNumber + lines, lines % 1_000);
				lines++;
			}
			if (now < end) {
				LockSupport.parkNanos(1_000_000);
			}
		}
		return new Run(lines, worstLag);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static long sum(List<PipelineSnapshot> snapshots, ToLongFunction<PipelineSnapshot> value) {
		return snapshots.stream().mapToLong(value).sum();
	}

	private record Run(long lines, long worstLagNanos) {
	}

}
