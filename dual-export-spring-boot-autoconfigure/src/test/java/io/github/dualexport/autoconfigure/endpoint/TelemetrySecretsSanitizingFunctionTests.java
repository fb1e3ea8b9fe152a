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

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MapPropertySource;

import io.github.dualexport.autoconfigure.backend.TelemetryProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link TelemetrySecretsSanitizingFunction} masks the telemetry secrets in
 * {@code /actuator/env} and {@code /actuator/configprops}, and only them.
 *
 * @author Dual Export contributors
 */
class TelemetrySecretsSanitizingFunctionTests {

	private static final String DSN = "https://dsn-t0ken-8f1c@uptrace.example.com:14318?grpc=14317";

	private static final Map<String, String> CONFIGURATION = Map.of("telemetry.backends.uptrace.type", "uptrace",
			"telemetry.backends.uptrace.dsn", DSN, "telemetry.backends.grafana.type", "grafana-cloud",
			"telemetry.backends.grafana.instance-id", "123456", "telemetry.backends.grafana.token", "glc-t0ken-3a9b",
			"telemetry.backends.hc.metrics.headers.x-honeycomb-dataset", "checkout-metrics",
			"telemetry.defaults.headers.x-api-key", "def4ult-k3y-77", "telemetry.backends.plain.headers.authorization",
			"Bearer pl4in-t0ken-5e");

	private final TelemetrySecretsSanitizingFunction function = new TelemetrySecretsSanitizingFunction(
			new Binder(new MapConfigurationPropertySource(CONFIGURATION)).bindOrCreate("telemetry",
					TelemetryProperties.class));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
							telemetry.backends.uptrace.dsn                             | https://dsn-t0ken-8f1c@uptrace.example.com:14318?grpc=14317
							telemetry.backends.grafana.token                           | glc-t0ken-3a9b
							telemetry.defaults.headers.x-api-key                       | def4ult-k3y-77
							telemetry.backends.hc.metrics.headers.x-honeycomb-dataset  | checkout-metrics
							telemetry.backends.hc.traces.headers[x-key]                | any value
							TELEMETRY_BACKENDS_UPTRACE_DSN                             | https://dsn-t0ken-8f1c@uptrace.example.com:14318?grpc=14317
							TELEMETRY_BACKENDS_HC_LOGS_HEADERS_X_KEY                   | any value
							UPTRACE_DSN                                                | https://dsn-t0ken-8f1c@uptrace.example.com:14318?grpc=14317
							spring.application.json                                    | {"key": "glc-t0ken-3a9b"}
					PLAIN_API_KEY                                              | pl4in-t0ken-5e
					UPTRACE_TOKEN                                              | dsn-t0ken-8f1c
							""")
	void masksSecretsAndValuesThatCarryOne(String key, String value) {
		assertThat(sanitize(key, value)).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			telemetry.backends.uptrace.type           | uptrace
			telemetry.backends.grafana.instance-id    | 123456
			telemetry.backends.grafana.type           | grafana-cloud
			server.address                            | localhost
			management.server.address                 | uptrace.example.com
			spring.application.name                   | checkout
			telemetry.backends.uptrace.endpoint       | https://uptrace.example.com:14318
			""")
	void showsValuesThatAreNotSecretsEvenWhenASecretContainsThem(String key, String value) {
		assertThat(sanitize(key, value)).isEqualTo(value);
	}

	@Test
	void showsValuesContainedInASecretThatIsShorterThanAWholeSecret() {
		assertThat(DSN).contains("uptrace", "example.com", "14318", "grpc=14317");
		for (String part : new String[] { "uptrace", "uptrace.example.com", "14318", "grpc=14317" }) {
			assertThat(sanitize("some.property", part)).as(part).isEqualTo(part);
		}
	}

	private Object sanitize(String key, String value) {
		MapPropertySource source = new MapPropertySource("test", Map.of(key, value));
		return this.function.apply(new SanitizableData(source, key, value)).getValue();
	}

}
