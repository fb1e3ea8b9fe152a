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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dualexport.autoconfigure.WireTestBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.reliability.FaultInjection.Emitted;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;

import static io.github.dualexport.autoconfigure.WireTestBackends.grpc;
import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.DELIVERY;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.NON_BLOCKING;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.emitSpans;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.logLines;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.receivedLogBodies;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.receivedSpanIds;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.requestFiles;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.signals;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault-injection tests of the disk buffer over real sockets: what a backend could not
 * take while it was down stays on disk across an application restart and arrives once the
 * backend is back, over http and gRPC; at its size cap the buffer evicts the oldest
 * requests, counted as dropped, so that the newest arrive; a request the backend rejects
 * for good is given up and deleted.
 *
 * @author Dual Export contributors
 */
class DiskBufferWireTests {

	private static final io.github.dualexport.test.Signal TRACES = io.github.dualexport.test.Signal.TRACES;

	@RegisterExtension
	static final OtlpReceiverExtension httpBackend = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension grpcBackend = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = FaultInjection.contextRunner();

	@Test
	void spansAndLogsKeptOnDiskWhileTheBackendIsDownArriveAfterAnApplicationRestart(@TempDir Path directory) {
		httpBackend.stop();
		grpcBackend.stop();
		// Not split at commas: the signals property holds one
		String signals = signals("traces,logs");
		String[] backendProperties = WireTestBackends.properties(http("over-http", httpBackend),
				grpc("over-grpc", grpcBackend), "telemetry.defaults.buffer.type=disk",
				"telemetry.defaults.buffer.directory=" + directory);
		ApplicationContextRunner application = this.contextRunner.withPropertyValues(signals)
			.withPropertyValues(backendProperties);
		List<String> backends = List.of("over-http", "over-grpc");
		List<String> spanIds = new ArrayList<>();
		List<String> bodies = new ArrayList<>();
		AtomicLong closing = new AtomicLong();
		application.run((first) -> {
			Emitted spans = emitSpans(first, 200);
			Emitted lines = logLines("Order placed", 100);
			assertThat(spans.took()).isLessThan(NON_BLOCKING);
			assertThat(lines.took()).isLessThan(NON_BLOCKING);
			spanIds.addAll(spans.ids());
			bodies.addAll(lines.ids());
			for (String backend : backends) {
				// Written to disk and tried, in vain, at least once
				await().atMost(DELIVERY)
					.until(() -> snapshot(first, backend, Signal.TRACES).queueSize() == 200
							&& snapshot(first, backend, Signal.TRACES).consecutiveFailures() > 0
							&& snapshot(first, backend, Signal.LOGS).queueSize() >= 100);
				assertThat(snapshot(first, backend, Signal.TRACES).dropped()).isZero();
				assertThat(snapshot(first, backend, Signal.TRACES).exported()).isZero();
			}
			closing.set(System.nanoTime());
		});
		// The shutdown does not wait for a backend that is down: the data stays on disk
		assertThat(Duration.ofNanos(System.nanoTime() - closing.get())).isLessThan(Duration.ofSeconds(5));
		for (String backend : backends) {
			assertThat(requestFiles(directory.resolve(backend).resolve("traces"))).isNotEmpty();
			assertThat(requestFiles(directory.resolve(backend).resolve("logs"))).isNotEmpty();
		}
		httpBackend.restart();
		grpcBackend.restart();
		application.run((second) -> {
			for (OtlpReceiverExtension receiver : List.of(httpBackend, grpcBackend)) {
				// Exactly once is not promised, nothing lost is
				await().atMost(DELIVERY).until(() -> receivedSpanIds(receiver).containsAll(spanIds));
				await().atMost(DELIVERY).until(() -> Set.copyOf(receivedLogBodies(receiver)).containsAll(bodies));
				assertThat(receivedSpanIds(receiver)).containsExactlyInAnyOrderElementsOf(spanIds);
				assertThat(Set.copyOf(receivedLogBodies(receiver))).containsExactlyInAnyOrderElementsOf(bodies);
			}
			for (String backend : backends) {
				await().atMost(DELIVERY)
					.until(() -> requestFiles(directory.resolve(backend).resolve("traces")).isEmpty()
							&& requestFiles(directory.resolve(backend).resolve("logs")).isEmpty());
				PipelineSnapshot traces = snapshot(second, backend, Signal.TRACES);
				assertThat(traces.exported()).isEqualTo(200);
				assertThat(traces.queueSize()).isZero();
				assertThat(traces.dropped()).isZero();
				assertThat(snapshot(second, backend, Signal.LOGS).exported()).isGreaterThanOrEqualTo(100);
			}
		});
	}

	@Test
	void oldestRequestsAreEvictedAtTheSizeCapWhileTheBackendIsDownAndTheNewestArriveAfterRecovery(
			@TempDir Path directory) {
		httpBackend.stop();
		// Three requests of ten spans fit, a 4 KiB block each: each round evicts the
		// oldest
		this.contextRunner.withPropertyValues(signals("traces"), http("capped", httpBackend),
				"telemetry.backends.capped.buffer.type=disk", "telemetry.backends.capped.buffer.directory=" + directory,
				"telemetry.backends.capped.buffer.max-size=12KB", "telemetry.backends.capped.retry.enabled=false")
			.run((context) -> {
				List<String> spanIds = new ArrayList<>();
				for (int round = 0; round < 10; round++) {
					spanIds.addAll(emitSpans(context, 10).ids());
					int emitted = spanIds.size();
					await().atMost(DELIVERY).until(() -> {
						PipelineSnapshot capped = snapshot(context, "capped", Signal.TRACES);
						return capped.queueSize() + capped.dropped() == emitted;
					});
				}
				PipelineSnapshot full = snapshot(context, "capped", Signal.TRACES);
				assertThat(full.dropped()).isGreaterThanOrEqualTo(50);
				assertThat(full.queueBytes()).isLessThanOrEqualTo(12 * 1024);
				assertThat(full.exported()).isZero();
				httpBackend.restart();
				await().atMost(DELIVERY).until(() -> snapshot(context, "capped", Signal.TRACES).queueSize() == 0);
				PipelineSnapshot recovered = snapshot(context, "capped", Signal.TRACES);
				int evicted = (int) recovered.dropped();
				assertThat(evicted).isEqualTo(full.dropped());
				assertThat(recovered.exported()).isEqualTo(spanIds.size() - evicted);
				// Oldest out first: what arrived is the newest spans
				assertThat(receivedSpanIds(httpBackend))
					.containsExactlyInAnyOrderElementsOf(spanIds.subList(evicted, spanIds.size()));
				assertThat(requestFiles(directory.resolve("capped").resolve("traces"))).isEmpty();
			});
	}

	@Test
	void requestKeptOnDiskIsSentAgainAfterGrpcUnavailableUntilTheBackendTakesIt(@TempDir Path directory) {
		grpcBackend.respondWithStatus(503);
		this.contextRunner
			.withPropertyValues(WireTestBackends.properties(signals("traces"), grpc("a", grpcBackend),
					"telemetry.backends.a.buffer.type=disk", "telemetry.backends.a.buffer.directory=" + directory,
					"telemetry.backends.a.retry.max-attempts=2"))
			.run((context) -> {
				Emitted spans = emitSpans(context, 10);
				// Two rounds of two refused attempts: kept, then sent again
				grpcBackend.awaitRequests(TRACES, 4, DELIVERY);
				assertThat(snapshot(context, "a", Signal.TRACES).queueSize()).isEqualTo(10);
				assertThat(snapshot(context, "a", Signal.TRACES).lastError()).startsWith("gRPC UNAVAILABLE");
				assertThat(requestFiles(directory.resolve("a").resolve("traces"))).isNotEmpty();
				grpcBackend.respondNormally();
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).exported() == 10);
				assertThat(receivedSpanIds(grpcBackend)).containsExactlyInAnyOrderElementsOf(spans.ids());
				// The request is counted exported when the backend answers, then leaves
				// the disk
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).queueSize() == 0);
				assertThat(snapshot(context, "a", Signal.TRACES).dropped()).isZero();
				await().atMost(DELIVERY)
					.untilAsserted(() -> assertThat(requestFiles(directory.resolve("a").resolve("traces"))).isEmpty());
			});
	}

	@Test
	void itemsKeptOnDiskThroughFailedAttemptsAreCountedExportedOnceDeliveredAndNeverFailed(@TempDir Path directory) {
		httpBackend.stop();
		this.contextRunner
			.withPropertyValues(signals("traces"), http("a", httpBackend), "telemetry.backends.a.buffer.type=disk",
					"telemetry.backends.a.buffer.directory=" + directory, "telemetry.backends.a.retry.max-attempts=2")
			.run((context) -> {
				Emitted spans = emitSpans(context, 10);
				// Two rounds of attempts fail, the request is kept through both
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).consecutiveFailures() >= 2);
				assertThat(snapshot(context, "a", Signal.TRACES).queueSize()).isEqualTo(10);
				httpBackend.restart();
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).exported() == 10);
				assertThat(receivedSpanIds(httpBackend)).containsExactlyInAnyOrderElementsOf(spans.ids());
				PipelineSnapshot a = snapshot(context, "a", Signal.TRACES);
				// The failed attempts stay visible to health checks...
				assertThat(a.lastError()).startsWith("ConnectException");
				assertThat(a.lastFailure()).isNotNull();
				assertThat(a.consecutiveFailures()).isZero();
				// ...but no item was given up: each is counted once, as exported
				assertThat(a.exported() + a.failed() + a.dropped() + a.queueSize())
					.as("items counted, failed %d times although kept and delivered", a.failed())
					.isEqualTo(10);
				assertThat(a.failed()).isZero();
			});
	}

	@Test
	void requestOlderThanTheMaximumAgeIsGivenUpAndCountedDroppedEvenWhileItIsBeingRetried(@TempDir Path directory) {
		httpBackend.stop();
		this.contextRunner
			.withPropertyValues(signals("traces"), http("a", httpBackend), "telemetry.backends.a.buffer.type=disk",
					"telemetry.backends.a.buffer.directory=" + directory, "telemetry.backends.a.buffer.max-age=2s",
					"telemetry.backends.a.retry.max-attempts=2")
			.run((context) -> {
				emitSpans(context, 10);
				await().atMost(DELIVERY)
					.until(() -> snapshot(context, "a", Signal.TRACES).queueSize() == 10
							&& snapshot(context, "a", Signal.TRACES).consecutiveFailures() > 0);
				// Sent again every second or so until, two seconds old, it is given up
				await("request past its maximum age given up").atMost(Duration.ofSeconds(6))
					.until(() -> snapshot(context, "a", Signal.TRACES).dropped() == 10);
				assertThat(snapshot(context, "a", Signal.TRACES).queueSize()).isZero();
				assertThat(requestFiles(directory.resolve("a").resolve("traces"))).isEmpty();
				httpBackend.restart();
				await().during(Duration.ofMillis(1500))
					.atMost(DELIVERY)
					.until(() -> httpBackend.requests(TRACES).isEmpty());
			});
	}

	@Test
	void requestRejectedWith400IsGivenUpAndDeletedFromDiskNotSentAgain(@TempDir Path directory) {
		httpBackend.respondWithStatus(400);
		this.contextRunner
			.withPropertyValues(signals("traces"), http("a", httpBackend), "telemetry.backends.a.buffer.type=disk",
					"telemetry.backends.a.buffer.directory=" + directory)
			.run((context) -> {
				emitSpans(context, 10);
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).failed() == 10);
				assertThat(snapshot(context, "a", Signal.TRACES).lastError()).startsWith("HTTP 400");
				assertThat(requestFiles(directory.resolve("a").resolve("traces"))).isEmpty();
				// Longer than the pause before a kept request is sent again
				int sent = httpBackend.requests(TRACES).size();
				await().during(Duration.ofMillis(1500))
					.atMost(DELIVERY)
					.until(() -> httpBackend.requests(TRACES).size() == sent);
				assertThat(httpBackend.requests(TRACES)).noneMatch(ReceivedRequest::accepted);
				assertThat(snapshot(context, "a", Signal.TRACES).queueSize()).isZero();
			});
	}

}
