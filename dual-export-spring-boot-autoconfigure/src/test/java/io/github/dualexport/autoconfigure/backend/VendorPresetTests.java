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

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the vendor facts each preset encodes: endpoints, headers, signals and
 * temporality.
 *
 * @author Dual Export contributors
 */
class VendorPresetTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DualExportAutoConfiguration.class));

	@Test
	void tempoReceivesTracesOnlyOnTheOtlpPortsWithItsTenant() {
		ResolvedBackend tempo = resolve("type=tempo", "tenant=team-a");
		assertThat(tempo.signals()).containsExactly(Signal.TRACES);
		assertThat(tempo.endpoints()).containsExactly(Map.entry(Signal.TRACES, "http://localhost:4318/v1/traces"));
		assertThat(tempo.headers()).containsExactly(Map.entry("X-Scope-OrgID", "team-a"));
		assertThat(resolve("type=tempo", "protocol=grpc").endpoint(Signal.TRACES)).isEqualTo("http://localhost:4317");
	}

	@Test
	void lokiReceivesLogsOnItsOtlpPath() {
		ResolvedBackend loki = resolve("type=loki", "endpoint=http://loki:3100");
		assertThat(loki.signals()).containsExactly(Signal.LOGS);
		assertThat(loki.endpoints()).containsExactly(Map.entry(Signal.LOGS, "http://loki:3100/otlp/v1/logs"));
		assertThat(loki.headers()).isEmpty();
	}

	@Test
	void mimirReceivesCumulativeMetricsOnItsOtlpPathWithItsTenant() {
		ResolvedBackend mimir = resolve("type=mimir", "tenant=anonymous");
		assertThat(mimir.signals()).containsExactly(Signal.METRICS);
		assertThat(mimir.endpoints())
			.containsExactly(Map.entry(Signal.METRICS, "http://localhost:8080/otlp/v1/metrics"));
		assertThat(mimir.metrics().temporality()).isEqualTo(Temporality.CUMULATIVE);
		assertThat(mimir.headers()).containsExactly(Map.entry("X-Scope-OrgID", "anonymous"));
	}

	@Test
	void jaegerReceivesTracesOnly() {
		assertThat(resolve("type=jaeger").signals()).containsExactly(Signal.TRACES);
	}

	@Test
	void grafanaCloudAuthenticatesWithBasicAuthFromInstanceIdAndToken() {
		ResolvedBackend cloud = resolve("type=grafana-cloud",
				"endpoint=https://otlp-gateway-prod-eu-west-2.grafana.net/otlp", "instance-id=123456",
				"token=glc_secret");
		String expected = Base64.getEncoder().encodeToString("123456:glc_secret".getBytes(StandardCharsets.UTF_8));
		assertThat(cloud.headers()).containsExactly(Map.entry("Authorization", "Basic " + expected));
		assertThat(cloud.endpoint(Signal.TRACES))
			.isEqualTo("https://otlp-gateway-prod-eu-west-2.grafana.net/otlp/v1/traces");
		assertThat(cloud.metrics().temporality()).isEqualTo(Temporality.CUMULATIVE);
	}

	@Test
	void honeycombSendsTheTeamKeyWithEverySignalAndTheDatasetWithMetricsOnly() {
		ResolvedBackend honeycomb = resolve("type=honeycomb", "token=hc_key", "dataset=checkout");
		assertThat(honeycomb.traces().headers()).containsOnly(Map.entry("x-honeycomb-team", "hc_key"));
		assertThat(honeycomb.logs().headers()).containsOnly(Map.entry("x-honeycomb-team", "hc_key"));
		assertThat(honeycomb.metrics().headers()).containsOnly(Map.entry("x-honeycomb-team", "hc_key"),
				Map.entry("x-honeycomb-dataset", "checkout"));
		assertThat(honeycomb.endpoint(Signal.TRACES)).isEqualTo("https://api.honeycomb.io/v1/traces");
		assertThat(resolve("type=honeycomb", "token=k", "protocol=grpc").endpoint(Signal.LOGS))
			.isEqualTo("https://api.honeycomb.io:443");
	}

	@Test
	void honeycombInTheEuIsReachedThroughItsEuHost() {
		ResolvedBackend honeycomb = resolve("type=honeycomb", "token=hc_key", "region=eu");
		assertThat(honeycomb.endpoints()).containsExactly(
				Map.entry(Signal.TRACES, "https://api.eu1.honeycomb.io/v1/traces"),
				Map.entry(Signal.METRICS, "https://api.eu1.honeycomb.io/v1/metrics"),
				Map.entry(Signal.LOGS, "https://api.eu1.honeycomb.io/v1/logs"));
		assertThat(resolve("type=honeycomb", "token=k", "region=eu", "protocol=grpc").endpoint(Signal.TRACES))
			.isEqualTo("https://api.eu1.honeycomb.io:443");
	}

	@Test
	void newRelicSendsTheLicenseKeyAndPrefersDelta() {
		ResolvedBackend newRelic = resolve("type=newrelic", "token=nr_license");
		assertThat(newRelic.headers()).containsExactly(Map.entry("api-key", "nr_license"));
		assertThat(newRelic.endpoint(Signal.METRICS)).isEqualTo("https://otlp.nr-data.net:4318/v1/metrics");
		assertThat(newRelic.metrics().temporality()).isEqualTo(Temporality.DELTA);
	}

	@Test
	void signozSendsItsIngestionKeyOnlyWhenGiven() {
		assertThat(resolve("type=signoz").headers()).isEmpty();
		assertThat(resolve("type=signoz", "token=sz_key", "endpoint=https://ingest.eu.signoz.cloud:443").headers())
			.containsExactly(Map.entry("signoz-ingestion-key", "sz_key"));
	}

	@Test
	void elasticSendsAnApiKeyAuthorizationAndPrefersDelta() {
		ResolvedBackend elastic = resolve("type=elastic", "endpoint=https://my.apm.elastic.cloud", "token=abc==");
		assertThat(elastic.headers()).containsExactly(Map.entry("Authorization", "ApiKey abc=="));
		assertThat(elastic.metrics().temporality()).isEqualTo(Temporality.DELTA);
		assertThat(resolve("type=elastic", "endpoint=https://apm:8200", "token=Bearer secret-token").headers())
			.containsExactly(Map.entry("Authorization", "Bearer secret-token"));
	}

	@Test
	void collectorIsAnOtlpGatewayForEverySignal() {
		ResolvedBackend collector = resolve("type=collector", "endpoint=http://gateway:4318");
		assertThat(collector.signals()).containsExactly(Signal.TRACES, Signal.METRICS, Signal.LOGS);
		assertThat(collector.endpoint(Signal.LOGS)).isEqualTo("http://gateway:4318/v1/logs");
	}

	@Test
	void backendSignalsOverrideThePresetsSignals() {
		assertThat(resolve("type=tempo", "signals=traces,logs").signals()).containsExactly(Signal.TRACES, Signal.LOGS);
	}

	private ResolvedBackend resolve(String... keys) {
		String[] properties = new String[keys.length];
		for (int i = 0; i < keys.length; i++) {
			properties[i] = "telemetry.backends.vendor." + keys[i];
		}
		AtomicReference<ResolvedBackend> resolved = new AtomicReference<>();
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			resolved.set(context.getBean(ResolvedBackends.class).backends().get(0));
		});
		return resolved.get();
	}

}
