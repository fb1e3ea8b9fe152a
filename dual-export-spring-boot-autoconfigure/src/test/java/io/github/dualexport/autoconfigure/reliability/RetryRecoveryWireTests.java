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
package io.github.dualexport.autoconfigure.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dualexport.autoconfigure.WireTestBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.otel.OpenTelemetryVersions;
import io.github.dualexport.autoconfigure.otel.OptionalFeature;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.reliability.FaultInjection.Emitted;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;

import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.DELIVERY;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.NON_BLOCKING;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.emitSpans;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.logLines;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.receivedLogBodies;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.receivedSpanIds;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.signals;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fault-injection tests of how each signal's pipeline meets a backend that answers with
 * errors, over real sockets: retryable statuses ({@code 503} with {@code Retry-After},
 * {@code 429}) are retried until every item arrives and is counted exported, a
 * {@code 400} is given up after one request and counted failed, and retries that run out
 * are counted failed without harming what comes next. The application's own calls never
 * wait for the backend.
 *
 * @author Dual Export contributors
 */
class RetryRecoveryWireTests {

	private static final io.github.dualexport.test.Signal TRACES = io.github.dualexport.test.Signal.TRACES;

	private static final io.github.dualexport.test.Signal LOGS = io.github.dualexport.test.Signal.LOGS;

	private static final io.github.dualexport.test.Signal METRICS = io.github.dualexport.test.Signal.METRICS;

	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	@RegisterExtension
	static final OtlpReceiverExtension backend = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension other = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = FaultInjection.contextRunner();

	@Test
	void spansRefusedWith503AndRetryAfterAllArriveOnceTheBackendRecoversAndAreCountedExported() {
		backend.respondWithStatus(503, RETRY_AFTER);
		this.contextRunner.withPropertyValues(signals("traces"), http("a", backend)).run((context) -> {
			Emitted spans = emitSpans(context, 200);
			assertThat(spans.took()).isLessThan(NON_BLOCKING);
			backend.awaitRequests(TRACES, 1, DELIVERY);
			backend.respondNormally();
			await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).exported() == 200);
			assertThat(receivedSpanIds(backend)).containsExactlyInAnyOrderElementsOf(spans.ids());
			assertThat(backend.spans()).hasSize(200);
			List<ReceivedRequest> requests = backend.requests(TRACES);
			assertThat(requests.get(0).accepted()).isFalse();
			assertRetriedAfterTheAdvertisedDelay(requests);
			PipelineSnapshot a = snapshot(context, "a", Signal.TRACES);
			assertThat(a.failed()).isZero();
			assertThat(a.dropped()).isZero();
			assertThat(a.consecutiveFailures()).isZero();
			assertThat(a.queueSize()).isZero();
		});
	}

	@Test
	void logRecordsRefusedWith503AndRetryAfterAllArriveOnceTheBackendRecoversAndAreCountedExported() {
		backend.respondWithStatus(503, RETRY_AFTER);
		this.contextRunner.withPropertyValues(signals("logs"), http("a", backend)).run((context) -> {
			Emitted lines = logLines("Order placed", 200);
			assertThat(lines.took()).isLessThan(NON_BLOCKING);
			backend.awaitRequests(LOGS, 1, DELIVERY);
			backend.respondNormally();
			await().atMost(DELIVERY).until(() -> receivedLogBodies(backend).size() >= 200);
			assertThat(receivedLogBodies(backend)).containsExactlyElementsOf(lines.ids());
			List<ReceivedRequest> requests = backend.requests(LOGS);
			assertThat(requests.get(0).accepted()).isFalse();
			assertRetriedAfterTheAdvertisedDelay(requests);
			await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.LOGS).exported() >= 200);
			PipelineSnapshot a = snapshot(context, "a", Signal.LOGS);
			assertThat(a.failed()).isZero();
			assertThat(a.dropped()).isZero();
		});
	}

	@Test
	void metricPointsRefusedWith503AndRetryAfterAllArriveOnceTheBackendRecovers() {
		// Collections pile up behind the first only while its retries wait Retry-After
		assumeTrue(OpenTelemetryVersions.detect().supports(OptionalFeature.RETRY_AFTER),
				"Retry-After is honoured from OpenTelemetry " + OptionalFeature.RETRY_AFTER.since());
		backend.respondWithStatus(503, RETRY_AFTER);
		// Delta points: a collection lost on the way would leave the sum short
		this.contextRunner
			.withPropertyValues(signals("metrics"), http("a", backend),
					"telemetry.backends.a.metrics.temporality=delta")
			.run((context) -> {
				LongCounter orders = context.getBean(OpenTelemetry.class)
					.getMeter("fault-injection")
					.counterBuilder("reliability.orders")
					.build();
				AtomicLong total = new AtomicLong();
				orders.add(5);
				total.addAndGet(5);
				backend.awaitRequests(METRICS, 1, DELIVERY);
				// More collections pile up in the send queue while the first is retried
				for (int i = 1; i <= 3; i++) {
					long queued = snapshot(context, "a", Signal.METRICS).queueSize();
					orders.add(i);
					total.addAndGet(i);
					await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.METRICS).queueSize() > queued);
				}
				assertThat(backend.requests(METRICS)).noneMatch(ReceivedRequest::accepted);
				backend.respondNormally();
				await().atMost(DELIVERY).until(() -> sumOfDeltas(backend, "reliability.orders") == total.get());
				assertThat(snapshot(context, "a", Signal.METRICS).failed()).isZero();
				assertThat(snapshot(context, "a", Signal.METRICS).exported()).isPositive();
				assertThat(snapshot(context, "a", Signal.METRICS).dropped()).isZero();
			});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http", "grpc" })
	void spansRefusedWith429AreRetriedUntilTheyArriveAndAreCountedExported(String protocol) {
		backend.failNextRequests(2, 429);
		String[] properties = WireTestBackends.properties(signals("traces"),
				"http".equals(protocol) ? http("a", backend) : WireTestBackends.grpc("a", backend));
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			Emitted spans = emitSpans(context, 20);
			await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).exported() == 20);
			assertThat(receivedSpanIds(backend)).containsExactlyInAnyOrderElementsOf(spans.ids());
			assertThat(backend.requests(TRACES)).extracting(ReceivedRequest::accepted).startsWith(false, false, true);
			assertThat(snapshot(context, "a", Signal.TRACES).failed()).isZero();
			assertThat(snapshot(context, "a", Signal.TRACES).consecutiveFailures()).isZero();
		});
	}

	@Test
	void requestsRefusedWith400AreSentOnceCountedFailedAndDoNotTouchTheOtherBackend() {
		backend.respondWithStatus(400);
		// Same settings, same capture stage: both backends get the very same requests
		this.contextRunner.withPropertyValues(signals("traces,logs"), http("rejecting", backend), http("ok", other))
			.run((context) -> {
				int spans = 0;
				for (int batch = 1; batch <= 3; batch++) {
					assertThat(emitSpans(context, 10).took()).isLessThan(NON_BLOCKING);
					assertThat(logLines("Batch " + batch, 10).took()).isLessThan(NON_BLOCKING);
					spans += 10;
					int sent = spans;
					await().atMost(DELIVERY)
						.until(() -> other.spans().size() == sent && receivedLogBodies(other).size() == sent);
				}
				await().atMost(DELIVERY).until(() -> snapshot(context, "rejecting", Signal.TRACES).failed() == 30);
				await().atMost(DELIVERY).until(() -> snapshot(context, "rejecting", Signal.LOGS).failed() >= 30);
				// Never retried, neither by the sender nor by the send queue
				await().during(Duration.ofMillis(500))
					.atMost(DELIVERY)
					.until(() -> backend.requests(TRACES).size() == other.requests(TRACES).size()
							&& backend.requests(LOGS).size() == other.requests(LOGS).size());
				assertThat(backend.requests()).noneMatch(ReceivedRequest::accepted);
				for (Signal signal : List.of(Signal.TRACES, Signal.LOGS)) {
					PipelineSnapshot rejecting = snapshot(context, "rejecting", signal);
					PipelineSnapshot ok = snapshot(context, "ok", signal);
					assertThat(rejecting.group()).isEqualTo(ok.group());
					assertThat(rejecting.lastError()).startsWith("HTTP 400");
					assertThat(rejecting.exported()).isZero();
					assertThat(rejecting.dropped()).isZero();
					assertThat(rejecting.consecutiveFailures()).isPositive();
					assertThat(rejecting.queueSize()).isZero();
					assertThat(ok.failed()).isZero();
				}
				assertThat(snapshot(context, "ok", Signal.TRACES).exported()).isEqualTo(30);
			});
	}

	@Test
	void requestWhoseRetriesRunOutIsCountedFailedAndTheBackendRecoversForLaterRequests() {
		backend.respondWithStatus(503);
		this.contextRunner
			.withPropertyValues(signals("traces"), http("a", backend), "telemetry.backends.a.retry.max-attempts=3")
			.run((context) -> {
				emitSpans(context, 10);
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).failed() == 10);
				// Exactly the configured attempts per request, then given up
				await().during(Duration.ofMillis(500))
					.atMost(DELIVERY)
					.until(() -> backend.requests(TRACES).size() == 3
							* snapshot(context, "a", Signal.TRACES).consecutiveFailures());
				PipelineSnapshot failing = snapshot(context, "a", Signal.TRACES);
				assertThat(failing.lastError()).isEqualTo("HTTP 503 Service Unavailable");
				assertThat(failing.consecutiveFailures()).isPositive();
				assertThat(failing.lastFailure()).isNotNull();
				assertThat(failing.exported()).isZero();
				backend.respondNormally();
				Emitted later = emitSpans(context, 10);
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).exported() == 10);
				// A memory buffer does not keep what failed: only the later spans arrive
				assertThat(receivedSpanIds(backend)).containsExactlyInAnyOrderElementsOf(later.ids());
				PipelineSnapshot recovered = snapshot(context, "a", Signal.TRACES);
				assertThat(recovered.failed()).isEqualTo(10);
				assertThat(recovered.consecutiveFailures()).isZero();
				assertThat(recovered.lastSuccess()).isAfter(recovered.lastFailure());
			});
	}

	private static void assertRetriedAfterTheAdvertisedDelay(List<ReceivedRequest> requests) {
		// One request at a time per backend: the second is the first one's retry
		assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
		if (OpenTelemetryVersions.detect().supports(OptionalFeature.RETRY_AFTER)) {
			Duration waited = Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt());
			assertThat(waited).isGreaterThanOrEqualTo(RETRY_AFTER.minusMillis(100));
		}
	}

	private static long sumOfDeltas(OtlpReceiverExtension receiver, String name) {
		return receiver.metrics()
			.stream()
			.filter((metric) -> metric.getName().equals(name))
			.flatMap((metric) -> metric.getSum().getDataPointsList().stream())
			.mapToLong(NumberDataPoint::getAsInt)
			.sum();
	}

}
