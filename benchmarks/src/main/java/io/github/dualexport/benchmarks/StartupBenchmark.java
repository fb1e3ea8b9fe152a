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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.dualexport.test.OtlpReceiver;
import io.github.dualexport.test.OtlpSink;

/**
 * Measures how long the sample app takes to start with this starter exporting the seed's
 * pair (a {@code victoria} and an {@code uptrace} backend, every signal) against Spring
 * Boot's own OTLP trace export, alternating the two within one run. The time is the one
 * Spring Boot reports ({@code Started ... in N seconds}), and the medians' ratio is
 * printed.
 *
 * @author Dual Export contributors
 */
final class StartupBenchmark {

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

	private StartupBenchmark() {
	}

	static void run(Path jar, int rounds) throws Exception {
		try (OtlpSink traces = OtlpSink.start();
				OtlpSink metrics = OtlpSink.start();
				OtlpSink logs = OtlpSink.start();
				OtlpSink uptrace = OtlpSink.start()) {
			Map<String, List<String>> configurations = new LinkedHashMap<>();
			configurations.put("boot-otlp", List.of("--telemetry.enabled=false",
					"--management.opentelemetry.tracing.export.otlp.endpoint=" + traces.httpEndpoint() + "/v1/traces"));
			configurations.put("ours-victoria+uptrace",
					List.of("--telemetry.backends.victoria.type=victoria",
							"--telemetry.backends.victoria.traces.endpoint=" + traces.httpEndpoint(),
							"--telemetry.backends.victoria.metrics.endpoint=" + metrics.httpEndpoint(),
							"--telemetry.backends.victoria.logs.endpoint=" + logs.httpEndpoint(),
							"--telemetry.backends.uptrace.type=uptrace", "--telemetry.backends.uptrace.dsn="
									+ uptrace.httpEndpoint().replace("http://", "http://benchmark-token@")));
			System.out.printf("Startup: %d cores, %s, %d rounds, configurations alternating%n",
					Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), rounds);
			Map<String, List<Double>> seconds = new LinkedHashMap<>();
			for (int round = 1; round <= rounds; round++) {
				for (Map.Entry<String, List<String>> configuration : configurations.entrySet()) {
					double started = start(jar, configuration.getValue());
					seconds.computeIfAbsent(configuration.getKey(), (name) -> new ArrayList<>()).add(started);
					System.out.printf("round %d %-22s %.3f s%n", round, configuration.getKey(), started);
				}
			}
			double baseline = Stats.median(seconds.get("boot-otlp"));
			seconds.forEach((name, values) -> System.out.printf(
					"%-22s median %.3f s (min %.3f, max %.3f), %.3fx boot-otlp, %+d ms%n", name, Stats.median(values),
					values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
					values.stream().mapToDouble(Double::doubleValue).max().orElse(0), Stats.median(values) / baseline,
					Math.round((Stats.median(values) - baseline) * 1000)));
		}
	}

	private static double start(Path jar, List<String> arguments) throws Exception {
		Path output = Files.createTempFile("startup-benchmark", ".log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
						jar.toString(), "--server.port=" + OtlpReceiver.freePort(), "--server.address=127.0.0.1",
						"--telemetry.backends.console.enabled=false", "--spring.main.banner-mode=off"));
		command.addAll(arguments);
		Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
			while (System.nanoTime() < deadline && app.isAlive()) {
				Matcher started = STARTED.matcher(Files.readString(output));
				if (started.find()) {
					return Double.parseDouble(started.group(1));
				}
				TimeUnit.MILLISECONDS.sleep(100);
			}
			throw new IllegalStateException("The sample app did not report its start; see " + output);
		}
		finally {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
			deleteQuietly(output);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// A temporary file left behind
		}
	}

}
