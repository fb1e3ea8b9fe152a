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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.reliability.FaultInjection.Emitted;
import io.github.dualexport.test.OtlpReceiverExtension;

import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.DELIVERY;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.NON_BLOCKING;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.emitSpans;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.receivedSpanIds;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.signals;
import static io.github.dualexport.autoconfigure.reliability.FaultInjection.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault-injection tests of full send queues over real sockets: what does not fit the
 * queue of a backend that hangs or is down is dropped and counted, in the pipeline's
 * snapshot and in the {@code telemetry.backend.exported} meter, the drop warning is
 * logged once however many drops follow, the application never waits, and the other
 * backend receives everything.
 *
 * @author Dual Export contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class QueueOverflowWireTests {

	private static final io.github.dualexport.test.Signal TRACES = io.github.dualexport.test.Signal.TRACES;

	@RegisterExtension
	static final OtlpReceiverExtension healthy = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension troubled = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = FaultInjection.contextRunner();

	@Test
	void requestsBeyondTheByteBoundOfABlackHoledBackendAreDroppedCountedAndWarnedAboutOnce(CapturedOutput output) {
		troubled.neverRespond();
		this.contextRunner
			.withPropertyValues(signals("traces"), http("healthy", healthy), http("overflowing", troubled),
					"telemetry.backends.overflowing.buffer.max-size=1KB")
			.run((context) -> {
				List<String> spanIds = new ArrayList<>();
				for (int round = 0; round < 20; round++) {
					Emitted spans = emitSpans(context, 10);
					assertThat(spans.took()).isLessThan(NON_BLOCKING);
					spanIds.addAll(spans.ids());
					// One request per round: it reaches both send queues at once
					healthy.awaitSpans(spanIds.size(), DELIVERY);
				}
				troubled.awaitRequests(TRACES, 1, DELIVERY);
				PipelineSnapshot overflowing = snapshot(context, "overflowing", Signal.TRACES);
				// The held request and what fits beside it wait, the rest is dropped
				assertThat(overflowing.dropped()).isGreaterThanOrEqualTo(150);
				assertThat(overflowing.dropped() + overflowing.queueSize()).isEqualTo(200);
				assertThat(overflowing.exported()).isZero();
				assertThat(overflowing.failed()).isZero();
				assertThat(exportedMeter(context, "overflowing", "dropped")).isEqualTo(overflowing.dropped());
				assertThat(receivedSpanIds(healthy)).containsExactlyInAnyOrderElementsOf(spanIds);
				PipelineSnapshot up = snapshot(context, "healthy", Signal.TRACES);
				assertThat(up.exported()).isEqualTo(200);
				assertThat(up.dropped()).isZero();
				assertThat(exportedMeter(context, "healthy", "dropped")).isZero();
				assertThat(exportedMeter(context, "healthy", "success")).isEqualTo(200);
				assertThat(dropWarnings(output, "overflowing")).isEqualTo(1);
				// Lets the context close without waiting for the held export to time out
				troubled.respondNormally();
			});
	}

	@Test
	void evictionsAtTheDiskCapAreCountedAsDroppedAndWarnedAboutOnce(@TempDir Path directory, CapturedOutput output) {
		troubled.stop();
		this.contextRunner
			.withPropertyValues(signals("traces"), http("healthy", healthy), http("evicting", troubled),
					"telemetry.backends.evicting.buffer.type=disk",
					"telemetry.backends.evicting.buffer.directory=" + directory,
					"telemetry.backends.evicting.buffer.max-size=12KB")
			.run((context) -> {
				int emitted = 0;
				for (int round = 0; round < 20; round++) {
					assertThat(emitSpans(context, 10).took()).isLessThan(NON_BLOCKING);
					emitted += 10;
					healthy.awaitSpans(emitted, DELIVERY);
				}
				int total = emitted;
				await().atMost(DELIVERY).until(() -> {
					PipelineSnapshot evicting = snapshot(context, "evicting", Signal.TRACES);
					return evicting.dropped() + evicting.queueSize() == total;
				});
				PipelineSnapshot evicting = snapshot(context, "evicting", Signal.TRACES);
				assertThat(evicting.dropped()).isGreaterThanOrEqualTo(100);
				assertThat(exportedMeter(context, "evicting", "dropped")).isEqualTo(evicting.dropped());
				assertThat(snapshot(context, "healthy", Signal.TRACES).dropped()).isZero();
				assertThat(dropWarnings(output, "evicting")).isEqualTo(1);
			});
	}

	private static double exportedMeter(ApplicationContext context, String backend, String outcome) {
		// Read from the simple registry: the OpenTelemetry bridge cannot read values back
		FunctionCounter counter = context.getBean(SimpleMeterRegistry.class)
			.get("telemetry.backend.exported")
			.tags("backend", backend, "signal", "traces", "outcome", outcome)
			.functionCounter();
		return counter.count();
	}

	private static int dropWarnings(CapturedOutput output, String backend) {
		Matcher matcher = Pattern.compile("Dropped traces for backend '" + Pattern.quote(backend) + "'")
			.matcher(output.getAll());
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
