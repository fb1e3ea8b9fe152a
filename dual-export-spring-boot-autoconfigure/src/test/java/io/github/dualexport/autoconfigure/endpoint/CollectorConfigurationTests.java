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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.github.dualexport.autoconfigure.RunningApplication;
import io.github.dualexport.autoconfigure.backend.BackendResolver;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the Collector configuration written for the resolved backends.
 *
 * @author Dual Export contributors
 */
class CollectorConfigurationTests {

	private static final String DSN = "http://secret-token@uptrace.internal:14318?grpc=14317";

	@Test
	void everyEnabledBackendBecomesAnExporterWithItsEndpointsAndPipelines() {
		Map<String, Object> yaml = collectorConfig("telemetry.backends.victoria.type", "victoria",
				"telemetry.backends.uptrace.type", "uptrace", "telemetry.backends.uptrace.dsn", DSN,
				"telemetry.backends.gateway.endpoint", "http://gateway:4317", "telemetry.backends.gateway.protocol",
				"grpc", "telemetry.backends.off.enabled", "false");
		Map<String, Map<String, Object>> exporters = section(yaml, "exporters");
		assertThat(exporters).containsOnlyKeys("otlphttp/victoria", "otlphttp/uptrace", "otlp/gateway");
		assertThat(exporters.get("otlphttp/victoria"))
			.containsEntry("traces_endpoint", "http://localhost:10428/insert/opentelemetry/v1/traces")
			.containsEntry("metrics_endpoint", "http://localhost:8428/opentelemetry/v1/metrics")
			.containsEntry("logs_endpoint", "http://localhost:9428/insert/opentelemetry/v1/logs");
		assertThat(exporters.get("otlphttp/uptrace")).containsEntry("traces_endpoint",
				"http://uptrace.internal:14318/v1/traces");
		assertThat(exporters.get("otlp/gateway")).containsEntry("endpoint", "gateway:4317")
			.containsEntry("tls", Map.of("insecure", true));
		Map<String, Map<String, Object>> pipelines = section(section(yaml, "service"), "pipelines");
		assertThat(pipelines).containsKeys("traces/victoria", "metrics/victoria", "logs/victoria", "traces/uptrace",
				"metrics/uptrace", "logs/uptrace", "traces/gateway");
		assertThat(pipelines.get("metrics/uptrace").get("processors")).asList().contains("cumulativetodelta/uptrace");
		assertThat(pipelines.get("traces/victoria").get("receivers")).isEqualTo(List.of("otlp"));
	}

	@Test
	void headerValuesBecomeEnvironmentPlaceholders() {
		String yaml = new CollectorConfiguration(
				resolve("telemetry.backends.uptrace.type", "uptrace", "telemetry.backends.uptrace.dsn", DSN,
						"telemetry.backends.uptrace.headers.x-api-key", "k-secret")
					.backends(),
				1)
			.toYaml();
		assertThat(yaml).doesNotContain("secret-token").doesNotContain("k-secret");
		assertThat(yaml).contains("uptrace-dsn: ${env:TELEMETRY_UPTRACE_UPTRACE_DSN}",
				"x-api-key: ${env:TELEMETRY_UPTRACE_X_API_KEY}");
	}

	@Test
	void signalsWithTheirOwnHeadersGetTheirOwnExporterWithPlaceholdersOnly() {
		Map<String, Object> yaml = collectorConfig("telemetry.backends.hc.type", "honeycomb",
				"telemetry.backends.hc.token", "hc-secret", "telemetry.backends.hc.dataset", "checkout-data");
		Map<String, Map<String, Object>> exporters = section(yaml, "exporters");
		assertThat(exporters).containsOnlyKeys("otlphttp/hc-traces", "otlphttp/hc-metrics", "otlphttp/hc-logs");
		assertThat(exporters.get("otlphttp/hc-metrics")).containsOnlyKeys("compression", "compression_params",
				"timeout", "headers", "retry_on_failure", "sending_queue", "metrics_endpoint");
		assertThat(exporters.get("otlphttp/hc-metrics").get("headers"))
			.isEqualTo(Map.of("x-honeycomb-team", "${env:TELEMETRY_HC_X_HONEYCOMB_TEAM}", "x-honeycomb-dataset",
					"${env:TELEMETRY_HC_METRICS_X_HONEYCOMB_DATASET}"));
		assertThat(exporters.get("otlphttp/hc-logs").get("headers"))
			.isEqualTo(Map.of("x-honeycomb-team", "${env:TELEMETRY_HC_X_HONEYCOMB_TEAM}"));
		assertThat(new Yaml().dump(yaml)).doesNotContain("hc-secret").doesNotContain("checkout-data");
		Map<String, Map<String, Object>> pipelines = section(section(yaml, "service"), "pipelines");
		assertThat(pipelines.get("metrics/hc").get("exporters")).isEqualTo(List.of("otlphttp/hc-metrics"));
	}

	@Test
	void theGzipLevelBecomesTheCompressionParamsOfHttpExportersThatCompress() {
		Map<String, Map<String, Object>> exporters = section(
				new Yaml().load(new CollectorConfiguration(resolve("telemetry.backends.zipped.endpoint",
						"http://zipped:4318", "telemetry.backends.plain.endpoint", "http://plain:4318",
						"telemetry.backends.plain.compression", "none", "telemetry.backends.grpc.endpoint",
						"http://grpc:4317", "telemetry.backends.grpc.protocol", "grpc")
					.backends(), 6).toYaml()),
				"exporters");
		assertThat(exporters.get("otlphttp/zipped")).containsEntry("compression", "gzip")
			.containsEntry("compression_params", Map.of("level", 6));
		assertThat(exporters.get("otlphttp/plain")).containsEntry("compression", "none")
			.doesNotContainKey("compression_params");
		assertThat(exporters.get("otlp/grpc")).containsEntry("compression", "gzip")
			.doesNotContainKey("compression_params");
	}

	@Test
	void resourceAttributesMapToAResourceProcessor() {
		Map<String, Object> yaml = collectorConfig("telemetry.backends.a.endpoint", "http://a:4318",
				"telemetry.backends.a.resource.attributes.deployment.environment.name", "prod");
		Map<String, Map<String, Object>> processors = section(yaml, "processors");
		assertThat(processors.get("resource/a")).isEqualTo(Map.of("attributes",
				List.of(Map.of("key", "deployment.environment.name", "value", "prod", "action", "upsert"))));
	}

	@Test
	void samplingDropRulesRedactionAndSeverityMapToCollectorProcessors() {
		Map<String, Object> yaml = collectorConfig("telemetry.backends.a.endpoint", "http://a:4318",
				"telemetry.backends.a.traces.sampling.ratio", "0.25", "telemetry.backends.a.traces.drop[0].name",
				"http get /actuator.*", "telemetry.backends.a.traces.drop[1].attribute", "synthetic",
				"telemetry.backends.a.traces.drop[1].value", "true", "telemetry.backends.a.redact.attributes",
				"enduser.id", "telemetry.backends.a.redact.mask", "client.address",
				"telemetry.backends.a.logs.min-severity", "warn");
		Map<String, Map<String, Object>> processors = section(yaml, "processors");
		assertThat(processors.get("probabilistic_sampler/a")).containsEntry("sampling_percentage", 25.0)
			.containsEntry("mode", "proportional");
		assertThat(processors.get("filter/a-traces").toString()).contains("IsMatch(name, \"http get /actuator.*\")",
				"attributes[\"synthetic\"] == \"true\"");
		assertThat(processors.get("filter/a-logs").toString()).contains("severity_number < SEVERITY_NUMBER_WARN");
		assertThat(processors.get("attributes/a").toString()).contains("key=enduser.id, action=delete",
				"key=client.address, action=hash");
		assertThat(processors.get("batch/a-traces")).containsEntry("send_batch_size", 512);
	}

	@Test
	void endpointServesTheConfigurationAsYaml() {
		try (RunningApplication application = RunningApplication.start("telemetry.backends.victoria.type=victoria",
				"telemetry.gzip-level=4")) {
			String yaml = application.get("/actuator/collectorconfig").getBody();
			Map<String, Object> parsed = new Yaml().load(yaml);
			Map<String, Map<String, Object>> exporters = section(parsed, "exporters");
			assertThat(exporters).containsOnlyKeys("otlphttp/victoria");
			assertThat(exporters.get("otlphttp/victoria")).containsEntry("compression_params", Map.of("level", 4));
		}
	}

	private static Map<String, Object> collectorConfig(String... keysAndValues) {
		return new Yaml().load(new CollectorConfiguration(resolve(keysAndValues).backends(), 1).toYaml());
	}

	private static ResolvedBackends resolve(String... keysAndValues) {
		Map<String, String> source = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			source.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		TelemetryProperties properties = new Binder(new MapConfigurationPropertySource(source))
			.bindOrCreate("telemetry", TelemetryProperties.class);
		return BackendResolver.resolve(properties);
	}

	@SuppressWarnings("unchecked")
	private static <T> Map<String, T> section(Map<String, ?> yaml, String key) {
		return (Map<String, T>) yaml.get(key);
	}

}
