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
package io.github.dualexport.autoconfigure.shutdown;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.dualexport.autoconfigure.RunningApplication;
import io.github.dualexport.test.OtlpReceiverExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that closing the application flushes every backend in parallel within
 * {@code telemetry.shutdown.timeout}, after the web server's graceful drain.
 *
 * @author Dual Export contributors
 */
class PipelinesShutdownWireTests {

	@RegisterExtension
	static final OtlpReceiverExtension first = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension second = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension blackHole = new OtlpReceiverExtension();

	@Test
	void everyQueuedSpanReachesEveryBackendWhenTheApplicationCloses() {
		List<String> traceIds;
		try (RunningApplication application = RunningApplication.start(
				"telemetry.backends.a.endpoint=" + first.httpEndpoint(),
				"telemetry.backends.b.endpoint=" + second.grpcEndpoint(), "telemetry.backends.b.protocol=grpc",
				"telemetry.defaults.traces.schedule-delay=60s", "telemetry.defaults.traces.max-queue-size=5000")) {
			traceIds = application.emitSpans(3000);
		}
		assertThat(first.receiver().traceIds()).containsAll(traceIds);
		assertThat(second.receiver().traceIds()).containsAll(traceIds);
	}

	@Test
	void deadBackendCannotHoldTheShutdownBeyondItsTimeoutNorStarveTheHealthyOne() {
		blackHole.receiver().neverRespond();
		RunningApplication application = RunningApplication.start(
				"telemetry.backends.healthy.endpoint=" + first.httpEndpoint(),
				"telemetry.backends.dead.endpoint=" + blackHole.httpEndpoint(),
				"telemetry.defaults.traces.schedule-delay=60s", "telemetry.shutdown.timeout=2s");
		List<String> traceIds = application.emitSpans(500);
		long start = System.nanoTime();
		application.close();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		blackHole.receiver().respondNormally();
		assertThat(first.receiver().traceIds()).containsAll(traceIds);
		// The dead exporter's own timeout is 10s: closing must not wait for it
		assertThat(took).isLessThan(Duration.ofSeconds(8));
	}

	@Test
	void spansEndedDuringTheWebServersGracefulDrainAreExported() {
		RunningApplication application = RunningApplication.start(
				"telemetry.backends.a.endpoint=" + first.httpEndpoint(), "server.shutdown=graceful",
				"telemetry.defaults.traces.schedule-delay=60s");
		CompletableFuture<String> inFlight = CompletableFuture
			.supplyAsync(() -> application.get("/slow?millis=1500").getBody());
		await().atMost(Duration.ofSeconds(5))
			.until(() -> application.context().getBean(RunningApplication.SlowController.class).started() == 1);
		application.close();
		assertThat(inFlight.join()).isEqualTo("done");
		assertThat(first.receiver().spans())
			.anySatisfy((span) -> assertThat(span.getName()).isEqualTo("http get /slow"));
	}

}
