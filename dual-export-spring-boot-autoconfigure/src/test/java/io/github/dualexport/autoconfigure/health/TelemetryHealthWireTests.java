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
package io.github.dualexport.autoconfigure.health;

import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.dualexport.autoconfigure.RunningApplication;
import io.github.dualexport.test.OtlpReceiver;
import io.github.dualexport.test.OtlpReceiverExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the {@code telemetry} health contributor of a running application whose backends
 * are a real receiver and a refused port.
 *
 * @author Dual Export contributors
 */
class TelemetryHealthWireTests {

	@RegisterExtension
	static final OtlpReceiverExtension healthy = new OtlpReceiverExtension();

	private static final Duration OUTCOME = Duration.ofSeconds(10);

	@Test
	void failingBackendIsDegradedWhileTheApplicationStaysUp() {
		try (RunningApplication application = RunningApplication.start(backends())) {
			application.emitSpans(3);
			await().atMost(OUTCOME)
				.until(() -> application.get("/actuator/health/telemetry/refused").getBody().contains("DEGRADED"));
			await().atMost(OUTCOME)
				.until(() -> application.get("/actuator/health/telemetry/healthy").getBody().contains("\"UP\""));
			DocumentContext refused = JsonPath.parse(application.get("/actuator/health/telemetry/refused").getBody());
			assertThat(refused.read("$.details.traces.consecutiveFailures", Integer.class)).isPositive();
			assertThat(refused.read("$.details.traces.lastError", String.class)).startsWith("ConnectException");
			assertThat(refused.read("$.details.traces.lastFailure", String.class)).isNotBlank();
			DocumentContext ok = JsonPath.parse(application.get("/actuator/health/telemetry/healthy").getBody());
			// Actuator requests are traced too, so more than the 3 spans emitted are
			// exported
			assertThat(ok.read("$.details.traces.exported", Integer.class)).isGreaterThanOrEqualTo(3);
			assertThat(ok.read("$.details.traces.consecutiveFailures", Integer.class)).isZero();
			assertThat(ok.read("$.details.traces.lastSuccess", String.class)).isNotBlank();
			assertThat(ok.read("$.details.traces.queueCapacity", Integer.class)).isEqualTo(2048);
			assertThat(ok.read("$.details.traces.queueBytes", Integer.class)).isNotNegative();
			assertThat(application.get("/actuator/health").getStatusCode().value()).isEqualTo(200);
			DocumentContext root = JsonPath.parse(application.get("/actuator/health").getBody());
			assertThat(root.read("$.status", String.class)).isEqualTo("UP");
			assertThat(root.read("$.components.telemetry.components.refused.status", String.class))
				.isEqualTo("DEGRADED");
			assertThat(application.get("/actuator/health/liveness").getStatusCode().value()).isEqualTo(200);
			assertThat(application.get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200);
		}
	}

	@Test
	void failingBackendIsDownWhenOutagesShouldFailHealth() {
		try (RunningApplication application = RunningApplication
			.start(backends("telemetry.health.fail-on-outage=true"))) {
			application.emitSpans(3);
			await().atMost(OUTCOME).until(() -> application.get("/actuator/health").getStatusCode().value() == 503);
			assertThat(application.get("/actuator/health/telemetry/refused").getBody()).contains("\"status\":\"DOWN\"");
			assertThat(application.get("/actuator/health/telemetry/healthy").getBody()).contains("\"status\":\"UP\"");
			assertThat(application.get("/actuator/health/liveness").getStatusCode().value()).isEqualTo(200);
			assertThat(application.get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200);
		}
	}

	@Test
	void backendIsUnknownUntilItsFirstExportCompletes() {
		try (RunningApplication application = RunningApplication.start(backends())) {
			assertThat(application.get("/actuator/health/telemetry/healthy").getBody())
				.contains("\"status\":\"UNKNOWN\"");
		}
	}

	@Test
	void healthContributorCanBeSwitchedOffTheBootWay() {
		try (RunningApplication application = RunningApplication
			.start(backends("management.health.telemetry.enabled=false"))) {
			assertThat(application.get("/actuator/health/telemetry").getStatusCode().value()).isEqualTo(404);
			assertThat(application.get("/actuator/health").getStatusCode().value()).isEqualTo(200);
		}
	}

	private static String[] backends(String... more) {
		String[] base = { "telemetry.backends.healthy.endpoint=" + healthy.httpEndpoint(),
				"telemetry.backends.refused.endpoint=http://127.0.0.1:" + OtlpReceiver.freePort(),
				"telemetry.backends.refused.retry.enabled=false" };
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

}
