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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.dualexport.autoconfigure.WireTestBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.reliability.FaultInjection.Emitted;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;

import static io.github.dualexport.autoconfigure.WireTestBackends.grpc;
import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.DELIVERY;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.emitSpans;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.receivedSpanIds;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.requestFiles;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.signals;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The send queue facing a backend that throttles, refuses for good, keeps failing or
 * hangs at shutdown: when requests are sent again, when they are given up, and that every
 * item is counted exactly once.
 *
 * @author Dual Export contributors
 */
class SendPathFaultWireTests {

	private static final io.github.dualexport.test.Signal TRACES = io.github.dualexport.test.Signal.TRACES;

	private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	@RegisterExtension
	static final OtlpReceiverExtension backend = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension other = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = FaultInjection.contextRunner();

	@ParameterizedTest(name = "{0} over {1}")
	@CsvSource({ "disk, http", "disk, grpc", "memory, http", "memory, grpc" })
	void aThrottledRequestIsSentAgainNoEarlierThanTheBackendAsksEvenUnderSteadyTraffic(String buffer, String protocol,
			@TempDir Path directory) {
		// 429 with Retry-After over http, UNAVAILABLE with RetryInfo over gRPC
		backend.respondWithStatus(429, RETRY_AFTER);
		String[] properties = WireTestBackends.properties(signals("traces"),
				"http".equals(protocol) ? http("a", backend) : grpc("a", backend),
				"telemetry.backends.a.buffer.type=" + buffer, "telemetry.backends.a.buffer.directory=" + directory,
				"telemetry.backends.a.retry.enabled=false",
				// Shorter than Retry-After: the wait cannot come from inside one request
				"telemetry.backends.a.timeout=1s");
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			AtomicBoolean emitting = new AtomicBoolean(true);
			Thread traffic = new Thread(() -> {
				while (emitting.get()) {
					emitSpans(context, 1);
					await().pollDelay(Duration.ofMillis(20)).until(() -> true);
				}
			});
			traffic.start();
			try {
				List<ReceivedRequest> attempts = backend.awaitRequests(TRACES, 2, DELIVERY);
				Duration waited = Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt());
				assertThat(waited).as("pause before the second attempt").isGreaterThanOrEqualTo(RETRY_AFTER);
				assertThat(snapshot(context, "a", Signal.TRACES).failed()).isZero();
			}
			finally {
				emitting.set(false);
				traffic.join();
			}
		});
	}

	@Test
	void aRequestRefusedWithResourceExhaustedWithoutRetryInfoIsGivenUpAndTheQueueMovesOn(@TempDir Path directory) {
		// RESOURCE_EXHAUSTED without RetryInfo: the message is too large, for good
		backend.respondWithStatus(413);
		this.contextRunner
			.withPropertyValues(WireTestBackends.properties(signals("traces"), grpc("a", backend),
					"telemetry.backends.a.buffer.type=disk", "telemetry.backends.a.buffer.directory=" + directory))
			.run((context) -> {
				emitSpans(context, 10);
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).failed() == 10);
				assertThat(snapshot(context, "a", Signal.TRACES).lastError()).startsWith("gRPC RESOURCE_EXHAUSTED");
				assertThat(requestFiles(directory.resolve("a").resolve("traces"))).isEmpty();
				backend.respondNormally();
				Emitted later = emitSpans(context, 10);
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).exported() == 10);
				assertThat(receivedSpanIds(backend)).containsExactlyInAnyOrderElementsOf(later.ids());
			});
	}

	@Test
	void aRequestKeptOnDiskIsGivenUpAfterTheMaximumAttemptsAndCountedFailed(@TempDir Path directory) {
		backend.respondWithStatus(503);
		this.contextRunner
			.withPropertyValues(signals("traces"), http("a", backend), "telemetry.backends.a.buffer.type=disk",
					"telemetry.backends.a.buffer.directory=" + directory, "telemetry.backends.a.buffer.max-attempts=3",
					"telemetry.backends.a.retry.enabled=false")
			.run((context) -> {
				emitSpans(context, 10);
				await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).failed() == 10);
				assertThat(backend.requests(TRACES)).hasSize(3);
				assertThat(requestFiles(directory.resolve("a").resolve("traces"))).isEmpty();
				assertThat(snapshot(context, "a", Signal.TRACES).queueSize()).isZero();
			});
	}

	@Test
	void everyItemIsCountedExactlyOnceAfterAShutdownWithARequestInFlight(@TempDir Path directory) {
		backend.neverRespond();
		AtomicReference<BackendPipelines> pipelines = new AtomicReference<>();
		int emitted = 120;
		List<String> backends = List.of("hanging", "hanging-disk", "ok");
		this.contextRunner
			.withPropertyValues(signals("traces"), http("hanging", backend), http("hanging-disk", backend),
					http("ok", other), "telemetry.backends.hanging-disk.buffer.type=disk",
					"telemetry.backends.hanging-disk.buffer.directory=" + directory,
					"telemetry.backends.hanging.timeout=30s", "telemetry.backends.hanging-disk.timeout=30s")
			.run((context) -> {
				pipelines.set(context.getBean(BackendPipelines.class));
				for (int batch = 0; batch < 6; batch++) {
					emitSpans(context, emitted / 6);
					awaitCaptured(context, backends, (batch + 1) * (emitted / 6));
				}
				// One request hangs at each dead backend when the application closes
				await().atMost(DELIVERY)
					.until(() -> backend.requests(TRACES).size() >= 2 && other.spans().size() == emitted);
			});
		for (String name : backends) {
			// Also once the cancelled request in flight has completed
			await().atMost(DELIVERY).during(Duration.ofSeconds(1)).until(() -> {
				PipelineSnapshot closed = pipelines.get().find(name, Signal.TRACES).orElseThrow().snapshot();
				return counted(closed) + closed.queueSize() == emitted;
			});
			PipelineSnapshot closed = pipelines.get().find(name, Signal.TRACES).orElseThrow().snapshot();
			assertThat(counted(closed) + closed.queueSize())
				.as("%s: exported %d + failed %d + dropped %d + on disk %d", name, closed.exported(), closed.failed(),
						closed.dropped(), closed.queueSize())
				.isEqualTo(emitted);
		}
	}

	private static void awaitCaptured(ApplicationContext context, List<String> backends, int items) {
		// Every item reached the send queues or was counted on the way
		await().atMost(DELIVERY).until(() -> backends.stream().allMatch((name) -> {
			PipelineSnapshot snapshot = snapshot(context, name, Signal.TRACES);
			return counted(snapshot) + snapshot.queueSize() >= items;
		}));
	}

	private static long counted(PipelineSnapshot snapshot) {
		return snapshot.exported() + snapshot.failed() + snapshot.dropped();
	}

}
