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
package io.github.dualexport.autoconfigure.secrets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.RunningApplication;
import io.github.dualexport.autoconfigure.TestSpans;
import io.github.dualexport.autoconfigure.backend.InvalidTelemetryConfigurationException;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.traces.DualExportTracingAutoConfiguration;
import io.github.dualexport.test.OtlpReceiver;
import io.github.dualexport.test.OtlpReceiverExtension;

import static io.github.dualexport.test.OtlpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the telemetry secrets (header values, the Uptrace DSN and a preset's
 * {@code token}) never show: not in the logs, even at {@code TRACE} while exports fail
 * and succeed, not in the {@code lastError} of a failed export, not in
 * {@code toString()}, not in the report of a failed startup and not in the actuator
 * endpoints, even with {@code show-values=always}.
 *
 * @author Dual Export contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTests {

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	private static final String HEADER_SECRET = "s3cr3t-header-4d1f0a";

	private static final String DEFAULT_HEADER_SECRET = "s3cr3t-default-77e2c1";

	private static final String DSN_TOKEN = "s3cr3t-dsn-0b9e35";

	private static final String PRESET_TOKEN = "s3cr3t-token-5a6c2f";

	private static final String PLACEHOLDER_SECRET = "s3cr3t-placeholder-e41b77";

	private static final List<String> SECRETS = List.of(HEADER_SECRET, DEFAULT_HEADER_SECRET, DSN_TOKEN, PRESET_TOKEN,
			PLACEHOLDER_SECRET);

	// Spares each shutdown a failing publish to Micrometer's default OTLP URL
	private static final String NO_METER_EXPORT = "management.otlp.metrics.export.enabled=false";

	private static final List<String> VERBOSE_LOGGERS = List.of("io.github.dualexport", "io.opentelemetry", "okhttp3");

	@RegisterExtension
	static final OtlpReceiverExtension accepting = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension rejecting = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, DualExportAutoConfiguration.class,
				DualExportTracingAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0", "telemetry.defaults.signals=traces",
				"telemetry.defaults.traces.schedule-delay=100ms", "telemetry.defaults.retry.max-attempts=2",
				"telemetry.defaults.retry.initial-backoff=100ms", "telemetry.defaults.retry.max-backoff=200ms");

	@AfterAll
	static void restoreLogLevels() {
		LoggingSystem loggingSystem = LoggingSystem.get(SecretsNeverLeakTests.class.getClassLoader());
		VERBOSE_LOGGERS.forEach((name) -> {
			loggingSystem.setLogLevel(name, null);
			java.util.logging.Logger.getLogger(name).setLevel(null);
		});
	}

	@Test
	void secretsNeverReachTheLogsAtTraceLevelWhileExportsFailAndSucceed(CapturedOutput output) {
		rejecting.respondWithStatus(400);
		try (RunningApplication application = RunningApplication
			.start(properties(traceLogging(), NO_METER_EXPORT, "telemetry.defaults.retry.max-attempts=2",
					"telemetry.defaults.retry.initial-backoff=100ms", "telemetry.defaults.retry.max-backoff=200ms",
					"telemetry.defaults.headers.x-team-key=" + DEFAULT_HEADER_SECRET,
					"telemetry.backends.ok.endpoint=" + accepting.httpEndpoint(),
					"telemetry.backends.ok.headers.authorization=Bearer " + HEADER_SECRET,
					"telemetry.backends.rejecting.endpoint=" + rejecting.httpEndpoint(),
					"telemetry.backends.rejecting.headers.authorization=Bearer " + HEADER_SECRET,
					"telemetry.backends.refused.type=uptrace", "telemetry.backends.refused.dsn=" + refusedDsn(),
					"telemetry.backends.honeycomb.type=honeycomb", "telemetry.backends.honeycomb.token=" + PRESET_TOKEN,
					"telemetry.backends.honeycomb.endpoint=" + accepting.grpcEndpoint(),
					"telemetry.backends.honeycomb.protocol=grpc"))) {
			application.emitSpans(5);
			ApplicationContext context = application.context();
			await().atMost(DELIVERY).until(() -> snapshot(context, "ok").exported() == 5);
			await().atMost(DELIVERY).until(() -> snapshot(context, "honeycomb").exported() == 5);
			await().atMost(DELIVERY).until(() -> snapshot(context, "rejecting").failed() == 5);
			await().atMost(DELIVERY).until(() -> snapshot(context, "refused").failed() == 5);
			// The secrets were really in use
			assertThat(accepting).hasReceivedHeader("authorization", "Bearer " + HEADER_SECRET)
				.hasReceivedHeader("x-team-key", DEFAULT_HEADER_SECRET)
				.hasReceivedHeader("x-honeycomb-team", PRESET_TOKEN);
			assertThat(rejecting).hasReceivedHeader("authorization", "Bearer " + HEADER_SECRET);
			assertThat(snapshot(context, "rejecting").lastError()).startsWith("HTTP 400");
			assertThat(snapshot(context, "refused").lastError()).startsWith("ConnectException");
			assertThat(output).contains("Failed to export traces to backend 'rejecting'")
				.contains("Failed to export traces to backend 'refused'");
			assertThat(output).as("debug logging of the OpenTelemetry sender").contains("RetryInterceptor");
			assertThat(application.get("/actuator/health/telemetry").getBody()).contains("HTTP 400");
			assertNoSecret(output.getAll());
			assertNoSecret(context.getBean(BackendPipelines.class).snapshots().toString());
			assertNoSecret(application.get("/actuator/health/telemetry").getBody());
			assertNoSecret(application.get("/actuator/telemetrybackends").getBody());
		}
	}

	@ParameterizedTest(name = "{0} over {1}")
	@CsvSource({ "header with a line break, http/protobuf", "header with a line break, grpc",
			"token with a no-break space, http/protobuf" })
	void secretTheHttpClientRejectsIsNotEchoedInTheLogOrTheLastError(String secret, String protocol,
			CapturedOutput output) {
		// A secret passed through an environment variable from a file often keeps the
		// file's line break, one copied from a web page may end with a no-break space:
		// no http client sends either in a header
		Map<String, Object> source = secret.startsWith("header")
				? Map.of("telemetry.backends.a.headers.x-api-key", HEADER_SECRET + "\n")
				: Map.of("telemetry.backends.a.type", "honeycomb", "telemetry.backends.a.token",
						PRESET_TOKEN + "\u00a0");
		String endpoint = "grpc".equals(protocol) ? accepting.grpcEndpoint() : accepting.httpEndpoint();
		this.contextRunner
			.withPropertyValues("telemetry.backends.a.endpoint=" + endpoint,
					"telemetry.backends.a.protocol=" + protocol)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("secrets", source)))
			.run((context) -> {
				if (context.getStartupFailure() != null) {
					// Rejecting the value at startup is fine, as long as it is not shown
					assertNoSecretInFailure(context.getStartupFailure());
					assertNoSecret(output.getAll());
					return;
				}
				TestSpans.emit(context, 2);
				await().atMost(DELIVERY).until(() -> {
					PipelineSnapshot snapshot = snapshot(context, "a");
					return snapshot.failed() + snapshot.exported() == 2;
				});
				assertThat(snapshot(context, "a").failed()).as("spans whose header the http client rejects")
					.isEqualTo(2);
				assertNoSecret(snapshot(context, "a").toString());
				assertNoSecret(output.getAll());
			});
	}

	@Test
	void actuatorEndpointsNeverShowSecretsEvenWhenShowingValues() {
		try (RunningApplication application = RunningApplication.start(NO_METER_EXPORT,
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"telemetry.defaults.headers.x-team-key=" + DEFAULT_HEADER_SECRET,
				"telemetry.backends.plain.endpoint=" + accepting.httpEndpoint(),
				"telemetry.backends.plain.headers.authorization=Bearer ${PLAIN_API_KEY}",
				"PLAIN_API_KEY=" + PLACEHOLDER_SECRET, "telemetry.backends.honeycomb.type=honeycomb",
				"telemetry.backends.honeycomb.token=${HONEYCOMB_API_KEY}", "HONEYCOMB_API_KEY=" + PRESET_TOKEN,
				"telemetry.backends.honeycomb.endpoint=" + accepting.httpEndpoint(),
				"telemetry.backends.newrelic.type=newrelic", "telemetry.backends.newrelic.token=" + HEADER_SECRET,
				"telemetry.backends.newrelic.endpoint=" + accepting.httpEndpoint(),
				"telemetry.backends.uptrace.type=uptrace",
				"telemetry.backends.uptrace.dsn=http://" + DSN_TOKEN + "@127.0.0.1:" + accepting.httpPort())) {
			application.emitSpans(2);
			accepting.awaitSpans(8, DELIVERY);
			assertThat(accepting).hasReceivedHeader("authorization", "Bearer " + PLACEHOLDER_SECRET)
				.hasReceivedHeader("x-honeycomb-team", PRESET_TOKEN)
				.hasReceivedHeader("api-key", HEADER_SECRET);
			String env = application.get("/actuator/env").getBody();
			String configprops = application.get("/actuator/configprops").getBody();
			assertThat(env).contains("telemetry.backends.honeycomb.token").contains("HONEYCOMB_API_KEY");
			assertThat(configprops).contains(accepting.httpEndpoint());
			assertNoSecret(env);
			assertNoSecret(configprops);
			for (String key : List.of("telemetry.backends.honeycomb.token", "telemetry.backends.newrelic.token",
					"telemetry.backends.uptrace.dsn", "telemetry.backends.plain.headers.authorization",
					"telemetry.defaults.headers.x-team-key", "PLAIN_API_KEY", "HONEYCOMB_API_KEY")) {
				assertNoSecret(String.valueOf(application.get("/actuator/env/" + key).getBody()));
			}
			assertNoSecret(application.get("/actuator/telemetrybackends").getBody());
			assertNoSecret(application.get("/actuator/health").getBody());
		}
	}

	@Test
	void toStringOfTheTelemetryBeansNeverShowsSecrets() {
		String grafanaCredentials = Base64.getEncoder()
			.encodeToString(("123456:" + PRESET_TOKEN).getBytes(StandardCharsets.UTF_8));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DualExportAutoConfiguration.class))
			.withPropertyValues("telemetry.defaults.headers.x-team-key=" + DEFAULT_HEADER_SECRET,
					"telemetry.backends.plain.endpoint=http://localhost:4318",
					"telemetry.backends.plain.headers.authorization=Bearer " + HEADER_SECRET,
					"telemetry.backends.plain.metrics.headers.x-metrics-key=" + PLACEHOLDER_SECRET,
					"telemetry.backends.uptrace.type=uptrace",
					"telemetry.backends.uptrace.dsn=http://" + DSN_TOKEN + "@localhost:14318?grpc=14317",
					"telemetry.backends.honeycomb.type=honeycomb", "telemetry.backends.honeycomb.token=" + PRESET_TOKEN,
					"telemetry.backends.grafana.type=grafana-cloud",
					"telemetry.backends.grafana.endpoint=https://otlp-gateway.example.com/otlp",
					"telemetry.backends.grafana.instance-id=123456", "telemetry.backends.grafana.token=" + PRESET_TOKEN,
					"telemetry.backends.elastic.type=elastic",
					"telemetry.backends.elastic.endpoint=https://apm.example.com",
					"telemetry.backends.elastic.token=ApiKey " + PLACEHOLDER_SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ResolvedBackends resolved = context.getBean(ResolvedBackends.class);
				assertThat(resolved.backends()).hasSize(5);
				TelemetryProperties properties = context.getBean(TelemetryProperties.class);
				List<String> texts = new ArrayList<>();
				texts.add(resolved.toString());
				resolved.backends().stream().map(ResolvedBackend::toString).forEach(texts::add);
				texts.add(properties.toString());
				texts.add(properties.getDefaults().toString());
				texts.add(properties.getBackends().toString());
				for (String text : texts) {
					assertNoSecret(text);
					assertThat(text).doesNotContain(grafanaCredentials);
				}
				assertThat(resolved.toString()).contains("uptrace-dsn=******", "x-honeycomb-team=******",
						"Authorization=******", "x-team-key=******", "x-metrics-key=******");
			});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "invalid-values", "missing-ssl-bundle" })
	void failedStartupNeverShowsSecrets(String problem, CapturedOutput output) {
		List<String> properties = new ArrayList<>(List.of(traceLogging()));
		properties.addAll(List.of("telemetry.defaults.headers.x-team-key=" + DEFAULT_HEADER_SECRET,
				"telemetry.backends.plain.endpoint=" + accepting.httpEndpoint(),
				"telemetry.backends.plain.headers.authorization=Bearer " + HEADER_SECRET,
				"telemetry.backends.honeycomb.type=honeycomb", "telemetry.backends.honeycomb.token=" + PRESET_TOKEN,
				"telemetry.backends.honeycomb.endpoint=" + accepting.httpEndpoint()));
		if (problem.equals("invalid-values")) {
			properties.addAll(List.of("telemetry.backends.plain.type=victorai",
					"telemetry.backends.honeycomb.protocol=thrift", "telemetry.backends.uptrace.type=uptrace",
					"telemetry.backends.uptrace.dsn=ftp://" + DSN_TOKEN + "@uptrace.local:14318",
					"telemetry.backends.uptrace-grpc.type=uptrace",
					"telemetry.backends.uptrace-grpc.dsn=http://" + DSN_TOKEN + "@uptrace.local:14318?grpc="
							+ DSN_TOKEN,
					"telemetry.backends.grafana.type=grafana-cloud",
					"telemetry.backends.grafana.token=" + PRESET_TOKEN));
		}
		else {
			// https endpoints: the bundle is looked up as the pipelines are built
			properties.addAll(List.of("telemetry.backends.plain.endpoint=https://127.0.0.1:4318",
					"telemetry.backends.honeycomb.endpoint=https://127.0.0.1:4318",
					"telemetry.backends.uptrace.type=uptrace",
					"telemetry.backends.uptrace.dsn=https://" + DSN_TOKEN + "@127.0.0.1:14318",
					"telemetry.defaults.ssl.bundle=no-such-bundle"));
		}
		SpringApplication application = new SpringApplicationBuilder(StartupFailureApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.properties(properties.toArray(String[]::new))
			.build();
		Throwable failure = catchThrowable(() -> application.run().close());
		assertThat(failure).hasRootCauseInstanceOf(InvalidTelemetryConfigurationException.class);
		FailureAnalysis analysis = analyze(failure);
		assertThat(analysis.getDescription()).contains(
				problem.equals("invalid-values") ? "Property: telemetry.backends.uptrace-grpc.dsn" : "ssl.bundle");
		assertThat(output).contains("APPLICATION FAILED TO START");
		assertNoSecretInFailure(failure);
		assertNoSecret(analysis.getDescription());
		assertNoSecret(analysis.getAction());
		assertNoSecret(output.getAll());
	}

	private static void assertNoSecret(String text) {
		for (String secret : SECRETS) {
			assertThat(text).as("text showing no secret").doesNotContain(secret);
		}
	}

	private static void assertNoSecretInFailure(Throwable failure) {
		Stream.iterate(failure, (cause) -> cause != null, Throwable::getCause).forEach((cause) -> {
			assertNoSecret(cause.toString());
			if (cause instanceof InvalidTelemetryConfigurationException invalid) {
				assertNoSecret(invalid.getProblems().toString());
			}
		});
	}

	private static FailureAnalysis analyze(Throwable failure) {
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, FailureHandler.handleMessage((message, ex) -> {
			}))) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null && analysis.getCause() instanceof InvalidTelemetryConfigurationException) {
				return analysis;
			}
		}
		throw new AssertionError("No failure analysis of " + failure);
	}

	private static String[] traceLogging() {
		return VERBOSE_LOGGERS.stream().map((name) -> "logging.level." + name + "=trace").toArray(String[]::new);
	}

	private static String[] properties(String[] first, String... more) {
		return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
	}

	private static String refusedDsn() {
		return "http://" + DSN_TOKEN + "@127.0.0.1:" + OtlpReceiver.freePort() + "?grpc=" + OtlpReceiver.freePort();
	}

	private static PipelineSnapshot snapshot(ApplicationContext context, String backend) {
		return context.getBean(BackendPipelines.class).find(backend, Signal.TRACES).orElseThrow().snapshot();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
			OpenTelemetryTracingAutoConfiguration.class, DualExportAutoConfiguration.class,
			DualExportTracingAutoConfiguration.class })
	static class StartupFailureApplication {

	}

}
