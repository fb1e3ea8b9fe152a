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
package io.github.dualexport.autoconfigure.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.TestSpans;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.endpoint.TelemetryBackendsEndpoint;
import io.github.dualexport.autoconfigure.logs.DualExportLoggingAutoConfiguration;
import io.github.dualexport.autoconfigure.metrics.DualExportMetricsAutoConfiguration;
import io.github.dualexport.autoconfigure.traces.DualExportTracingAutoConfiguration;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;

import static io.github.dualexport.autoconfigure.WireTestBackends.grpc;
import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static io.github.dualexport.autoconfigure.WireTestBackends.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests how backends are sorted into groups that share a capture stage, and that the
 * backends of one group receive the very same requests while keeping their own send
 * queues.
 *
 * @author Dual Export contributors
 */
class CaptureGroupsWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(5);

	@RegisterExtension
	static final OtlpReceiverExtension first = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension second = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class,
				DualExportAutoConfiguration.class, DualExportTracingAutoConfiguration.class,
				DualExportMetricsAutoConfiguration.class, DualExportLoggingAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0", "telemetry.logs.capture.enabled=false",
				"telemetry.defaults.traces.schedule-delay=100ms");

	@Test
	void backendsWithTheSameSettingsShareOneCaptureStagePerSignal() {
		this.contextRunner.withPropertyValues(http("a", first), http("b", second)).run((context) -> {
			assertThat(((SignalPipelines<?>) context.getBean("telemetryTracePipelines")).stages()).hasSize(1);
			assertThat(groups(context)).containsOnly(Map.entry("traces-1", List.of("a", "b")),
					Map.entry("metrics-1", List.of("a", "b")), Map.entry("logs-1", List.of("a", "b")));
		});
	}

	@Test
	void theSeedsPairSharesOneCaptureStagePerSignal() {
		String dsn = "http://project_token@127.0.0.1:" + second.receiver().httpPort();
		this.contextRunner
			.withPropertyValues("telemetry.backends.victoria.type=victoria",
					"telemetry.backends.victoria.endpoint=" + first.httpEndpoint(),
					"telemetry.backends.uptrace.type=uptrace", "telemetry.backends.uptrace.dsn=" + dsn)
			.run((context) -> assertThat(groups(context)).containsOnly(
					Map.entry("traces-1", List.of("victoria", "uptrace")),
					Map.entry("metrics-1", List.of("victoria", "uptrace")),
					Map.entry("logs-1", List.of("victoria", "uptrace"))));
	}

	@Test
	void transportAndCompressionDoNotSplitAGroup() {
		this.contextRunner
			.withPropertyValues(properties(http("a", first), "telemetry.backends.a.compression=none", grpc("b", second),
					"telemetry.backends.b.compression=gzip"))
			.run((context) -> assertThat(groups(context)).containsEntry("traces-1", List.of("a", "b"))
				.doesNotContainKey("traces-2"));
	}

	@Test
	void backendsNeedingDifferentDataGetTheirOwnCaptureStage() {
		this.contextRunner
			.withPropertyValues(http("plain", first), http("same", first), http("sampled", first),
					"telemetry.backends.sampled.traces.sampling.ratio=0.5", http("redacted", first),
					"telemetry.backends.redacted.redact.attributes=enduser.id", http("small", first),
					"telemetry.backends.small.traces.max-queue-size=1000", http("delta", first),
					"telemetry.backends.delta.metrics.temporality=delta", http("warnings", first),
					"telemetry.backends.warnings.logs.min-severity=warn")
			.run((context) -> {
				Map<String, List<String>> groups = groups(context);
				assertThat(groups).containsEntry("traces-1", List.of("plain", "same", "delta", "warnings"))
					.containsEntry("traces-2", List.of("sampled"))
					.containsEntry("traces-3", List.of("redacted"))
					.containsEntry("traces-4", List.of("small"));
				// One collection for every backend of an interval, encoded per
				// temporality and
				// redaction
				assertThat(groups)
					.containsEntry("metrics-1",
							List.of("plain", "same", "sampled", "small", "warnings", "redacted", "delta"))
					.doesNotContainKey("metrics-2");
				assertThat(groups).containsEntry("logs-1", List.of("plain", "same", "sampled", "small", "delta"))
					.containsEntry("logs-2", List.of("redacted"))
					.containsEntry("logs-3", List.of("warnings"));
				assertThat(snapshot(context, "sampled").group()).isEqualTo("traces-2");
			});
	}

	@Test
	void theBackendsOfAGroupReceiveTheSameRequests() {
		this.contextRunner
			.withPropertyValues(http("a", first), http("b", second), "telemetry.defaults.signals=traces",
					"telemetry.defaults.traces.max-export-batch-size=16")
			.run((context) -> {
				TestSpans.emit(context, 100);
				first.receiver().awaitSpans(100, DELIVERY);
				second.receiver().awaitSpans(100, DELIVERY);
				List<byte[]> firstBodies = first.receiver().requests().stream().map(ReceivedRequest::body).toList();
				List<byte[]> secondBodies = second.receiver().requests().stream().map(ReceivedRequest::body).toList();
				assertThat(firstBodies).hasSizeGreaterThan(1);
				assertThat(secondBodies).hasSameSizeAs(firstBodies);
				for (int i = 0; i < firstBodies.size(); i++) {
					assertThat(secondBodies.get(i)).isEqualTo(firstBodies.get(i));
				}
			});
	}

	@Test
	void aBlackHoledBackendDoesNotDelayTheOtherBackendsOfItsGroup() {
		second.receiver().neverRespond();
		this.contextRunner
			.withPropertyValues(http("healthy", first), http("dead", second), "telemetry.defaults.signals=traces",
					"telemetry.defaults.timeout=30s")
			.run((context) -> {
				assertThat(groups(context)).containsEntry("traces-1", List.of("healthy", "dead"));
				TestSpans.emit(context, 10);
				first.receiver().awaitSpans(10, DELIVERY);
				second.receiver().awaitRequests(io.github.dualexport.test.Signal.TRACES, 1, DELIVERY);
				TestSpans.emit(context, 10);
				first.receiver().awaitSpans(20, DELIVERY);
				// The request in flight stays queued until the backend answers
				await().atMost(DELIVERY).until(() -> snapshot(context, "dead").queueSize() == 20);
				assertThat(snapshot(context, "healthy").queueSize()).isZero();
			});
	}

	private static Map<String, List<String>> groups(ApplicationContext context) {
		return new TelemetryBackendsEndpoint(
				context.getBean(io.github.dualexport.autoconfigure.backend.ResolvedBackends.class),
				context.getBean(BackendPipelines.class))
			.backends()
			.groups();
	}

	private static PipelineSnapshot snapshot(ApplicationContext context, String backend) {
		return context.getBean(BackendPipelines.class).find(backend, Signal.TRACES).orElseThrow().snapshot();
	}

}
