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
package io.github.dualexport.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.dualexport.autoconfigure.RunningApplication;
import io.github.dualexport.test.OtlpReceiverExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the {@code telemetrybackends} endpoint and the masking of telemetry secrets in
 * the actuator endpoints of a running application.
 *
 * @author Dual Export contributors
 */
class TelemetryBackendsEndpointWireTests {

	private static final String DSN_TOKEN = "dsn-token-4711";

	private static final String API_KEY = "api-key-0815";

	@RegisterExtension
	static final OtlpReceiverExtension first = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension second = new OtlpReceiverExtension();

	@Test
	void endpointShowsResolvedConfigurationAndLiveStateWithSecretsMasked() {
		try (RunningApplication application = RunningApplication.start(
				"telemetry.backends.plain.endpoint=" + first.httpEndpoint(),
				"telemetry.backends.plain.headers.x-api-key=" + API_KEY, "telemetry.backends.uptrace.type=uptrace",
				"telemetry.backends.uptrace.dsn=${UPTRACE_DSN}",
				"UPTRACE_DSN=http://" + DSN_TOKEN + "@127.0.0.1:" + second.httpPort(),
				"telemetry.backends.off.enabled=false")) {
			application.emitSpans(2);
			first.receiver().awaitSpans(2, Duration.ofSeconds(5));
			String body = application.get("/actuator/telemetrybackends").getBody();
			assertThat(body).doesNotContain(DSN_TOKEN).doesNotContain(API_KEY);
			DocumentContext json = JsonPath.parse(body);
			assertThat(json.read("$.backends.plain.configured", Boolean.class)).isTrue();
			assertThat(json.read("$.backends.plain.enabled", Boolean.class)).isTrue();
			assertThat(json.read("$.backends.plain.configuration.type", String.class)).isEqualTo("otlp");
			assertThat(json.read("$.backends.plain.configuration.protocol", String.class)).isEqualTo("http/protobuf");
			assertThat(json.read("$.backends.plain.configuration.endpoints.traces", String.class))
				.isEqualTo(first.httpEndpoint() + "/v1/traces");
			assertThat(json.read("$.backends.plain.configuration.headers", Map.class))
				.isEqualTo(Map.of("x-api-key", "******"));
			assertThat(json.read("$.backends.plain.configuration.traces.maxQueueSize", Integer.class)).isEqualTo(2048);
			assertThat(json.read("$.backends.plain.configuration.compression", String.class)).isEqualTo("gzip");
			assertThat(json.read("$.backends.plain.configuration.logs.minSeverity", String.class)).isEqualTo("info");
			assertThat(json.read("$.backends.uptrace.configuration.metrics.temporality", String.class))
				.isEqualTo("delta");
			assertThat(json.read("$.backends.uptrace.configuration.metrics.histogram", String.class))
				.isEqualTo("exponential");
			assertThat(json.read("$.backends.plain.signals.traces.exported", Integer.class)).isGreaterThanOrEqualTo(2);
			assertThat(json.read("$.backends.plain.signals.traces.queueCapacity", Integer.class)).isEqualTo(2048);
			assertThat(json.read("$.backends.uptrace.configuration.headers", Map.class))
				.isEqualTo(Map.of("uptrace-dsn", "******"));
			assertThat(json.read("$.backends.off.configured", Boolean.class)).isFalse();
			assertThat(application.get("/actuator/telemetrybackends/plain").getBody()).contains("\"configured\":true");
			assertThat(application.get("/actuator/telemetrybackends/nope").getStatusCode().value()).isEqualTo(404);
		}
	}

	@Test
	void envAndConfigpropsMaskTelemetrySecretsEvenWhenShowingValues() {
		try (RunningApplication application = RunningApplication.start("management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always",
				"telemetry.backends.plain.endpoint=" + first.httpEndpoint(),
				"telemetry.backends.plain.headers.authorization=Bearer " + API_KEY,
				"telemetry.defaults.headers.x-team-token=" + API_KEY + "-team",
				"telemetry.backends.uptrace.type=uptrace", "telemetry.backends.uptrace.dsn=${UPTRACE_DSN}",
				"UPTRACE_DSN=http://" + DSN_TOKEN + "@127.0.0.1:" + second.httpPort())) {
			String env = application.get("/actuator/env").getBody();
			String configprops = application.get("/actuator/configprops").getBody();
			assertThat(env).contains("telemetry.backends.plain.endpoint").contains(first.httpEndpoint());
			assertThat(env).doesNotContain(API_KEY).doesNotContain(DSN_TOKEN);
			assertThat(configprops).contains(first.httpEndpoint());
			assertThat(configprops).doesNotContain(API_KEY).doesNotContain(DSN_TOKEN);
		}
	}

	@Test
	void backendSwitchedOffAtRuntimeFlushesItsQueueAndReceivesNothingUntilSwitchedOn() {
		try (RunningApplication application = RunningApplication.start(
				"telemetry.backends.a.endpoint=" + first.httpEndpoint(),
				"telemetry.backends.b.endpoint=" + second.httpEndpoint(),
				"telemetry.defaults.traces.schedule-delay=60s")) {
			List<String> queued = application.emitSpans(5);
			String response = application.post("/actuator/telemetrybackends/b", Map.of("enabled", false)).getBody();
			assertThat(JsonPath.parse(response).read("$.enabled", Boolean.class)).isFalse();
			assertThat(second.receiver().traceIds()).containsAll(queued);
			second.receiver().reset();
			List<String> whileOff = application.emitSpans(5);
			application.post("/actuator/telemetrybackends/a", Map.of("enabled", false));
			application.post("/actuator/telemetrybackends/a", Map.of("enabled", true));
			assertThat(first.receiver().traceIds()).containsAll(whileOff);
			assertThat(second.receiver().traceIds()).doesNotContainAnyElementsOf(whileOff);
			assertThat(application.get("/actuator/health/telemetry/b").getBody()).contains("\"status\":\"DISABLED\"");
			application.post("/actuator/telemetrybackends/b", Map.of("enabled", true));
			List<String> afterOn = application.emitSpans(5);
			application.post("/actuator/telemetrybackends/b", Map.of("enabled", false));
			await().atMost(Duration.ofSeconds(5)).until(() -> second.receiver().traceIds().containsAll(afterOn));
		}
	}

	@Test
	void unknownOrConfigurationDisabledBackendCannotBeSwitched() {
		try (RunningApplication application = RunningApplication
			.start("telemetry.backends.a.endpoint=" + first.httpEndpoint(), "telemetry.backends.off.enabled=false")) {
			assertThat(application.post("/actuator/telemetrybackends/off", Map.of("enabled", true))
				.getStatusCode()
				.value()).isEqualTo(400);
			assertThat(application.post("/actuator/telemetrybackends/nope", Map.of("enabled", true))
				.getStatusCode()
				.value()).isEqualTo(400);
		}
	}

}
