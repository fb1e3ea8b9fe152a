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
			// Read through the metrics endpoint: the OpenTelemetry bridge in the
			// composite
			// registry cannot read its values back
			MetricsEndpoint metrics = application.context().getBean(MetricsEndpoint.class);
			application.emitSpans(100);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> exported(metrics, "healthy", "success") >= 100
						&& exported(metrics, "refused", "failure") >= 100 && exported(metrics, "full", "dropped") > 0);
			assertThat(exported(metrics, "healthy", "failure")).isZero();
			assertThat(exported(metrics, "healthy", "dropped")).isZero();
			assertThat(measure(metrics, "telemetry.backend.export.duration", Statistic.COUNT, "backend:healthy",
					"signal:traces", "outcome:success"))
				.isPositive();
			assertThat(measure(metrics, "telemetry.backend.export.duration", Statistic.COUNT, "backend:refused",
					"signal:traces", "outcome:failure"))
				.isPositive();
			assertThat(measure(metrics, "telemetry.backend.queue.capacity", Statistic.VALUE, "backend:full",
					"signal:traces"))
				.isEqualTo(10);
			assertThat(measure(metrics, "telemetry.backend.queue.size", Statistic.VALUE, "backend:healthy",
					"signal:traces"))
				.isNotNegative();
			// The black-holed backend holds its queued requests' bytes
			assertThat(
					measure(metrics, "telemetry.backend.queue.bytes", Statistic.VALUE, "backend:full", "signal:traces"))
				.isPositive();
			assertThat(application.get("/actuator/metrics/telemetry.backend.exported").getBody())
				.contains("\"backend\"", "\"signal\"", "\"outcome\"", "\"healthy\"", "\"dropped\"");
			blackHole.receiver().respondNormally();
		}
	}

	private static double exported(MetricsEndpoint metrics, String backend, String outcome) {
		return measure(metrics, "telemetry.backend.exported", Statistic.COUNT, "backend:" + backend, "signal:traces",
				"outcome:" + outcome);
	}

	private static double measure(MetricsEndpoint metrics, String name, Statistic statistic, String... tags) {
		return metrics.metric(name, List.of(tags))
			.getMeasurements()
			.stream()
			.filter((measurement) -> measurement.getStatistic() == statistic)
			.findFirst()
			.orElseThrow()
			.getValue();
	}

}
