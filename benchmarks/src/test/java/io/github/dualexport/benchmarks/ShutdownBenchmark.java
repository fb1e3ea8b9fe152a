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

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.shutdown.PipelinesShutdownAutoConfiguration;
import io.github.dualexport.autoconfigure.traces.DualExportTracingAutoConfiguration;
import io.github.dualexport.test.OtlpReceiver;

/**
 * Measures how long closing the application takes with 10,000 spans queued, for one and
 * for two backends, alternating the two in one run. Prints the medians, their ratio and
 * the spans lost. Run with
 * {@code mvn -Dbenchmark -pl benchmarks -am verify -Dtest=ShutdownBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * @author Dual Export contributors
 */
@Tag("benchmark")
class ShutdownBenchmark {

	private static final int SPANS = 10_000;

	private static final int ROUNDS = 7;

	@Test
	void shutdownTimeWithTenThousandQueuedSpans() {
		try (OtlpReceiver first = OtlpReceiver.start(); OtlpReceiver second = OtlpReceiver.start()) {
			List<Long> one = new ArrayList<>();
			List<Long> two = new ArrayList<>();
			long lost = 0;
			for (int round = 0; round < ROUNDS; round++) {
				lost += measure(one, first);
				lost += measure(two, first, second);
			}
			long medianOne = median(one);
			long medianTwo = median(two);
			System.out.printf("shutdown of %,d queued spans: 1 backend %d ms, 2 backends %d ms (ratio %.2f), lost %d%n",
					SPANS, medianOne, medianTwo, (double) medianTwo / medianOne, lost);
		}
	}

	private long measure(List<Long> timings, OtlpReceiver... receivers) {
		List<String> properties = new ArrayList<>(List.of("management.tracing.sampling.probability=1.0",
				"telemetry.defaults.signals=traces", "telemetry.defaults.traces.schedule-delay=60s",
				"telemetry.defaults.traces.max-queue-size=" + SPANS));
		for (int i = 0; i < receivers.length; i++) {
			receivers[i].reset();
			properties.add("telemetry.backends.b" + i + ".endpoint=" + receivers[i].httpEndpoint());
		}
		long[] closeStarted = new long[1];
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, DualExportAutoConfiguration.class,
					DualExportTracingAutoConfiguration.class, PipelinesShutdownAutoConfiguration.class))
			.withPropertyValues(properties.toArray(String[]::new))
			.run((context) -> {
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("benchmark");
				for (int i = 0; i < SPANS; i++) {
					tracer.spanBuilder("span-" + i).startSpan().end();
				}
				closeStarted[0] = System.nanoTime();
			});
		timings.add((System.nanoTime() - closeStarted[0]) / 1_000_000);
		long lost = 0;
		for (OtlpReceiver receiver : receivers) {
			lost += SPANS - receiver.spans().size();
		}
		return lost;
	}

	private static long median(List<Long> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

}
