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
package io.github.dualexport.autoconfigure.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.TestSpans;
import io.github.dualexport.autoconfigure.WireTestBackends;
import io.github.dualexport.autoconfigure.backend.InvalidTelemetryConfigurationException;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.logs.DualExportLoggingAutoConfiguration;
import io.github.dualexport.autoconfigure.otel.OpenTelemetryVersions;
import io.github.dualexport.autoconfigure.otel.OptionalFeature;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.traces.DualExportTracingAutoConfiguration;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;
import io.github.dualexport.test.TestCertificates;
import io.github.dualexport.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests {@code telemetry.backends.<name>.ssl.bundle} over real TLS sockets, both over
 * http/protobuf and gRPC: a Spring Boot SSL bundle trusting the test CA is what lets a
 * backend reach a TLS receiver, a bundle holding a client key is what lets it pass mutual
 * TLS, and a backend whose TLS fails records its failure without touching the application
 * or the other backends. Also tests the startup report of a bundle that does not exist.
 *
 * @author Dual Export contributors
 */
class TlsWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(5);

	private static final String LOGGER_NAME = "io.github.dualexport.wiretest.TlsOrders";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	/**
	 * What a TLS failure's {@code lastError} reads like: the handshake exception, a
	 * certificate path or alert, whatever the transport.
	 */
	private static final String TLS_PROBLEM = "(?is).*(ssl|handshake|certificate|pkix).*";

	/**
	 * What a refused client certificate reads like over TLS 1.3 to the JDK's https
	 * server: the client finishes its side of the handshake before the server checks the
	 * certificate, and the server then drops the connection without an alert the client
	 * reads, so OkHttp sees the connection end instead.
	 */
	private static final String DROPPED_AFTER_HANDSHAKE = "(?is).*(ssl|handshake|certificate|pkix|"
			+ "unexpected end of stream|connection reset|broken pipe).*";

	@RegisterExtension
	static final OtlpReceiverExtension tls = new OtlpReceiverExtension(TestCertificates.serverTls());

	@RegisterExtension
	static final OtlpReceiverExtension mutualTls = new OtlpReceiverExtension(TestCertificates.mutualTls());

	@RegisterExtension
	static final OtlpReceiverExtension otherMutualTls = new OtlpReceiverExtension(TestCertificates.mutualTls());

	@RegisterExtension
	static final OtlpReceiverExtension plain = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class,
				DualExportAutoConfiguration.class, DualExportTracingAutoConfiguration.class,
				DualExportLoggingAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0", "telemetry.defaults.signals=traces",
				"telemetry.defaults.traces.schedule-delay=100ms", "telemetry.defaults.logs.schedule-delay=100ms",
				"telemetry.defaults.retry.max-attempts=2", "telemetry.defaults.retry.initial-backoff=100ms",
				"telemetry.defaults.retry.max-backoff=200ms", "telemetry.defaults.timeout=3s",
				truststore("test-ca", TestCertificates.caCertificate()),
				truststore("other-ca", TestCertificates.otherCaCertificate()),
				truststore("client", TestCertificates.caCertificate()),
				"spring.ssl.bundle.pem.client.keystore.certificate=" + file(TestCertificates.clientCertificate()),
				"spring.ssl.bundle.pem.client.keystore.private-key=" + file(TestCertificates.clientPrivateKey()));

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void backendTrustingTheTestCaThroughItsSslBundleDeliversSpansAndLogsToATlsReceiver(String protocol) {
		this.contextRunner
			.withPropertyValues(backend("a", tls, protocol, "telemetry.backends.a.ssl.bundle=test-ca",
					"telemetry.backends.a.signals=traces,logs"))
			.run((context) -> {
				assertThat(tls.httpEndpoint()).startsWith("https://");
				List<String> traceIds = TestSpans.emit(context, 5);
				logger.info("Order shipped over TLS");
				tls.receiver().awaitSpans(5, DELIVERY);
				assertThat(tls.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
				assertThat(tls.awaitLogRecords(LOGGER_NAME, 1, DELIVERY).get(0).getBody().getStringValue())
					.isEqualTo("Order shipped over TLS");
				assertThat(tls.requests()).extracting(ReceivedRequest::transport).containsOnly(transport(protocol));
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).exported() == 5);
				assertThat(snapshot(context, "a", Signal.TRACES).failed()).isZero();
				assertThat(snapshot(context, "a", Signal.LOGS).failed()).isZero();
			});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void defaultSslBundleAppliesToEveryBackend(String protocol) {
		this.contextRunner.withPropertyValues(backend("a", tls, protocol, "telemetry.defaults.ssl.bundle=test-ca"))
			.run((context) -> {
				List<String> traceIds = TestSpans.emit(context, 3);
				tls.receiver().awaitSpans(3, DELIVERY);
				assertThat(tls.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
			});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void backendPresentingTheClientCertificateOfItsBundleDeliversWhileABackendWithoutOneFailsAlone(String protocol) {
		this.contextRunner
			.withPropertyValues(backend("mutual", mutualTls, protocol, "telemetry.backends.mutual.ssl.bundle=client"))
			.withPropertyValues(backend("no-client-key", otherMutualTls, protocol,
					"telemetry.backends.no-client-key.ssl.bundle=test-ca"))
			.run((context) -> {
				List<String> traceIds = new ArrayList<>(TestSpans.emit(context, 5));
				await().atMost(DELIVERY).until(() -> snapshot(context, "no-client-key", Signal.TRACES).failed() > 0);
				traceIds.addAll(TestSpans.emit(context, 5));
				mutualTls.receiver().awaitSpans(10, DELIVERY);
				assertThat(mutualTls.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
				assertThat(mutualTls.requests()).extracting(ReceivedRequest::transport)
					.containsOnly(transport(protocol));
				await().atMost(DELIVERY).until(() -> snapshot(context, "mutual", Signal.TRACES).exported() == 10);
				assertThat(snapshot(context, "mutual", Signal.TRACES).failed()).isZero();
				PipelineSnapshot failing = snapshot(context, "no-client-key", Signal.TRACES);
				assertThat(failing.exported()).isZero();
				assertThat(failing.lastError())
					.matches("grpc".equals(protocol) ? TLS_PROBLEM : DROPPED_AFTER_HANDSHAKE);
				assertThat(otherMutualTls.requests()).isEmpty();
			});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void bundleTrustingOnlyAnUnrelatedCaFailsTheHandshakeWithoutTouchingTheApplication(String protocol) {
		this.contextRunner
			.withPropertyValues(backend("mismatch", tls, protocol, "telemetry.backends.mismatch.ssl.bundle=other-ca"))
			.withPropertyValues(backend("healthy", plain, protocol))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<String> traceIds = TestSpans.emit(context, 5);
				await().atMost(DELIVERY).until(() -> snapshot(context, "mismatch", Signal.TRACES).failed() == 5);
				PipelineSnapshot mismatch = snapshot(context, "mismatch", Signal.TRACES);
				assertThat(mismatch.exported()).isZero();
				assertThat(mismatch.consecutiveFailures()).isPositive();
				assertThat(mismatch.lastError()).matches(TLS_PROBLEM);
				plain.receiver().awaitSpans(5, DELIVERY);
				assertThat(plain.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
				assertThat(tls.requests()).isEmpty();
			});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void withoutSslBundleTheJvmTrustStoreDoesNotTrustTheTestCa(String protocol) {
		this.contextRunner.withPropertyValues(backend("a", tls, protocol)).run((context) -> {
			TestSpans.emit(context, 3);
			await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).failed() == 3);
			assertThat(snapshot(context, "a", Signal.TRACES).lastError()).matches(TLS_PROBLEM);
			assertThat(snapshot(context, "a", Signal.TRACES).exported()).isZero();
			assertThat(tls.requests()).isEmpty();
		});
	}

	@Test
	void enabledProtocolsOfTheSslBundleAreHonoured() {
		assumeTrue(OpenTelemetryVersions.detect().supports(OptionalFeature.TLS_ENABLED_PROTOCOLS),
				"Enabled protocols are applied from OpenTelemetry " + OptionalFeature.TLS_ENABLED_PROTOCOLS.since());
		this.contextRunner
			.withPropertyValues(backend("a", tls, "http/protobuf", "telemetry.backends.a.ssl.bundle=tls11-only",
					truststore("tls11-only", TestCertificates.caCertificate()),
					"spring.ssl.bundle.pem.tls11-only.options.enabled-protocols=TLSv1.1"))
			.run((context) -> {
				// The JVM disables TLS 1.1: a sender honouring the bundle cannot connect,
				// one ignoring it negotiates TLS 1.3 and delivers
				TestSpans.emit(context, 3);
				await().atMost(DELIVERY).until(() -> {
					PipelineSnapshot snapshot = snapshot(context, "a", Signal.TRACES);
					return snapshot.failed() + snapshot.exported() == 3;
				});
				assertThat(snapshot(context, "a", Signal.TRACES).failed()).isEqualTo(3);
				assertThat(tls.requests()).isEmpty();
			});
	}

	@Test
	void sslBundleThatDoesNotExistFailsStartupNamingThePropertyAndTheFix() {
		FailureAnalysis analysis = startupFailure(this.contextRunner,
				backend("a", tls, "http/protobuf", "telemetry.backends.a.ssl.bundle=no-such-bundle"));
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.a.ssl.bundle")
			.contains("Value: \"no-such-bundle\"")
			.contains("No SSL bundle has that name");
		assertThat(analysis.getAction()).contains("telemetry.backends.a.ssl.bundle: ")
			.contains("spring.ssl.bundle.pem.no-such-bundle")
			.contains("fix the name");
	}

	@Test
	void sslBundleWithoutAnySslBundlesFailsStartupNamingThePropertyAndTheFix() {
		ApplicationContextRunner withoutSslBundles = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, DualExportAutoConfiguration.class,
					DualExportTracingAutoConfiguration.class))
			.withPropertyValues("telemetry.defaults.signals=traces");
		FailureAnalysis analysis = startupFailure(withoutSslBundles,
				backend("a", tls, "http/protobuf", "telemetry.backends.a.ssl.bundle=backend-ca"));
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.a.ssl.bundle")
			.contains("No SSL bundles are configured");
		assertThat(analysis.getAction()).contains("telemetry.backends.a.ssl.bundle: ")
			.contains("spring.ssl.bundle.pem.backend-ca");
	}

	@Test
	void unknownDefaultSslBundleIsReportedUnderTheDefaultsProperty() {
		FailureAnalysis analysis = startupFailure(this.contextRunner,
				backend("a", tls, "http/protobuf", "telemetry.defaults.ssl.bundle=no-such-bundle"));
		assertThat(analysis.getDescription()).contains("Property: telemetry.defaults.ssl.bundle")
			.doesNotContain("telemetry.backends.a.ssl.bundle");
	}

	@Test
	void unknownSslBundlesOfEveryBackendAreReportedTogether() {
		FailureAnalysis analysis = startupFailure(this.contextRunner,
				backend("a", tls, "http/protobuf", "telemetry.backends.a.ssl.bundle=missing-a"),
				backend("b", tls, "http/protobuf", "telemetry.backends.b.ssl.bundle=missing-b"));
		assertThat(analysis.getDescription()).contains("Property: telemetry.backends.a.ssl.bundle",
				"Property: telemetry.backends.b.ssl.bundle");
	}

	private static FailureAnalysis startupFailure(ApplicationContextRunner runner, String[]... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		ApplicationContextRunner configured = runner;
		for (String[] group : properties) {
			configured = configured.withPropertyValues(group);
		}
		configured.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).hasRootCauseInstanceOf(InvalidTelemetryConfigurationException.class);
			for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
				.load(FailureAnalyzer.class, FailureHandler.handleMessage((message, ex) -> {
				}))) {
				FailureAnalysis result = analyzer.analyze(failure);
				if (result != null && result.getCause() instanceof InvalidTelemetryConfigurationException) {
					analysis[0] = result;
					return;
				}
			}
		});
		assertThat(analysis[0]).as("failure analysis").isNotNull();
		return analysis[0];
	}

	private static String[] backend(String name, OtlpReceiverExtension receiver, String protocol,
			String... properties) {
		String endpoint = "grpc".equals(protocol) ? WireTestBackends.grpc(name, receiver)
				: WireTestBackends.http(name, receiver);
		List<String> all = new ArrayList<>(List.of(WireTestBackends.properties(endpoint)));
		all.addAll(List.of(properties));
		return all.toArray(String[]::new);
	}

	private static Transport transport(String protocol) {
		return "grpc".equals(protocol) ? Transport.GRPC : Transport.HTTP;
	}

	private static String truststore(String bundle, Path certificate) {
		return "spring.ssl.bundle.pem." + bundle + ".truststore.certificate=" + file(certificate);
	}

	private static String file(Path path) {
		return "file:" + path.toAbsolutePath();
	}

	private static PipelineSnapshot snapshot(ApplicationContext context, String backend, Signal signal) {
		return context.getBean(BackendPipelines.class).find(backend, signal).orElseThrow().snapshot();
	}

}
