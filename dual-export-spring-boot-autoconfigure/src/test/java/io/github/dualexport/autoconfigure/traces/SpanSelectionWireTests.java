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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.common.v1.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.test.OtlpIds;
import io.github.dualexport.test.OtlpReceiverExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests per-backend sampling, drop rules and redaction over real sockets: each applies to
 * its backend only.
 *
 * @author Dual Export contributors
 */
class SpanSelectionWireTests {

	private static final int TRACES = 400;

	private static final int SPANS_PER_TRACE = 3;

	@RegisterExtension
	static final OtlpReceiverExtension full = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension half = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension quarter = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, DualExportAutoConfiguration.class,
				DualExportTracingAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0", "telemetry.defaults.signals=traces",
				"telemetry.defaults.traces.schedule-delay=100ms");

	@Test
	void sampledBackendsReceiveConsistentCompleteSubsetsOfTraces() {
		this.contextRunner
			.withPropertyValues("telemetry.backends.full.endpoint=" + full.httpEndpoint(),
					"telemetry.backends.half.endpoint=" + half.httpEndpoint(),
					"telemetry.backends.half.traces.sampling.ratio=0.5",
					"telemetry.backends.quarter.endpoint=" + quarter.httpEndpoint(),
					"telemetry.backends.quarter.traces.sampling.ratio=0.25")
			.run((context) -> {
				emitTraces(context);
				full.receiver().awaitSpans(TRACES * SPANS_PER_TRACE, Duration.ofSeconds(10));
				await().during(Duration.ofMillis(500))
					.atMost(Duration.ofSeconds(5))
					.until(() -> quarter.receiver().spans().size() % SPANS_PER_TRACE == 0);
				Set<String> fullTraces = full.receiver().traceIds();
				Set<String> halfTraces = half.receiver().traceIds();
				Set<String> quarterTraces = quarter.receiver().traceIds();
				assertThat(fullTraces).hasSize(TRACES);
				assertThat(quarterTraces.size()).isBetween(TRACES * 15 / 100, TRACES * 35 / 100);
				assertThat(halfTraces.size()).isBetween(TRACES * 35 / 100, TRACES * 65 / 100);
				assertThat(fullTraces).containsAll(halfTraces);
				assertThat(halfTraces).containsAll(quarterTraces);
				assertThat(spansPerTrace(quarter))
					.allSatisfy((trace, spans) -> assertThat(spans).isEqualTo((long) SPANS_PER_TRACE));
			});
	}

	@Test
	void dropRulesRemoveMatchingSpansForTheirBackendOnly() {
		this.contextRunner
			.withPropertyValues("telemetry.backends.full.endpoint=" + full.httpEndpoint(),
					"telemetry.backends.filtered.endpoint=" + half.httpEndpoint(),
					"telemetry.backends.filtered.traces.drop[0].name=http get /actuator.*",
					"telemetry.backends.filtered.traces.drop[1].attribute=synthetic",
					"telemetry.backends.filtered.traces.drop[1].value=true")
			.run((context) -> {
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
				tracer.spanBuilder("http get /actuator/health").startSpan().end();
				tracer.spanBuilder("http get /hello").setAttribute("synthetic", "true").startSpan().end();
				tracer.spanBuilder("http get /hello").setAttribute("synthetic", "false").startSpan().end();
				tracer.spanBuilder("http get /orders").startSpan().end();
				full.receiver().awaitSpans(4, Duration.ofSeconds(5));
				half.receiver().awaitSpans(2, Duration.ofSeconds(5));
				await().during(Duration.ofMillis(400))
					.atMost(Duration.ofSeconds(5))
					.until(() -> half.receiver().spans().size() == 2);
				assertThat(half.receiver().spans()).extracting((span) -> span.getName())
					.containsExactlyInAnyOrder("http get /hello", "http get /orders");
			});
	}

	@Test
	void redactionRemovesAndMasksAttributesForItsBackendOnly() {
		this.contextRunner
			.withPropertyValues("telemetry.backends.full.endpoint=" + full.httpEndpoint(),
					"telemetry.backends.redacted.endpoint=" + half.httpEndpoint(),
					"telemetry.backends.redacted.redact.attributes=enduser.id",
					"telemetry.backends.redacted.redact.mask=client.address")
			.run((context) -> {
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
				Span span = tracer.spanBuilder("hello.greet")
					.setAttribute("enduser.id", "ada")
					.setAttribute("client.address", "10.1.2.3")
					.setAttribute("kept", "yes")
					.startSpan();
				span.addEvent("greeted", Attributes.of(AttributeKey.stringKey("enduser.id"), "ada"));
				span.end();
				Map<String, String> original = attributes(
						full.receiver().awaitSpans(1, Duration.ofSeconds(5)).get(0).getAttributesList());
				io.opentelemetry.proto.trace.v1.Span redactedSpan = half.receiver()
					.awaitSpans(1, Duration.ofSeconds(5))
					.get(0);
				Map<String, String> redacted = attributes(redactedSpan.getAttributesList());
				assertThat(original).containsEntry("enduser.id", "ada").containsEntry("client.address", "10.1.2.3");
				assertThat(redacted).doesNotContainKey("enduser.id").containsEntry("kept", "yes");
				assertThat(redacted.get("client.address")).startsWith("sha256:").hasSize("sha256:".length() + 16);
				assertThat(attributes(redactedSpan.getEvents(0).getAttributesList())).doesNotContainKey("enduser.id");
			});
	}

	private static void emitTraces(ApplicationContext context) {
		Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
		for (int i = 0; i < TRACES; i++) {
			Span root = tracer.spanBuilder("request-" + i).startSpan();
			try (Scope scope = root.makeCurrent()) {
				for (int child = 1; child < SPANS_PER_TRACE; child++) {
					tracer.spanBuilder("step-" + child).startSpan().end();
				}
			}
			root.end();
		}
	}

	private static Map<String, Long> spansPerTrace(OtlpReceiverExtension receiver) {
		return receiver.spans()
			.stream()
			.collect(Collectors.groupingBy((span) -> OtlpIds.toHex(span.getTraceId()), Collectors.counting()))
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue()));
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		Map<String, String> map = new HashMap<>();
		attributes.forEach((attribute) -> map.put(attribute.getKey(), attribute.getValue().getStringValue()));
		return map;
	}

}
