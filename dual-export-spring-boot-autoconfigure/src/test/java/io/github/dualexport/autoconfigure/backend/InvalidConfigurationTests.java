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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that invalid {@code telemetry.*} properties fail startup with a report naming the
 * exact property and the fix.
 *
 * @author Dual Export contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DualExportAutoConfiguration.class));

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
							telemetry.backends.a.type                          | zipkin          | Unknown backend type                | Use one of [otlp, victoria, uptrace, console,
							telemetry.backends.a.endpoint                      | localhost:4318  | Not an absolute http(s) URL         | Use a URL such as 'http://localhost:4318'
							telemetry.backends.a.endpoint                      | ftp://host:21   | Not an absolute http(s) URL         | Use a URL such as 'http://localhost:4318'
							telemetry.backends.a.traces.endpoint               | /v1/traces      | Not an absolute http(s) URL         | Use a URL such as 'http://localhost:4318'
							telemetry.backends.a.protocol                      | thrift          | Unknown protocol                    | Use 'http/protobuf' (or 'http') or 'grpc'
							telemetry.backends.a.compression                   | zstd            | Unknown value                       | Use one of [gzip, none]
							telemetry.backends.a.signals                       | traces,profiles | Unknown signal                      | Use any of 'traces', 'metrics', 'logs'
							telemetry.backends.a.timeout                       | -1s             | Must be a positive duration         | Use a duration such as '5s'
							telemetry.backends.a.traces.max-queue-size         | 0               | Must be greater than zero           | Use a positive number
							telemetry.backends.a.traces.max-queue-size         | -5              | Must be greater than zero           | Use a positive number
							telemetry.backends.a.traces.max-export-batch-size  | -1              | Must be greater than zero           | Use a positive number
							telemetry.backends.a.traces.max-export-batch-size  | 4096            | cannot be larger than the queue     | raise 'traces.max-queue-size'
							telemetry.backends.a.traces.schedule-delay         | 0s              | Must be a positive duration         | Use a duration such as '5s'
							telemetry.backends.a.traces.export-timeout         | -3s             | Must be a positive duration         | Use a duration such as '5s'
							telemetry.backends.a.logs.max-queue-size           | 0               | Must be greater than zero           | Use a positive number
							telemetry.backends.a.logs.min-severity             | verbose         | Unknown value                       | Use one of [debug, error, fatal, info, trace, warn]
							telemetry.backends.a.metrics.interval              | 0s              | Must be a positive duration         | Use a duration such as '5s'
							telemetry.backends.a.metrics.temporality           | sometimes       | Unknown value                       | Use one of [cumulative, delta, low-memory]
							telemetry.backends.a.metrics.histogram             | linear          | Unknown value                       | Use one of [explicit, exponential]
							telemetry.backends.a.retry.max-attempts            | 9               | make between 2 and 5 attempts       | or set 'retry.enabled' to false
							telemetry.backends.a.retry.initial-backoff         | 0s              | Must be a positive duration         | Use a duration such as '5s'
							telemetry.backends.a.retry.multiplier              | 0.5             | shrink the delay                    | Use a value of 1 or more
							telemetry.defaults.protocol                        | http/json       | Unknown protocol                    | Use 'http/protobuf' (or 'http') or 'grpc'
							telemetry.defaults.traces.max-queue-size           | -1              | Must be greater than zero           | Use a positive number
							telemetry.defaults.traces.endpoint                 | http://x:4318   | cannot be shared by every backend   | telemetry.backends.<name>.traces.endpoint
					telemetry.backends.a.traces.sampling.ratio         | 1.5             | share of traces                     | Use a value from 0 to 1
					telemetry.defaults.traces.sampling.ratio           | -0.1            | share of traces                     | Use a value from 0 to 1
					telemetry.backends.a.traces.drop[0].name           | http get (      | Not a regular expression            | Use a Java regular expression
					telemetry.backends.a.traces.drop[0].value          | GET             | needs the attribute it belongs to   | Set 'telemetry.backends.a.traces.drop[0].attribute'
					telemetry.backends.a.buffer.type                   | tape            | Unknown value                       | Use one of [disk, memory]
					telemetry.backends.a.buffer.max-size               | 0B              | Must be greater than zero           | Use a size such as '32MB'
					telemetry.backends.a.buffer.max-age                | 0s              | Must be a positive duration         | Use a duration such as '5s'
					telemetry.defaults.buffer.type                     | cloud           | Unknown value                       | Use one of [disk, memory]
					telemetry.backends.a.ssl.bundle                    | backend-tls     | secures https endpoints             | Use https:// endpoints, or remove 'ssl.bundle'
					telemetry.gzip-level                               | 0               | Not a gzip level                    | Use 1 (fastest, the default) to 9
					telemetry.gzip-level                               | 10              | Not a gzip level                    | Use 1 (fastest, the default) to 9
							""")
	void invalidValueFailsStartupNamingThePropertyAndTheFix(String property, String value, String reason,
			String action) {
		FailureAnalysis analysis = startupFailure("telemetry.backends.a.endpoint=http://localhost:4318",
				property + "=" + value);
		assertThat(analysis.getDescription()).contains("Property: " + property).contains("Reason: ").contains(reason);
		assertThat(analysis.getAction()).contains(property + ": ").contains(action);
	}

	@ParameterizedTest(name = "{0} without {1}")
	@CsvSource(textBlock = """
			grafana-cloud, endpoint,    its OTLP gateway URL
			grafana-cloud, instance-id, the stack's instance id
			grafana-cloud, token,       an access policy token
			honeycomb,     token,       an ingest API key
			newrelic,      token,       a license key
			elastic,       endpoint,    its managed OTLP or APM Server URL
			elastic,       token,       an API key or secret token
			""")
	void presetWithoutItsRequiredKeyFailsStartup(String type, String key, String what) {
		FailureAnalysis analysis = startupFailure("telemetry.backends.vendor.type=" + type);
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.vendor." + key)
			.contains("A backend of type '" + type + "' needs " + what);
	}

	@Test
	void dropRuleWithoutConditionFailsStartup() {
		FailureAnalysis analysis = startupFailure("telemetry.backends.a.endpoint=http://localhost:4318",
				"telemetry.backends.a.traces.drop[0].attribute=", "telemetry.backends.a.traces.drop[0].name=");
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.a.traces.drop[0]\n")
			.contains("matches nothing without a condition");
	}

	@Test
	void uptraceWithoutDsnFailsStartup() {
		FailureAnalysis analysis = startupFailure("telemetry.backends.uptrace.type=uptrace");
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.uptrace.dsn")
			.contains("needs the project DSN");
		assertThat(analysis.getAction()).contains("http://<token>@localhost:14318?grpc=14317");
	}

	@Test
	void malformedUptraceDsnFailsStartupWithoutShowingTheDsn() {
		FailureAnalysis analysis = startupFailure("telemetry.backends.uptrace.type=uptrace",
				"telemetry.backends.uptrace.dsn=uptrace.local:14318");
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.uptrace.dsn")
			.contains("Value: \"******\"")
			.doesNotContain("uptrace.local");
	}

	@Test
	void victoriaOverGrpcFailsStartupBecauseVictoriaAcceptsOnlyHttp() {
		FailureAnalysis analysis = startupFailure("telemetry.backends.victoria.type=victoria",
				"telemetry.backends.victoria.protocol=grpc");
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.victoria.protocol")
			.contains("accept only [http/protobuf]");
	}

	@Test
	void emptySignalListFailsStartup() {
		FailureAnalysis analysis = startupFailure("telemetry.backends.a.endpoint=http://localhost:4318",
				"telemetry.backends.a.signals=");
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.a.signals")
			.contains("At least one signal");
	}

	@Test
	void invalidDefaultIsReportedOnceUnderItsOwnNameWhateverTheNumberOfBackends() {
		FailureAnalysis analysis = startupFailure("telemetry.defaults.compression=brotli",
				"telemetry.backends.a.endpoint=http://a:4318", "telemetry.backends.b.endpoint=http://b:4318");
		assertThat(analysis.getDescription()).containsOnlyOnce("Property: telemetry.defaults.compression");
	}

	@Test
	void everyProblemOfEveryBackendIsReportedTogether() {
		FailureAnalysis analysis = startupFailure("telemetry.backends.a.type=zipkin",
				"telemetry.backends.b.endpoint=not-a-url", "telemetry.backends.c.type=uptrace");
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.a.type",
				"Property: telemetry.backends.b.endpoint", "Property: telemetry.backends.c.dsn");
	}

	@Test
	void diskBufferInADirectoryThatCannotBeCreatedFailsStartup() {
		FailureAnalysis analysis = startupFailure("telemetry.backends.a.endpoint=http://localhost:4318",
				"telemetry.backends.a.buffer.type=disk", "telemetry.backends.a.buffer.directory=/dev/null/telemetry");
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.a.buffer.directory")
			.contains("directory cannot be written");
		assertThat(analysis.getAction()).contains("Point it at a directory the application may create and write");
	}

	@Test
	void diskBufferWithoutADirectoryFailsStartup() {
		FailureAnalysis analysis = startupFailure("telemetry.backends.a.endpoint=http://localhost:4318",
				"telemetry.backends.a.buffer.type=disk", "telemetry.defaults.buffer.directory=");
		assertThat(analysis.getDescription()).contains("Property: telemetry.defaults.buffer.directory")
			.contains("A disk buffer needs a directory");
	}

	@Test
	void backendsSharingAnEndpointStartWithAWarning(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("telemetry.backends.a.endpoint=http://localhost:4318",
					"telemetry.backends.b.endpoint=http://localhost:4318", "telemetry.backends.b.signals=traces")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).containsOnlyOnce("Backends [a, b] all send traces http://localhost:4318/v1/traces")
					.doesNotContain("metrics http://localhost:4318/v1/metrics");
			});
	}

	@Test
	void oneEndpointForSignalsThePresetPlacesOnDifferentPortsStartsWithAWarningNamingTheSignalEndpoints(
			CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("telemetry.backends.victoria.type=victoria",
					"telemetry.backends.victoria.endpoint=http://victoria:8428",
					"telemetry.backends.victoria.logs.endpoint=http://victoria-logs:9428")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).containsOnlyOnce("Backend 'victoria' sends traces and metrics to one endpoint")
					.contains("telemetry.backends.victoria.traces.endpoint")
					.contains("telemetry.backends.victoria.metrics.endpoint")
					.doesNotContain("telemetry.backends.victoria.logs.endpoint");
			});
	}

	@Test
	void oneEndpointForOneSignalOfAPresetWithSeveralPortsStartsSilently(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("telemetry.backends.victoria.type=victoria",
					"telemetry.backends.victoria.endpoint=http://victoria:8428",
					"telemetry.backends.victoria.signals=metrics")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("to one endpoint");
			});
	}

	@Test
	void honeycombRegionOtherThanUsOrEuFailsStartup() {
		FailureAnalysis analysis = startupFailure("telemetry.backends.hc.type=honeycomb",
				"telemetry.backends.hc.token=k", "telemetry.backends.hc.region=apac");
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.hc.region");
		assertThat(analysis.getAction()).contains("'us' or 'eu'");
	}

	@Test
	void disabledBackendWithInvalidValuesDoesNotFailStartup() {
		this.contextRunner
			.withPropertyValues("telemetry.backends.a.enabled=false", "telemetry.backends.a.type=uptrace",
					"telemetry.backends.a.traces.max-queue-size=-1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failedApplicationPrintsTheReportAtStartup(CapturedOutput output) {
		SpringApplication application = new SpringApplication(InvalidConfigurationApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(
				() -> application.run("--telemetry.backends.victoria.type=victorai", "--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: telemetry.backends.victoria.type")
			.contains("Value: \"victorai\"")
			.contains(
					"Use one of [otlp, victoria, uptrace, console, collector, tempo, loki, mimir, jaeger, grafana-cloud, honeycomb, newrelic, signoz, elastic]");
	}

	private FailureAnalysis startupFailure(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidTelemetryConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("failure analysis").isNotNull();
		return analysis[0];
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DualExportAutoConfiguration.class)
	static class InvalidConfigurationApplication {

	}

}
