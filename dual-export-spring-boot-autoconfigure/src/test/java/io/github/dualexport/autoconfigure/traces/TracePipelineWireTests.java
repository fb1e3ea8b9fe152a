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
package io.github.dualexport.autoconfigure.traces;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.TestSpans;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;
import io.github.dualexport.test.Transport;

import static io.github.dualexport.autoconfigure.WireTestBackends.grpc;
import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static io.github.dualexport.autoconfigure.WireTestBackends.properties;
import static io.github.dualexport.test.OtlpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Tests that spans reach every backend over real sockets, each through its own pipeline,
 * and that one backend's trouble does not touch the application or the other backends.
 *
 * @author Dual Export contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class TracePipelineWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(5);

	@RegisterExtension
	static final OtlpReceiverExtension first = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension second = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension third = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, OtlpTracingAutoConfiguration.class,
				DualExportAutoConfiguration.class, DualExportTracingAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0",
				"telemetry.defaults.traces.schedule-delay=100ms", "telemetry.defaults.signals=traces");

	@Test
	void twoHttpBackendsReceiveTheSameTraceAndSpanIds() {
		this.contextRunner.withPropertyValues(http("a", first), http("b", second)).run((context) -> {
			List<String> traceIds = emitSpans(context, 20);
			first.receiver().awaitSpans(20, DELIVERY);
			second.receiver().awaitSpans(20, DELIVERY);
			assertThat(first.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
			assertThat(second.receiver().traceIds()).isEqualTo(first.receiver().traceIds());
			assertThat(second.receiver().spanIds()).isEqualTo(first.receiver().spanIds());
			assertThat(first.receiver().requests()).extracting(ReceivedRequest::transport).containsOnly(Transport.HTTP);
		});
	}

	@Test
	void twoGrpcBackendsReceiveTheSameTraceAndSpanIds() {
		this.contextRunner.withPropertyValues(properties(grpc("a", first), grpc("b", second))).run((context) -> {
			List<String> traceIds = emitSpans(context, 20);
			first.receiver().awaitSpans(20, DELIVERY);
			second.receiver().awaitSpans(20, DELIVERY);
			assertThat(first.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
			assertThat(second.receiver().spanIds()).isEqualTo(first.receiver().spanIds());
			assertThat(first.receiver().requests()).extracting(ReceivedRequest::transport).containsOnly(Transport.GRPC);
		});
	}

	@Test
	void httpAndGrpcBackendsReceiveTheSameSpans() {
		this.contextRunner.withPropertyValues(properties(http("a", first), grpc("b", second))).run((context) -> {
			emitSpans(context, 10);
			first.receiver().awaitSpans(10, DELIVERY);
			second.receiver().awaitSpans(10, DELIVERY);
			assertThat(second.receiver().spanIds()).isEqualTo(first.receiver().spanIds());
		});
	}

	@Test
	void configuredHeadersAndCompressionReachTheReceiver() {
		this.contextRunner
			.withPropertyValues(properties(http("a", first), "telemetry.backends.a.headers.x-api-key=k-123",
					"telemetry.backends.a.compression=gzip", grpc("b", second),
					"telemetry.backends.b.headers.authorization=Bearer t-456", "telemetry.backends.b.compression=gzip",
					http("c", third), "telemetry.backends.c.compression=none"))
			.run((context) -> {
				emitSpans(context, 3);
				first.receiver().awaitSpans(3, DELIVERY);
				second.receiver().awaitSpans(3, DELIVERY);
				third.receiver().awaitSpans(3, DELIVERY);
				assertThat(first.receiver()).hasReceivedHeader("x-api-key", "k-123").hasReceivedCompression("gzip");
				assertThat(second.receiver()).hasReceivedHeader("authorization", "Bearer t-456")
					.hasReceivedCompression("gzip");
				assertThat(third.receiver()).hasReceivedCompression("none");
			});
	}

	@Test
	void uptracePresetSendsTheDsnHeaderToTheHostOfTheDsn() {
		String dsn = "http://project_token@127.0.0.1:" + first.receiver().httpPort() + "?grpc="
				+ first.receiver().grpcPort();
		this.contextRunner
			.withPropertyValues("telemetry.backends.uptrace.type=uptrace", "telemetry.backends.uptrace.dsn=" + dsn)
			.run((context) -> {
				emitSpans(context, 2);
				first.receiver().awaitSpans(2, DELIVERY);
				assertThat(first.receiver()).hasReceivedHeader("uptrace-dsn", dsn);
				assertThat(first.receiver().requests()).extracting(ReceivedRequest::path).containsOnly("/v1/traces");
			});
	}

	@Test
	void victoriaPresetPostsToTheVictoriaTracesPath() {
		this.contextRunner
			.withPropertyValues("telemetry.backends.victoria.type=victoria",
					"telemetry.backends.victoria.endpoint=" + first.httpEndpoint())
			.run((context) -> {
				emitSpans(context, 2);
				first.receiver().awaitSpans(2, DELIVERY);
				assertThat(first.receiver().requests()).extracting(ReceivedRequest::path)
					.containsOnly("/insert/opentelemetry/v1/traces");
			});
	}

	@Test
	void blackHoledBackendDoesNotDelayTheOtherBackend() {
		second.receiver().neverRespond();
		this.contextRunner.withPropertyValues(http("healthy", first), http("black-hole", second)).run((context) -> {
			emitSpans(context, 10);
			first.receiver().awaitSpans(10, DELIVERY);
			second.receiver().awaitRequests(io.github.dualexport.test.Signal.TRACES, 1, DELIVERY);
			emitSpans(context, 10);
			first.receiver().awaitSpans(20, DELIVERY);
			releaseHeldRequests(second);
		});
	}

	@Test
	void slowBackendDoesNotDelayTheOtherBackend() {
		second.receiver().respondAfter(Duration.ofSeconds(5));
		this.contextRunner.withPropertyValues(http("healthy", first), http("slow", second)).run((context) -> {
			emitSpans(context, 10);
			second.receiver().awaitRequests(io.github.dualexport.test.Signal.TRACES, 1, DELIVERY);
			emitSpans(context, 10);
			await().atMost(Duration.ofSeconds(3)).until(() -> first.receiver().spans().size() == 20);
			assertThat(second.receiver().requests()).allMatch((request) -> request.receivedAt() != null);
		});
	}

	@Test
	void fullQueueOfADeadBackendDropsAndCountsWithoutBlockingTheApplication() {
		second.receiver().neverRespond();
		this.contextRunner
			.withPropertyValues(http("healthy", first), "telemetry.backends.healthy.traces.max-queue-size=10000",
					http("dead", second), "telemetry.backends.dead.traces.max-queue-size=50",
					"telemetry.backends.dead.traces.max-export-batch-size=10")
			.run((context) -> {
				// Ending a span would never return if a full queue made the caller wait
				assertTimeoutPreemptively(Duration.ofSeconds(30), () -> emitSpans(context, 5000));
				first.receiver().awaitSpans(5000, Duration.ofSeconds(10));
				PipelineSnapshot dead = snapshot(context, "dead");
				assertThat(dead.dropped()).isGreaterThan(4000);
				assertThat(dead.queueCapacity()).isEqualTo(50);
				assertThat(snapshot(context, "healthy").dropped()).isZero();
				releaseHeldRequests(second);
			});
	}

	@Test
	void exportOutcomesAreRecordedPerBackend() {
		second.receiver().respondWithStatus(400);
		this.contextRunner.withPropertyValues(http("ok", first), http("rejecting", second)).run((context) -> {
			emitSpans(context, 5);
			first.receiver().awaitSpans(5, DELIVERY);
			await().atMost(DELIVERY).until(() -> snapshot(context, "rejecting").failed() == 5);
			PipelineSnapshot rejecting = snapshot(context, "rejecting");
			assertThat(rejecting.lastError()).startsWith("HTTP 400");
			assertThat(rejecting.lastFailure()).isNotNull();
			assertThat(rejecting.consecutiveFailures()).isPositive();
			await().atMost(DELIVERY).until(() -> snapshot(context, "ok").exported() == 5);
			assertThat(snapshot(context, "ok").lastSuccess()).isNotNull();
			assertThat(snapshot(context, "ok").failed()).isZero();
		});
	}

	@Test
	void bootsOwnOtlpExportKeepsWorkingBesideOursWithoutDoubleExport() {
		this.contextRunner
			.withPropertyValues(http("ours", first),
					"management.opentelemetry.tracing.export.otlp.endpoint=" + third.httpEndpoint() + "/v1/traces",
					"management.opentelemetry.tracing.export.schedule-delay=100ms")
			.run((context) -> {
				List<String> traceIds = emitSpans(context, 5);
				third.receiver().awaitSpans(5, DELIVERY);
				first.receiver().awaitSpans(5, DELIVERY);
				assertThat(third.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
				await().during(Duration.ofMillis(500))
					.atMost(DELIVERY)
					.until(() -> first.receiver().spans().size() == 5);
			});
	}

	@Test
	void queuedSpansAreFlushedToEveryBackendWhenTheContextCloses() {
		List<String> traceIds = new ArrayList<>();
		this.contextRunner
			.withPropertyValues(
					properties(http("a", first), grpc("b", second), "telemetry.defaults.traces.schedule-delay=60s"))
			.run((context) -> traceIds.addAll(emitSpans(context, 100)));
		assertThat(first.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
		assertThat(second.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
	}

	@Test
	void consoleBackendPrintsOtlpJsonLines(CapturedOutput output) {
		this.contextRunner.withPropertyValues("telemetry.backends.console.type=console").run((context) -> {
			List<String> traceIds = emitSpans(context, 1);
			await().atMost(DELIVERY).until(() -> output.getOut().contains("\"traceId\":\"" + traceIds.get(0) + "\""));
			assertThat(output.getOut()).contains("{\"resourceSpans\":[");
		});
	}

	private static void releaseHeldRequests(OtlpReceiverExtension receiver) {
		// Lets the context close without waiting for the hanging exports to time out
		receiver.receiver().respondNormally();
	}

	private static List<String> emitSpans(ApplicationContext context, int count) {
		return TestSpans.emit(context, count);
	}

	private static PipelineSnapshot snapshot(ApplicationContext context, String backend) {
		return context.getBean(BackendPipelines.class).find(backend, Signal.TRACES).orElseThrow().snapshot();
	}

}
