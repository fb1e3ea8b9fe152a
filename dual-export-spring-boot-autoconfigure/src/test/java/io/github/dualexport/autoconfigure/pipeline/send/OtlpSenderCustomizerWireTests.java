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
package io.github.dualexport.autoconfigure.pipeline.send;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.TestSpans;
import io.github.dualexport.autoconfigure.backend.Protocol;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.traces.DualExportTracingAutoConfiguration;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;

import static io.github.dualexport.autoconfigure.WireTestBackends.grpc;
import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static io.github.dualexport.autoconfigure.WireTestBackends.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@link OtlpSenderCustomizer} beans tune each backend's sender, as seen by a
 * real receiver.
 *
 * @author Dual Export contributors
 */
class OtlpSenderCustomizerWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	@RegisterExtension
	static final OtlpReceiverExtension first = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension second = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, DualExportAutoConfiguration.class,
				DualExportTracingAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0",
				"telemetry.defaults.traces.schedule-delay=100ms", "telemetry.defaults.signals=traces");

	@Test
	void customizerIsToldEachBackendAndSignalWithItsConfiguredSettings() {
		Map<String, OtlpSenderBuilder> seen = new ConcurrentHashMap<>();
		this.contextRunner
			.withPropertyValues(properties(http("a", first), grpc("b", second), "telemetry.backends.a.timeout=7s",
					"telemetry.backends.a.headers.x-tenant=blue", "telemetry.backends.console.type=console"))
			.withBean(OtlpSenderCustomizer.class,
					() -> (backend, signal, sender) -> seen.put(backend + " " + signal.id(), sender))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(seen).containsOnlyKeys("a traces", "b traces");
				assertThat(seen.get("a traces").endpoint()).isEqualTo(first.httpEndpoint() + "/v1/traces");
				assertThat(seen.get("a traces").timeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(seen.get("a traces").headers()).containsExactly(entry("x-tenant", "blue"));
				assertThat(seen.get("b traces").protocol()).isEqualTo(Protocol.GRPC);
			});
	}

	@Test
	void headersAddedAndRemovedByACustomizerReachOnlyItsBackend() {
		this.contextRunner
			.withPropertyValues(http("a", first), http("b", second), "telemetry.backends.a.headers.x-tenant=blue",
					"telemetry.backends.b.headers.x-tenant=green")
			.withBean(OtlpSenderCustomizer.class, () -> (backend, signal, sender) -> {
				if (backend.equals("a")) {
					sender.header("x-region", "eu").removeHeader("x-tenant");
				}
			})
			.run((context) -> {
				TestSpans.emit(context, 3);
				ReceivedRequest a = first.receiver()
					.awaitRequests(io.github.dualexport.test.Signal.TRACES, 1, DELIVERY)
					.get(0);
				ReceivedRequest b = second.receiver()
					.awaitRequests(io.github.dualexport.test.Signal.TRACES, 1, DELIVERY)
					.get(0);
				assertThat(a.header("x-region")).isEqualTo("eu");
				assertThat(a.header("x-tenant")).isNull();
				assertThat(b.header("x-region")).isNull();
				assertThat(b.header("x-tenant")).isEqualTo("green");
			});
	}

	@Test
	void computedHeadersAreAskedForEveryRequestOverHttpAndGrpc() {
		AtomicInteger tokens = new AtomicInteger();
		this.contextRunner.withPropertyValues(properties(http("a", first), grpc("b", second)))
			.withBean(OtlpSenderCustomizer.class,
					() -> (backend, signal, sender) -> sender.header("authorization", "Bearer fixed")
						.headers(() -> Map.of("authorization", "Bearer " + tokens.incrementAndGet())))
			.run((context) -> {
				TestSpans.emit(context, 1);
				awaitRequests(1);
				TestSpans.emit(context, 1);
				awaitRequests(2);
				for (OtlpReceiverExtension receiver : List.of(first, second)) {
					List<String> sent = receiver.receiver()
						.requests()
						.stream()
						.map((request) -> request.header("authorization"))
						.toList();
					assertThat(sent).hasSize(2)
						.doesNotHaveDuplicates()
						.allMatch((value) -> value.matches("Bearer \\d+"));
				}
			});
	}

	@Test
	void customizersApplyInOrderEachSeeingWhatTheOneBeforeSet() {
		this.contextRunner.withPropertyValues(http("a", first))
			.withUserConfiguration(OrderedCustomizers.class)
			.run((context) -> {
				TestSpans.emit(context, 1);
				ReceivedRequest request = first.receiver()
					.awaitRequests(io.github.dualexport.test.Signal.TRACES, 1, DELIVERY)
					.get(0);
				assertThat(request.header("x-order")).isEqualTo("first,second");
			});
	}

	@Test
	void customizedTimeoutBoundsEachRequest() {
		first.neverRespond();
		this.contextRunner
			.withPropertyValues(http("slow", first), "telemetry.backends.slow.timeout=60s",
					"telemetry.backends.slow.retry.enabled=false")
			.withBean(OtlpSenderCustomizer.class,
					() -> (backend, signal, sender) -> sender.timeout(Duration.ofMillis(300)))
			.run((context) -> {
				TestSpans.emit(context, 1);
				BackendPipelines pipelines = context.getBean(BackendPipelines.class);
				await().atMost(DELIVERY).until(() -> snapshot(pipelines).failed() == 1);
				assertThat(snapshot(pipelines).lastError()).isNotNull();
			});
	}

	private static PipelineSnapshot snapshot(BackendPipelines pipelines) {
		return pipelines.find("slow", Signal.TRACES).orElseThrow().snapshot();
	}

	private static void awaitRequests(int count) {
		first.receiver().awaitRequests(io.github.dualexport.test.Signal.TRACES, count, DELIVERY);
		second.receiver().awaitRequests(io.github.dualexport.test.Signal.TRACES, count, DELIVERY);
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizers {

		@Bean
		@Order(2)
		OtlpSenderCustomizer second() {
			return (backend, signal, sender) -> sender.header("x-order", sender.headers().get("x-order") + ",second");
		}

		@Bean
		@Order(1)
		OtlpSenderCustomizer first() {
			return (backend, signal, sender) -> sender.header("x-order", "first");
		}

	}

}
