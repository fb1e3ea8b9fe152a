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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the resolution of {@code telemetry.*} properties into
 * {@link ResolvedBackend}s: presets, defaults inheritance and per-backend overrides.
 *
 * @author Dual Export contributors
 */
class BackendResolutionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DualExportAutoConfiguration.class));

	@Test
	void otlpBackendAppendsStandardSignalPathsToItsBaseUrlOverHttp() {
		ResolvedBackend backend = resolve(backend("a", "http://collector:4318/"));
		assertThat(backend.type()).isEqualTo("otlp");
		assertThat(backend.protocol()).isEqualTo(Protocol.HTTP_PROTOBUF);
		assertThat(backend.endpoints()).containsExactly(Map.entry(Signal.TRACES, "http://collector:4318/v1/traces"),
				Map.entry(Signal.METRICS, "http://collector:4318/v1/metrics"),
				Map.entry(Signal.LOGS, "http://collector:4318/v1/logs"));
	}

	@Test
	void otlpBackendUsesItsBaseUrlAsIsOverGrpc() {
		ResolvedBackend backend = resolve(backend("a", "http://collector:4317"), "telemetry.backends.a.protocol=grpc");
		assertThat(backend.endpoint(Signal.TRACES)).isEqualTo("http://collector:4317");
	}

	@Test
	void otlpBackendWithoutEndpointUsesTheOtlpDefaultPorts() {
		ResolvedBackend backend = resolve("telemetry.backends.a.type=otlp");
		assertThat(backend.endpoint(Signal.TRACES)).isEqualTo("http://localhost:4318/v1/traces");
	}

	@Test
	void signalEndpointGivenInFullIsUsedAsIs() {
		ResolvedBackend backend = resolve(backend("a", "http://collector:4318"),
				"telemetry.backends.a.traces.endpoint=https://traces.example.com/custom/path");
		assertThat(backend.endpoint(Signal.TRACES)).isEqualTo("https://traces.example.com/custom/path");
		assertThat(backend.endpoint(Signal.LOGS)).isEqualTo("http://collector:4318/v1/logs");
	}

	@Test
	void victoriaPresetKnowsTheDefaultPortAndPathOfEachVictoriaProduct() {
		ResolvedBackend backend = resolve("telemetry.backends.victoria.type=victoria");
		assertThat(backend.endpoints()).containsExactly(
				Map.entry(Signal.TRACES, "http://localhost:10428/insert/opentelemetry/v1/traces"),
				Map.entry(Signal.METRICS, "http://localhost:8428/opentelemetry/v1/metrics"),
				Map.entry(Signal.LOGS, "http://localhost:9428/insert/opentelemetry/v1/logs"));
		assertThat(backend.metrics().temporality()).isEqualTo(Temporality.CUMULATIVE);
		assertThat(backend.headers()).isEmpty();
	}

	@Test
	void victoriaPresetAppendsItsPathsToACustomBaseUrl() {
		ResolvedBackend backend = resolve("telemetry.backends.victoria.type=victoria",
				"telemetry.backends.victoria.endpoint=http://vmauth:8427");
		assertThat(backend.endpoint(Signal.METRICS)).isEqualTo("http://vmauth:8427/opentelemetry/v1/metrics");
	}

	@Test
	void signalEndpointWithoutPathGetsThePresetsSignalPath() {
		ResolvedBackend backend = resolve("telemetry.backends.victoria.type=victoria",
				"telemetry.backends.victoria.traces.endpoint=http://traces:10428",
				"telemetry.backends.victoria.metrics.endpoint=http://metrics:8428/",
				"telemetry.backends.victoria.logs.endpoint=http://logs:9428");
		assertThat(backend.endpoints()).containsExactly(
				Map.entry(Signal.TRACES, "http://traces:10428/insert/opentelemetry/v1/traces"),
				Map.entry(Signal.METRICS, "http://metrics:8428/opentelemetry/v1/metrics"),
				Map.entry(Signal.LOGS, "http://logs:9428/insert/opentelemetry/v1/logs"));
	}

	@Test
	void signalEndpointIsUsedAsIsOverGrpc() {
		ResolvedBackend backend = resolve("telemetry.backends.a.protocol=grpc",
				"telemetry.backends.a.traces.endpoint=http://traces:4317");
		assertThat(backend.endpoint(Signal.TRACES)).isEqualTo("http://traces:4317");
	}

	@Test
	void uptracePresetDerivesHttpEndpointsAndHeaderFromTheDsn() {
		ResolvedBackend backend = resolve("telemetry.backends.uptrace.type=uptrace",
				"telemetry.backends.uptrace.dsn=http://project1_secret@uptrace.local:14318?grpc=14317");
		assertThat(backend.endpoint(Signal.TRACES)).isEqualTo("http://uptrace.local:14318/v1/traces");
		assertThat(backend.endpoint(Signal.LOGS)).isEqualTo("http://uptrace.local:14318/v1/logs");
		assertThat(backend.headers()).containsEntry("uptrace-dsn",
				"http://project1_secret@uptrace.local:14318?grpc=14317");
		assertThat(backend.metrics().temporality()).isEqualTo(Temporality.DELTA);
		assertThat(backend.metrics().histogram()).isEqualTo(Histogram.EXPONENTIAL);
	}

	// Each form resolves as uptrace-go's ParseDSN does (dsn.go: OTLPHttpEndpoint,
	// OTLPGrpcEndpoint)
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					cloud                        | https://tok@api.uptrace.dev?grpc=4317         | https://api.uptrace.dev:443/v1/traces  | https://api.uptrace.dev:4317
					cloud, old host              | https://tok@uptrace.dev/1                     | https://api.uptrace.dev:443/v1/traces  | https://api.uptrace.dev:4317
					self-hosted v2               | http://tok@localhost:14318?grpc=14317         | http://localhost:14318/v1/traces       | http://localhost:14317
					self-hosted v1 with project  | http://tok@localhost:14317/project_id         | http://localhost:14318/v1/traces       | http://localhost:14317
					own port without grpc        | https://tok@localhost:1234/1                  | https://localhost:1234/v1/traces       | https://localhost:1234
					own host and grpc port       | https://tok@demo.uptrace.dev/1?grpc=4317      | https://demo.uptrace.dev:443/v1/traces | https://demo.uptrace.dev:4317
					""")
	void uptracePresetResolvesEveryDsnFormAsUptracesOwnClientDoes(String form, String dsn, String http, String grpc) {
		assertThat(resolve("telemetry.backends.uptrace.type=uptrace", "telemetry.backends.uptrace.dsn=" + dsn)
			.endpoint(Signal.TRACES)).isEqualTo(http);
		assertThat(resolve("telemetry.backends.uptrace.type=uptrace", "telemetry.backends.uptrace.protocol=grpc",
				"telemetry.backends.uptrace.dsn=" + dsn)
			.endpoint(Signal.TRACES)).isEqualTo(grpc);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			http,          HTTP_PROTOBUF
			http/protobuf, HTTP_PROTOBUF
			grpc,          GRPC
			""")
	void protocolAcceptsBootsTransportSpellings(String value, Protocol protocol) {
		assertThat(resolve(backend("a", "http://collector:4318"), "telemetry.backends.a.protocol=" + value).protocol())
			.isEqualTo(protocol);
	}

	@Test
	void signalHeadersAreMergedOverTheBackendsHeadersForThatSignalOnly() {
		ResolvedBackend backend = resolve(backend("a", "http://collector:4318"),
				"telemetry.defaults.headers.x-team=core", "telemetry.backends.a.headers.authorization=Bearer t0ken",
				"telemetry.defaults.metrics.headers.x-dataset=all",
				"telemetry.backends.a.metrics.headers.x-team=metrics",
				"telemetry.backends.a.logs.headers.x-log-source=app");
		assertThat(backend.traces().headers()).containsOnly(Map.entry("x-team", "core"),
				Map.entry("authorization", "Bearer t0ken"));
		assertThat(backend.metrics().headers()).containsOnly(Map.entry("x-team", "metrics"),
				Map.entry("authorization", "Bearer t0ken"), Map.entry("x-dataset", "all"));
		assertThat(backend.logs().headers()).containsOnly(Map.entry("x-team", "core"),
				Map.entry("authorization", "Bearer t0ken"), Map.entry("x-log-source", "app"));
	}

	@Test
	void presetValueYieldsToTheBackendsOwnValue() {
		ResolvedBackend backend = resolve("telemetry.backends.uptrace.type=uptrace",
				"telemetry.backends.uptrace.dsn=http://t@localhost:14318",
				"telemetry.backends.uptrace.metrics.temporality=cumulative");
		assertThat(backend.metrics().temporality()).isEqualTo(Temporality.CUMULATIVE);
	}

	@Test
	void consoleBackendNeedsNoEndpoint() {
		ResolvedBackend backend = resolve("telemetry.backends.console.type=console");
		assertThat(backend.isConsole()).isTrue();
		assertThat(backend.endpoints()).isEmpty();
	}

	@Test
	void unsetBackendKeysFallBackToTelemetryDefaults() {
		ResolvedBackend backend = resolve(backend("a", "http://collector:4318"), "telemetry.defaults.protocol=grpc",
				"telemetry.defaults.compression=none", "telemetry.defaults.timeout=3s",
				"telemetry.defaults.signals=traces,logs", "telemetry.defaults.traces.max-queue-size=100",
				"telemetry.defaults.traces.max-export-batch-size=10", "telemetry.defaults.traces.schedule-delay=200ms",
				"telemetry.defaults.retry.max-attempts=3", "telemetry.defaults.logs.min-severity=warn");
		assertThat(backend.protocol()).isEqualTo(Protocol.GRPC);
		assertThat(backend.compression()).isEqualTo(Compression.NONE);
		assertThat(backend.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(backend.signals()).containsExactly(Signal.TRACES, Signal.LOGS);
		assertThat(backend.traces().batch())
			.isEqualTo(new ResolvedBackend.Batch(100, 10, Duration.ofMillis(200), Duration.ofSeconds(30)));
		assertThat(backend.retry().maxAttempts()).isEqualTo(3);
		assertThat(backend.logs().minSeverity()).isEqualTo(Severity.WARN);
	}

	@Test
	void enumeratedValuesAreReadLenientlyLikeBootBindsEnums() {
		ResolvedBackend backend = resolve(backend("a", "http://collector:4318"),
				"telemetry.backends.a.compression=NONE", "telemetry.backends.a.metrics.temporality=LOW_MEMORY",
				"telemetry.backends.a.metrics.histogram= Exponential ", "telemetry.backends.a.logs.min-severity=Warn");
		assertThat(backend.compression()).isEqualTo(Compression.NONE);
		assertThat(backend.metrics().temporality()).isEqualTo(Temporality.LOW_MEMORY);
		assertThat(backend.metrics().histogram()).isEqualTo(Histogram.EXPONENTIAL);
		assertThat(backend.logs().minSeverity()).isEqualTo(Severity.WARN);
	}

	@Test
	void builtInDefaultsApplyWhenNothingIsConfigured() {
		ResolvedBackend backend = resolve(backend("a", "http://collector:4318"));
		assertThat(backend.protocol()).isEqualTo(Protocol.HTTP_PROTOBUF);
		assertThat(backend.compression()).isEqualTo(Compression.GZIP);
		assertThat(backend.timeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(backend.signals()).containsExactly(Signal.TRACES, Signal.METRICS, Signal.LOGS);
		assertThat(backend.traces().batch())
			.isEqualTo(new ResolvedBackend.Batch(2048, 512, Duration.ofSeconds(5), Duration.ofSeconds(30)));
		assertThat(backend.logs().batch())
			.isEqualTo(new ResolvedBackend.Batch(2048, 512, Duration.ofSeconds(1), Duration.ofSeconds(30)));
		assertThat(backend.logs().minSeverity()).isEqualTo(Severity.INFO);
		assertThat(backend.metrics().interval()).isEqualTo(Duration.ofSeconds(60));
		assertThat(backend.metrics().temporality()).isEqualTo(Temporality.CUMULATIVE);
		assertThat(backend.metrics().histogram()).isEqualTo(Histogram.EXPLICIT);
		assertThat(backend.retry())
			.isEqualTo(new ResolvedBackend.Retry(true, 5, Duration.ofSeconds(1), Duration.ofSeconds(5), 1.5));
	}

	@Test
	void backendValueOverridesTheDefault() {
		ResolvedBackend backend = resolve(backend("a", "http://collector:4318"),
				"telemetry.defaults.traces.max-queue-size=1000", "telemetry.backends.a.traces.max-queue-size=4000");
		assertThat(backend.traces().batch().maxQueueSize()).isEqualTo(4000);
	}

	@Test
	void headersOfDefaultsPresetAndBackendAreMergedWithTheBackendWinning() {
		ResolvedBackend backend = resolve("telemetry.backends.uptrace.type=uptrace",
				"telemetry.backends.uptrace.dsn=http://t@localhost:14318", "telemetry.defaults.headers.x-team=core",
				"telemetry.defaults.headers.x-env=dev", "telemetry.backends.uptrace.headers.x-env=prod");
		assertThat(backend.headers()).containsOnly(Map.entry("x-team", "core"), Map.entry("x-env", "prod"),
				Map.entry("uptrace-dsn", "http://t@localhost:14318"));
	}

	@Test
	void resourceAttributesOfTheDefaultsAndTheBackendAreMergedAndSeparateCaptureGroups() {
		this.contextRunner
			.withPropertyValues(backend("a", "http://a:4318"), backend("b", "http://b:4318"),
					backend("c", "http://c:4318"), "telemetry.defaults.resource.attributes.team=core",
					"telemetry.backends.a.resource.attributes.deployment.environment.name=prod",
					"telemetry.backends.b.resource.attributes.deployment.environment.name=staging")
			.run((context) -> {
				List<ResolvedBackend> backends = context.getBean(ResolvedBackends.class).backends();
				assertThat(backends.get(0).resourceAttributes()).containsOnly(Map.entry("team", "core"),
						Map.entry("deployment.environment.name", "prod"));
				assertThat(backends.get(2).resourceAttributes()).containsOnly(Map.entry("team", "core"));
				for (Signal signal : Signal.values()) {
					assertThat(backends.stream().map((backend) -> backend.captureKey(signal)).distinct()).hasSize(3);
				}
			});
	}

	@Test
	void disabledBackendIsNeitherValidatedNorBuilt() {
		this.contextRunner
			.withPropertyValues(backend("a", "http://collector:4318"), "telemetry.backends.b.type=no-such-type",
					"telemetry.backends.b.enabled=false")
			.run((context) -> assertThat(context.getBean(ResolvedBackends.class).backends())
				.extracting(ResolvedBackend::name)
				.containsExactly("a"));
	}

	@Test
	void backendsKeepTheirConfigurationOrder() {
		this.contextRunner
			.withPropertyValues(backend("zeta", "http://z:4318"), backend("alpha", "http://a:4318"),
					backend("mid", "http://m:4318"))
			.run((context) -> assertThat(context.getBean(ResolvedBackends.class).backends())
				.extracting(ResolvedBackend::name)
				.containsExactly("zeta", "alpha", "mid"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(textBlock = """
			OTEL_SDK_DISABLED, true
			MANAGEMENT_OPENTELEMETRY_ENABLED, false
			""")
	void openTelemetrySwitchedOffInTheEnvironmentCreatesNothing(String variable, String value) {
		this.contextRunner.withInitializer(environmentVariables(Map.of(variable, value)))
			.withPropertyValues(backend("a", "http://collector:4318"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ResolvedBackends.class));
	}

	@Test
	void otlpExporterEnvironmentVariablesCreateNoBackendBecauseBootExportsToThemItself() {
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
					"OTEL_EXPORTER_OTLP_HEADERS", "api-key=k", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
			.run((context) -> assertThat(context.getBean(ResolvedBackends.class).backends()).isEmpty());
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-environment", variables));
	}

	@Test
	void masterSwitchOffCreatesNothing() {
		this.contextRunner.withPropertyValues("telemetry.enabled=false", "telemetry.backends.a.type=no-such-type")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ResolvedBackends.class));
	}

	@Test
	void toStringMasksHeaderValuesAndDsn() {
		this.contextRunner
			.withPropertyValues("telemetry.backends.uptrace.type=uptrace",
					"telemetry.backends.uptrace.dsn=http://s3cr3t@localhost:14318",
					"telemetry.backends.uptrace.headers.authorization=Bearer s3cr3t")
			.run((context) -> {
				ResolvedBackend backend = context.getBean(ResolvedBackends.class).backends().get(0);
				assertThat(backend.toString()).contains("uptrace-dsn=******", "authorization=******")
					.doesNotContain("s3cr3t");
				assertThat(context.getBean(TelemetryProperties.class).getBackends().get("uptrace").toString())
					.contains("dsn=******")
					.doesNotContain("s3cr3t");
			});
	}

	private static String backend(String name, String endpoint) {
		return "telemetry.backends." + name + ".endpoint=" + endpoint;
	}

	private ResolvedBackend resolve(String... properties) {
		AtomicReference<ResolvedBackend> resolved = new AtomicReference<>();
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ResolvedBackends.class).backends()).hasSize(1);
			resolved.set(context.getBean(ResolvedBackends.class).backends().get(0));
		});
		return resolved.get();
	}

}
