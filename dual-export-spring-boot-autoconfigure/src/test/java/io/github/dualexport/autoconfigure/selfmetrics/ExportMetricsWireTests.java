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
package io.github.dualexport.autoconfigure.selfmetrics;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;

import io.github.dualexport.autoconfigure.RunningApplication;
import io.github.dualexport.test.OtlpReceiver;
import io.github.dualexport.test.OtlpReceiverExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the export self-metrics of a running application with a healthy, a refused and a
 * black-holed backend.
 *
 * @author Dual Export contributors
 */
class ExportMetricsWireTests {

	@RegisterExtension
	static final OtlpReceiverExtension healthy = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension blackHole = new OtlpReceiverExtension();

	@Test
	void exportOutcomesDurationsAndQueuesAreMeasuredPerBackendAndSignal() {
		blackHole.receiver().neverRespond();
		try (RunningApplication application = RunningApplication.start(
				"telemetry.backends.healthy.endpoint=" + healthy.httpEndpoint(),
				"telemetry.backends.refused.endpoint=http://127.0.0.1:" + OtlpReceiver.freePort(),
				"telemetry.backends.refused.retry.enabled=false",
				"telemetry.backends.full.endpoint=" + blackHole.httpEndpoint(),
				"telemetry.backends.full.traces.max-queue-size=10",
				"telemetry.backends.full.traces.max-export-batch-size=5")) {
			MeterRegistry registry = application.context().getBean(MeterRegistry.class);
			application.emitSpans(100);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> exported(registry, "healthy", "success") >= 100
						&& exported(registry, "refused", "failure") >= 100
						&& exported(registry, "full", "dropped") > 0);
			assertThat(exported(registry, "healthy", "failure")).isZero();
			assertThat(exported(registry, "healthy", "dropped")).isZero();
			// Read through the metrics endpoint: the OpenTelemetry bridge in the
			// composite
			// registry cannot read its values back
			MetricsEndpoint metrics = application.context().getBean(MetricsEndpoint.class);
			assertThat(count(metrics, "healthy", "success")).isPositive();
			assertThat(count(metrics, "refused", "failure")).isPositive();
			assertThat(registry.get("telemetry.backend.queue.capacity")
				.tags("backend", "full", "signal", "traces")
				.gauge()
				.value()).isEqualTo(10);
			assertThat(
					registry.get("telemetry.backend.queue.size").tags("backend", "healthy", "signal", "traces").gauge())
				.isNotNull();
			assertThat(application.get("/actuator/metrics/telemetry.backend.exported").getBody())
				.contains("\"backend\"", "\"signal\"", "\"outcome\"", "\"healthy\"", "\"dropped\"");
			blackHole.receiver().respondNormally();
		}
	}

	private static double count(MetricsEndpoint metrics, String backend, String outcome) {
		return metrics
			.metric("telemetry.backend.export.duration",
					List.of("backend:" + backend, "signal:traces", "outcome:" + outcome))
			.getMeasurements()
			.stream()
			.filter((measurement) -> measurement.getStatistic() == Statistic.COUNT)
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	private static double exported(MeterRegistry registry, String backend, String outcome) {
		return registry.get("telemetry.backend.exported")
			.tags("backend", backend, "signal", "traces", "outcome", outcome)
			.functionCounter()
			.count();
	}

}
