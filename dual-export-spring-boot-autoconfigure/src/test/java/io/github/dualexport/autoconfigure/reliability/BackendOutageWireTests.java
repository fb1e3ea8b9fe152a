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
import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dualexport.autoconfigure.WireTestBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.reliability.FaultInjection.Emitted;
import io.github.dualexport.test.OtlpReceiverExtension;

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

/**
 * Fault-injection tests of backends that are down, hang or answer slowly, over real
 * sockets: the application's calls return at once, the healthy backend receives
 * everything promptly, what a memory buffer cannot deliver is counted failed, for every
 * signal, and retries bridge a short outage without losing anything.
 *
 * @author Dual Export contributors
 */
class BackendOutageWireTests {

	private static final io.github.dualexport.test.Signal TRACES = io.github.dualexport.test.Signal.TRACES;

	private static final io.github.dualexport.test.Signal LOGS = io.github.dualexport.test.Signal.LOGS;

	/**
	 * How long the healthy backend may take to receive everything while the other one is
	 * in trouble: a few schedule delays, far below the export timeout of 10 s.
	 */
	private static final Duration PROMPTLY = Duration.ofSeconds(3);

	@RegisterExtension
	static final OtlpReceiverExtension healthy = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension troubled = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = FaultInjection.contextRunner();

	@Test
	void refusedConnectionsAreCountedFailedWithoutBlockingTheApplicationOrTheHealthyBackend() {
		troubled.stop();
		this.contextRunner
			.withPropertyValues(signals("traces,logs,metrics"), http("healthy", healthy), http("down", troubled),
					"telemetry.backends.down.retry.max-attempts=2")
			.run((context) -> {
				Emitted spans = emitSpans(context, 1000);
				Emitted lines = logLines("Order placed", 500);
				assertThat(spans.took()).isLessThan(NON_BLOCKING);
				assertThat(lines.took()).isLessThan(NON_BLOCKING);
				context.getBean(OpenTelemetry.class)
					.getMeter("fault-injection")
					.counterBuilder("reliability.orders")
					.build()
					.add(3);
				healthy.awaitSpans(1000, PROMPTLY);
				healthy.awaitLogRecords(FaultInjection.LOGGER_NAME, 500, PROMPTLY);
				healthy.receiver().awaitMetricNamed("reliability.orders", PROMPTLY);
				assertThat(receivedSpanIds(healthy)).containsExactlyInAnyOrderElementsOf(spans.ids());
				assertThat(receivedLogBodies(healthy)).containsExactlyElementsOf(lines.ids());
				await().atMost(DELIVERY).until(() -> snapshot(context, "down", Signal.TRACES).failed() == 1000);
				await().atMost(DELIVERY).until(() -> snapshot(context, "down", Signal.LOGS).failed() >= 500);
				await().atMost(DELIVERY).until(() -> snapshot(context, "down", Signal.METRICS).failed() > 0);
				for (Signal signal : Signal.values()) {
					PipelineSnapshot down = snapshot(context, "down", signal);
					assertThat(down.lastError()).startsWith("ConnectException");
					assertThat(down.exported()).isZero();
					assertThat(down.dropped()).isZero();
					assertThat(down.consecutiveFailures()).isPositive();
					PipelineSnapshot up = snapshot(context, "healthy", signal);
					assertThat(up.exported()).isPositive();
					assertThat(up.failed()).isZero();
					assertThat(up.dropped()).isZero();
				}
				assertThat(snapshot(context, "healthy", Signal.TRACES).exported()).isEqualTo(1000);
			});
	}

	@Test
	void blackHoledBackendDelaysNeitherTheApplicationNorTheHealthyBackend() {
		troubled.neverRespond();
		this.contextRunner
			.withPropertyValues(signals("traces,logs"), http("healthy", healthy), http("black-hole", troubled))
			.run((context) -> {
				List<String> spanIds = new ArrayList<>();
				List<String> bodies = new ArrayList<>();
				for (int round = 1; round <= 2; round++) {
					Emitted spans = emitSpans(context, 1000);
					Emitted lines = logLines("Round " + round, 500);
					assertThat(spans.took()).isLessThan(NON_BLOCKING);
					assertThat(lines.took()).isLessThan(NON_BLOCKING);
					spanIds.addAll(spans.ids());
					bodies.addAll(lines.ids());
					// The black hole holds the first request of each signal from now on
					troubled.awaitRequests(TRACES, 1, DELIVERY);
					troubled.awaitRequests(LOGS, 1, DELIVERY);
					healthy.awaitSpans(spanIds.size(), PROMPTLY);
					healthy.awaitLogRecords(FaultInjection.LOGGER_NAME, bodies.size(), PROMPTLY);
				}
				assertThat(receivedSpanIds(healthy)).containsExactlyInAnyOrderElementsOf(spanIds);
				assertThat(receivedLogBodies(healthy)).containsExactlyElementsOf(bodies);
				assertThat(troubled.requests(TRACES)).hasSize(1);
				assertThat(troubled.requests(LOGS)).hasSize(1);
				// Everything waits behind the held request, nothing is given up
				await().atMost(DELIVERY)
					.until(() -> snapshot(context, "black-hole", Signal.TRACES).queueSize() == 2000);
				PipelineSnapshot blackHole = snapshot(context, "black-hole", Signal.TRACES);
				assertThat(blackHole.exported()).isZero();
				assertThat(blackHole.failed()).isZero();
				assertThat(blackHole.dropped()).isZero();
				assertThat(snapshot(context, "healthy", Signal.TRACES).exported()).isEqualTo(2000);
				// Lets the context close without waiting for the held exports to time out
				troubled.respondNormally();
			});
	}

	@Test
	void slowBackendDelaysNeitherTheApplicationNorTheHealthyBackend() {
		troubled.respondAfter(Duration.ofSeconds(5));
		this.contextRunner.withPropertyValues(signals("traces,logs"), http("healthy", healthy), http("slow", troubled))
			.run((context) -> {
				Emitted spans = emitSpans(context, 1000);
				Emitted lines = logLines("Order placed", 500);
				assertThat(spans.took()).isLessThan(NON_BLOCKING);
				assertThat(lines.took()).isLessThan(NON_BLOCKING);
				troubled.awaitRequests(TRACES, 1, DELIVERY);
				troubled.awaitRequests(LOGS, 1, DELIVERY);
				healthy.awaitSpans(1000, PROMPTLY);
				healthy.awaitLogRecords(FaultInjection.LOGGER_NAME, 500, PROMPTLY);
				assertThat(receivedSpanIds(healthy)).containsExactlyInAnyOrderElementsOf(spans.ids());
				assertThat(receivedLogBodies(healthy)).containsExactlyElementsOf(lines.ids());
				// Still waiting for its first answer while the healthy backend has it all
				assertThat(snapshot(context, "slow", Signal.TRACES).exported()).isZero();
				assertThat(snapshot(context, "slow", Signal.TRACES).failed()).isZero();
				assertThat(snapshot(context, "healthy", Signal.TRACES).exported()).isEqualTo(1000);
			});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http", "grpc" })
	void retriesBridgeAShortOutageSoSpansEndedBeforeAndDuringItAllArrive(String protocol) {
		String[] properties = WireTestBackends.properties(signals("traces"),
				"http".equals(protocol) ? http("a", troubled) : WireTestBackends.grpc("a", troubled),
				"telemetry.backends.a.retry.max-attempts=5", "telemetry.backends.a.retry.initial-backoff=500ms",
				"telemetry.backends.a.retry.max-backoff=2s");
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			Emitted before = emitSpans(context, 20);
			// Answered too: dying before the answer is out would fail the request
			await().atMost(DELIVERY)
				.until(() -> snapshot(context, "a", Signal.TRACES).exported() == 20
						&& snapshot(context, "a", Signal.TRACES).queueSize() == 0);
			troubled.stop();
			Emitted during = emitSpans(context, 20);
			assertThat(during.took()).isLessThan(NON_BLOCKING);
			// Handed to the send queue, whose sender retries while the backend is away
			await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).queueSize() == 20);
			await().during(Duration.ofMillis(250))
				.atMost(DELIVERY)
				.until(() -> snapshot(context, "a", Signal.TRACES).queueSize() == 20
						&& snapshot(context, "a", Signal.TRACES).failed() == 0);
			troubled.restart();
			Emitted after = emitSpans(context, 20);
			await().atMost(DELIVERY).until(() -> snapshot(context, "a", Signal.TRACES).exported() == 60);
			List<String> all = new ArrayList<>(before.ids());
			all.addAll(during.ids());
			all.addAll(after.ids());
			assertThat(receivedSpanIds(troubled)).containsExactlyInAnyOrderElementsOf(all);
			PipelineSnapshot a = snapshot(context, "a", Signal.TRACES);
			assertThat(a.failed()).isZero();
			assertThat(a.dropped()).isZero();
			assertThat(a.queueSize()).isZero();
		});
	}

}
