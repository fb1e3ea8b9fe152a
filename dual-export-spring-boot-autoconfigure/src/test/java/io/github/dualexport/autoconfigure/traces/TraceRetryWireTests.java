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
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.TestSpans;
import io.github.dualexport.autoconfigure.WireTestBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.otel.OpenTelemetryVersions;
import io.github.dualexport.autoconfigure.otel.OptionalFeature;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.test.OtlpReceiver;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Tests how a backend's retry settings meet a failing receiver: retryable statuses (with
 * {@code Retry-After}) are retried until the data arrives, other 4xx are not, and every
 * failure is recorded with its cause.
 *
 * @author Dual Export contributors
 */
class TraceRetryWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	@RegisterExtension
	static final OtlpReceiverExtension backend = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, DualExportAutoConfiguration.class,
				DualExportTracingAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0", "telemetry.defaults.signals=traces",
				"telemetry.defaults.traces.schedule-delay=100ms", "telemetry.defaults.retry.initial-backoff=100ms",
				"telemetry.defaults.retry.max-backoff=2s");

	@Test
	void serviceUnavailableWithRetryAfterIsRetriedAfterTheAdvertisedDelayUntilTheDataArrives() {
		assumeTrue(OpenTelemetryVersions.detect().supports(OptionalFeature.RETRY_AFTER),
				"Retry-After is honoured from OpenTelemetry " + OptionalFeature.RETRY_AFTER.since());
		backend.receiver().respondWithStatus(503, Duration.ofSeconds(1));
		this.contextRunner.withPropertyValues(WireTestBackends.http("a", backend)).run((context) -> {
			List<String> traceIds = emitSpans(context, 5);
			backend.receiver().awaitRequests(io.github.dualexport.test.Signal.TRACES, 1, DELIVERY);
			backend.receiver().respondNormally();
			backend.receiver().awaitSpans(5, DELIVERY);
			assertThat(backend.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
			List<ReceivedRequest> requests = backend.receiver().requests();
			assertThat(requests.get(0).accepted()).isFalse();
			Duration waited = Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt());
			assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(900));
			await().atMost(DELIVERY).until(() -> snapshot(context).exported() == 5);
			assertThat(snapshot(context).failed()).isZero();
		});
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 429, 502, 503, 504 })
	void retryableStatusIsRetried(int status) {
		backend.receiver().failNextRequests(2, status);
		this.contextRunner.withPropertyValues(WireTestBackends.http("a", backend)).run((context) -> {
			List<String> traceIds = emitSpans(context, 3);
			backend.receiver().awaitSpans(3, DELIVERY);
			assertThat(backend.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
			assertThat(backend.receiver().requests()).extracting(ReceivedRequest::accepted)
				.containsExactly(false, false, true);
		});
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 400, 401, 413 })
	void clientErrorIsNotRetriedAndIsRecordedWithItsStatus(int status) {
		backend.receiver().respondWithStatus(status);
		this.contextRunner.withPropertyValues(WireTestBackends.http("a", backend)).run((context) -> {
			emitSpans(context, 3);
			await().atMost(DELIVERY).until(() -> snapshot(context).failed() == 3);
			await().during(Duration.ofMillis(500))
				.atMost(DELIVERY)
				.until(() -> backend.receiver().requests().size() == 1);
			assertThat(snapshot(context).lastError()).startsWith("HTTP " + status);
		});
	}

	@Test
	void retryCanBeSwitchedOff() {
		backend.receiver().failNextRequests(1, 503);
		this.contextRunner
			.withPropertyValues(WireTestBackends.http("a", backend), "telemetry.backends.a.retry.enabled=false")
			.run((context) -> {
				emitSpans(context, 2);
				await().atMost(DELIVERY).until(() -> snapshot(context).failed() == 2);
				await().during(Duration.ofMillis(500))
					.atMost(DELIVERY)
					.until(() -> backend.receiver().requests().size() == 1);
			});
	}

	@Test
	void refusedConnectionIsRecordedAsAFailureWithItsCause() {
		this.contextRunner
			.withPropertyValues("telemetry.backends.a.endpoint=http://127.0.0.1:" + OtlpReceiver.freePort(),
					"telemetry.backends.a.retry.max-attempts=2")
			.run((context) -> {
				emitSpans(context, 2);
				await().atMost(DELIVERY).until(() -> snapshot(context).failed() == 2);
				assertThat(snapshot(context).lastError()).startsWith("ConnectException");
				assertThat(snapshot(context).consecutiveFailures()).isPositive();
			});
	}

	@Test
	void grpcUnavailableIsRetriedUntilTheDataArrives() {
		backend.receiver().failNextRequests(2, 503);
		this.contextRunner.withPropertyValues(WireTestBackends.properties(WireTestBackends.grpc("a", backend)))
			.run((context) -> {
				List<String> traceIds = emitSpans(context, 3);
				backend.receiver().awaitSpans(3, DELIVERY);
				assertThat(backend.receiver().traceIds()).containsExactlyInAnyOrderElementsOf(traceIds);
				assertThat(backend.receiver().requests()).extracting(ReceivedRequest::accepted)
					.containsExactly(false, false, true);
			});
	}

	private static List<String> emitSpans(ApplicationContext context, int count) {
		return TestSpans.emit(context, count);
	}

	private static PipelineSnapshot snapshot(ApplicationContext context) {
		return context.getBean(BackendPipelines.class).find("a", Signal.TRACES).orElseThrow().snapshot();
	}

}
