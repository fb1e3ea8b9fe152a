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
package io.github.dualexport.autoconfigure.backend;

import java.time.Duration;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.dualexport.autoconfigure.RunningApplication;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;
import io.github.dualexport.test.Signal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that each signal's requests carry the backend's headers and that signal's own,
 * and no other signal's, on the wire.
 *
 * @author Dual Export contributors
 */
class SignalHeadersWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	@RegisterExtension
	static final OtlpReceiverExtension honeycomb = new OtlpReceiverExtension();

	@Test
	void honeycombDatasetGoesWithMetricsOnlyWhileTheTeamKeyGoesWithEverySignal() {
		try (RunningApplication application = RunningApplication.start("management.otlp.metrics.export.enabled=false",
				"telemetry.backends.hc.type=honeycomb", "telemetry.backends.hc.endpoint=" + honeycomb.httpEndpoint(),
				"telemetry.backends.hc.token=hc-team-key", "telemetry.backends.hc.dataset=checkout",
				"telemetry.backends.hc.signals=traces,metrics,logs", "telemetry.backends.hc.metrics.interval=200ms",
				"telemetry.backends.hc.logs.schedule-delay=100ms",
				"telemetry.backends.hc.logs.headers.x-log-source=checkout-app")) {
			application.emitSpans(1);
			LogFactory.getLog(SignalHeadersWireTests.class).info("one log record");
			ReceivedRequest traces = honeycomb.awaitRequests(Signal.TRACES, 1, DELIVERY).get(0);
			ReceivedRequest metrics = honeycomb.awaitRequests(Signal.METRICS, 1, DELIVERY).get(0);
			ReceivedRequest logs = honeycomb.awaitRequests(Signal.LOGS, 1, DELIVERY).get(0);
			assertThat(traces.header("x-honeycomb-team")).isEqualTo("hc-team-key");
			assertThat(metrics.header("x-honeycomb-team")).isEqualTo("hc-team-key");
			assertThat(logs.header("x-honeycomb-team")).isEqualTo("hc-team-key");
			assertThat(metrics.header("x-honeycomb-dataset")).isEqualTo("checkout");
			assertThat(traces.header("x-honeycomb-dataset")).isNull();
			assertThat(logs.header("x-honeycomb-dataset")).isNull();
			assertThat(logs.header("x-log-source")).isEqualTo("checkout-app");
			assertThat(traces.header("x-log-source")).isNull();
		}
	}

}
