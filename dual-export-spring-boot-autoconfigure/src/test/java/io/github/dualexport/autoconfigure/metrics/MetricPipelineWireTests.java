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
package io.github.dualexport.autoconfigure.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint.MetricDescriptor;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.test.OtlpReceiver;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;
import io.github.dualexport.test.Transport;

import static io.github.dualexport.autoconfigure.WireTestBackends.grpc;
import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static io.github.dualexport.autoconfigure.WireTestBackends.properties;
import static io.github.dualexport.test.OtlpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that Micrometer and OpenTelemetry API meters reach every backend over real
 * sockets, the backends of one interval through one reader, each with its own
 * temporality, and that one backend's trouble does not touch the others.
 *
 * @author Dual Export contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class MetricPipelineWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(5);

	private static final io.github.dualexport.test.Signal METRICS = io.github.dualexport.test.Signal.METRICS;

	@RegisterExtension
	static final OtlpReceiverExtension first = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension second = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension third = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class, MetricsAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						DualExportAutoConfiguration.class, DualExportMetricsAutoConfiguration.class))
		.withPropertyValues("telemetry.defaults.metrics.interval=200ms", "telemetry.defaults.signals=metrics");

	@Test
	void cumulativeAndDeltaBackendsReceiveTheMicrometerCounterWithTheirOwnTemporality() {
		this.contextRunner
			.withPropertyValues(properties(http("cumulative", first),
					"telemetry.backends.cumulative.metrics.temporality=cumulative", http("delta", second),
					"telemetry.backends.delta.metrics.temporality=delta"))
			.run((context) -> {
				Counter counter = meterRegistry(context).counter("hello.requests");
				counter.increment(3);
				await().atMost(DELIVERY).until(() -> latestValue(first.receiver(), "hello.requests") == 3);
				counter.increment(2);
				await().atMost(DELIVERY).until(() -> latestValue(first.receiver(), "hello.requests") == 5);
				await().atMost(DELIVERY).until(() -> sumOfValues(second.receiver(), "hello.requests") == 5);
				assertThat(temporalities(first.receiver(), "hello.requests"))
					.containsOnly(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
				assertThat(temporalities(second.receiver(), "hello.requests"))
					.containsOnly(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
				assertThat(points(second.receiver(), "hello.requests")).hasSizeGreaterThanOrEqualTo(2);
			});
	}

	@Test
	void oneReaderServesTheSeedsPairEachBackendWithItsOwnTemporality(CapturedOutput output) {
		String dsn = "http://project_token@127.0.0.1:" + second.receiver().httpPort();
		this.contextRunner
			.withPropertyValues("telemetry.backends.victoria.type=victoria",
					"telemetry.backends.victoria.endpoint=" + first.httpEndpoint(),
					"telemetry.backends.uptrace.type=uptrace", "telemetry.backends.uptrace.dsn=" + dsn)
			.run((context) -> {
				assertThat(((SignalPipelines<?>) context.getBean("telemetryMetricPipelines")).stages()).hasSize(1);
				Counter counter = meterRegistry(context).counter("hello.requests");
				Timer timer = meterRegistry(context).timer("work.duration");
				context.getBean(OpenTelemetry.class)
					.getMeter("wire-test")
					.upDownCounterBuilder("jobs.active")
					.build()
					.add(4);
				counter.increment(3);
				timer.record(Duration.ofMillis(10));
				await().atMost(DELIVERY).until(() -> latestValue(first.receiver(), "hello.requests") == 3);
				counter.increment(2);
				timer.record(Duration.ofMillis(20));
				timer.record(Duration.ofMillis(30));
				await().atMost(DELIVERY).until(() -> latestValue(first.receiver(), "hello.requests") == 5);
				await().atMost(DELIVERY)
					.until(() -> sumOfValues(second.receiver(), "hello.requests") == 5
							&& histogramCounts(second.receiver(), "work.duration") == 3);
				assertThat(temporalities(first.receiver(), "hello.requests"))
					.containsOnly(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
				assertThat(temporalities(second.receiver(), "hello.requests"))
					.containsOnly(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
				List<NumberDataPoint> deltas = points(second.receiver(), "hello.requests");
				for (int i = 1; i < deltas.size(); i++) {
					assertThat(deltas.get(i).getStartTimeUnixNano()).isEqualTo(deltas.get(i - 1).getTimeUnixNano());
				}
				assertThat(metricsNamed(second.receiver(), "work.duration")).allSatisfy((metric) -> {
					assertThat(metric.hasHistogram()).isTrue();
					assertThat(metric.getHistogram().getAggregationTemporality())
						.isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
				});
				assertThat(metricsNamed(first.receiver(), "work.duration")).last()
					.satisfies((metric) -> assertThat(metric.getHistogram().getDataPoints(0).getCount()).isEqualTo(3));
				// Up-down counters stay cumulative under the delta preference
				assertThat(temporalities(second.receiver(), "jobs.active"))
					.containsOnly(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
				assertThat(latestValue(second.receiver(), "jobs.active")).isEqualTo(4);
				assertThat(output).contains("Backend 'uptrace' asks for exponential histograms but receives "
						+ "explicit-bucket histograms");
			});
	}

	@Test
	void backendsOfOneIntervalReceiveExplicitHistogramsUnlessEveryOneAsksForExponential() {
		this.contextRunner
			.withPropertyValues(properties(http("explicit", first),
					"telemetry.backends.explicit.metrics.histogram=explicit", http("exponential", second),
					"telemetry.backends.exponential.metrics.histogram=exponential"))
			.run((context) -> {
				Timer timer = meterRegistry(context).timer("work.duration");
				for (int i = 1; i <= 10; i++) {
					timer.record(Duration.ofMillis(i * 10L));
				}
				Metric explicit = first.receiver().awaitMetricNamed("work.duration", DELIVERY).get(0);
				Metric fromExponential = second.receiver().awaitMetricNamed("work.duration", DELIVERY).get(0);
				assertThat(explicit.hasHistogram()).isTrue();
				assertThat(explicit.getHistogram().getDataPoints(0).getCount()).isEqualTo(10);
				assertThat(fromExponential.hasHistogram()).isTrue();
				assertThat(fromExponential.getHistogram().getDataPoints(0).getCount()).isEqualTo(10);
			});
	}

	@Test
	void exponentialBackendOnAnIntervalOfItsOwnReceivesExponentialHistograms() {
		this.contextRunner
			.withPropertyValues(
					properties(http("explicit", first), "telemetry.backends.explicit.metrics.histogram=explicit",
							http("exponential", second), "telemetry.backends.exponential.metrics.histogram=exponential",
							"telemetry.backends.exponential.metrics.interval=300ms"))
			.run((context) -> {
				assertThat(((SignalPipelines<?>) context.getBean("telemetryMetricPipelines")).stages()).hasSize(2);
				Timer timer = meterRegistry(context).timer("work.duration");
				for (int i = 1; i <= 10; i++) {
					timer.record(Duration.ofMillis(i * 10L));
				}
				Metric explicit = first.receiver().awaitMetricNamed("work.duration", DELIVERY).get(0);
				Metric exponential = second.receiver().awaitMetricNamed("work.duration", DELIVERY).get(0);
				assertThat(explicit.hasHistogram()).isTrue();
				assertThat(exponential.hasExponentialHistogram()).isTrue();
				assertThat(exponential.getExponentialHistogram().getDataPoints(0).getCount()).isEqualTo(10);
			});
	}

	private static long histogramCounts(OtlpReceiver receiver, String name) {
		return metricsNamed(receiver, name).stream()
			.filter(Metric::hasHistogram)
			.flatMap((metric) -> metric.getHistogram().getDataPointsList().stream())
			.mapToLong(HistogramDataPoint::getCount)
			.sum();
	}

	@Test
	void openTelemetryApiCounterReachesEveryBackend() {
		this.contextRunner
			.withPropertyValues(properties(http("cumulative", first), grpc("delta", second),
					"telemetry.backends.delta.metrics.temporality=delta"))
			.run((context) -> {
				LongCounter orders = context.getBean(OpenTelemetry.class)
					.getMeter("wire-test")
					.counterBuilder("orders.placed")
					.build();
				orders.add(7);
				await().atMost(DELIVERY).until(() -> latestValue(first.receiver(), "orders.placed") == 7);
				await().atMost(DELIVERY).until(() -> sumOfValues(second.receiver(), "orders.placed") == 7);
				assertThat(second.receiver().requests(METRICS)).extracting(ReceivedRequest::transport)
					.containsOnly(Transport.GRPC);
			});
	}

	@Test
	void redactionRemovesAndMasksMetricAttributesForItsBackendOnly() {
		this.contextRunner
			.withPropertyValues(http("full", first), http("redacted", second),
					"telemetry.backends.redacted.redact.attributes=tenant",
					"telemetry.backends.redacted.redact.mask=region")
			.run((context) -> {
				context.getBean(OpenTelemetry.class)
					.getMeter("wire-test")
					.counterBuilder("orders.placed")
					.build()
					.add(3, Attributes.of(AttributeKey.stringKey("tenant"), "acme", AttributeKey.stringKey("region"),
							"eu-west", AttributeKey.stringKey("channel"), "web"));
				await().atMost(DELIVERY)
					.until(() -> !points(first.receiver(), "orders.placed").isEmpty()
							&& !points(second.receiver(), "orders.placed").isEmpty());
				Map<String, String> original = attributes(points(first.receiver(), "orders.placed").get(0));
				Map<String, String> redacted = attributes(points(second.receiver(), "orders.placed").get(0));
				assertThat(original).containsEntry("tenant", "acme").containsEntry("region", "eu-west");
				assertThat(redacted).doesNotContainKey("tenant").containsEntry("channel", "web");
				assertThat(redacted.get("region")).startsWith("sha256:");
			});
	}

	private static Map<String, String> attributes(NumberDataPoint point) {
		Map<String, String> attributes = new HashMap<>();
		point.getAttributesList()
			.forEach((attribute) -> attributes.put(attribute.getKey(), attribute.getValue().getStringValue()));
		return attributes;
	}

	@Test
	void backendWithoutTheMetricsSignalReceivesNoMetrics() {
		this.contextRunner
			.withPropertyValues(http("metrics", first), http("traces-only", second),
					"telemetry.backends.traces-only.signals=traces")
			.run((context) -> {
				meterRegistry(context).counter("hello.requests").increment();
				first.receiver().awaitRequests(METRICS, 3, DELIVERY);
				assertThat(second.receiver()).hasReceivedNoRequests(METRICS);
				assertThat(context.getBean(BackendPipelines.class).find("traces-only", Signal.METRICS)).isEmpty();
			});
	}

	@Test
	void blackHoledBackendDoesNotDelayTheOtherBackend() {
		second.receiver().neverRespond();
		this.contextRunner.withPropertyValues(http("healthy", first), http("black-hole", second)).run((context) -> {
			meterRegistry(context).counter("hello.requests").increment();
			second.receiver().awaitRequests(METRICS, 1, DELIVERY);
			int before = first.receiver().requests(METRICS).size();
			// Five more collections of the healthy backend while the other's export hangs
			first.receiver().awaitRequests(METRICS, before + 5, Duration.ofSeconds(3));
			// Lets the context close without waiting for the hanging export to time out
			second.receiver().respondNormally();
		});
	}

	@Test
	void deltaPointsStayIntactWhenARetriedExportOutlivesItsCollectionCycle() {
		// The first export is retried, and serialized again, after later collections ran
		second.receiver().failNextRequests(1, 503);
		this.contextRunner.withPropertyValues(properties(http("cumulative", first), http("delta", second),
				"telemetry.backends.delta.metrics.temporality=delta",
				"telemetry.backends.delta.retry.initial-backoff=1s", "telemetry.backends.delta.retry.max-backoff=1s"))
			.run((context) -> {
				Counter counter = meterRegistry(context).counter("hello.requests");
				AtomicInteger polls = new AtomicInteger();
				AtomicInteger total = new AtomicInteger();
				// Growing increments spread over several collections: each interval's
				// delta differs
				await().atMost(DELIVERY).until(() -> {
					int increment = polls.incrementAndGet();
					counter.increment(increment);
					total.addAndGet(increment);
					return second.receiver().requests(METRICS).size() >= 6;
				});
				await().atMost(DELIVERY).until(() -> latestValue(first.receiver(), "hello.requests") == total.get());
				await().atMost(DELIVERY).until(() -> sumOfValues(second.receiver(), "hello.requests") == total.get());
			});
	}

	@Test
	void exportOutcomesAreRecordedPerBackend() {
		second.receiver().respondWithStatus(400);
		this.contextRunner.withPropertyValues(http("ok", first), http("rejecting", second)).run((context) -> {
			meterRegistry(context).counter("hello.requests").increment();
			await().atMost(DELIVERY).until(() -> snapshot(context, "rejecting").failed() > 0);
			PipelineSnapshot rejecting = snapshot(context, "rejecting");
			assertThat(rejecting.lastError()).startsWith("HTTP 400");
			assertThat(rejecting.consecutiveFailures()).isPositive();
			assertThat(rejecting.queueCapacity()).isZero();
			await().atMost(DELIVERY).until(() -> snapshot(context, "ok").exported() > 0);
			assertThat(snapshot(context, "ok").failed()).isZero();
		});
	}

	@Test
	void switchedOffBackendReceivesNoMetricsUntilSwitchedOnAgain() {
		this.contextRunner.withPropertyValues(http("a", first), http("b", second)).run((context) -> {
			meterRegistry(context).counter("hello.requests").increment();
			second.receiver().awaitRequests(METRICS, 1, DELIVERY);
			BackendPipelines pipelines = context.getBean(BackendPipelines.class);
			assertThat(pipelines.setEnabled("b", false)).isTrue();
			second.receiver().reset();
			int before = first.receiver().requests(METRICS).size();
			first.receiver().awaitRequests(METRICS, before + 3, DELIVERY);
			assertThat(second.receiver()).hasReceivedNoRequests(METRICS);
			assertThat(pipelines.setEnabled("b", true)).isTrue();
			assertThat(second.receiver().awaitMetricNamed("hello.requests", DELIVERY)).isNotEmpty();
		});
	}

	@Test
	void bootsOwnOtlpMetricsExportKeepsWorkingWithoutDuplicatesInOurBackends() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(OtlpMetricsExportAutoConfiguration.class))
			.withPropertyValues(http("ours", first),
					"management.otlp.metrics.export.url=" + third.httpEndpoint() + "/v1/metrics",
					"management.otlp.metrics.export.step=200ms")
			.run((context) -> {
				meterRegistry(context).counter("hello.requests").increment(5);
				await().atMost(DELIVERY).until(() -> latestValue(third.receiver(), "hello.requests") == 5);
				await().atMost(DELIVERY).until(() -> latestValue(first.receiver(), "hello.requests") == 5);
				first.receiver().awaitRequests(METRICS, 3, DELIVERY);
				assertThat(first.receiver().requests(METRICS)).allSatisfy((request) -> {
					List<Metric> named = request.metrics()
						.stream()
						.filter((metric) -> metric.getName().equals("hello.requests"))
						.toList();
					assertThat(named).hasSize(1);
					assertThat(named.get(0).getSum().getDataPointsList()).hasSize(1);
				});
			});
	}

	@Test
	void actuatorMetricsEndpointReadsMicrometerValuesFromTheRegistryBesideTheBridge() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MetricsEndpointAutoConfiguration.class))
			.withPropertyValues(http("a", first), "spring.jmx.enabled=true",
					"management.endpoints.jmx.exposure.include=metrics")
			.run((context) -> {
				meterRegistry(context).counter("hello.requests").increment(3);
				MetricDescriptor descriptor = context.getBean(MetricsEndpoint.class).metric("hello.requests", null);
				assertThat(descriptor).isNotNull();
				assertThat(descriptor.getMeasurements()).singleElement()
					.satisfies((sample) -> assertThat(sample.getValue()).isEqualTo(3));
			});
	}

	@Test
	void metricsEndpointOfTheApplicationIsKept() {
		MetricsEndpoint own = new MetricsEndpoint(new SimpleMeterRegistry());
		this.contextRunner.withConfiguration(AutoConfigurations.of(MetricsEndpointAutoConfiguration.class))
			.withPropertyValues(http("a", first), "spring.jmx.enabled=true",
					"management.endpoints.jmx.exposure.include=metrics")
			.withBean(MetricsEndpoint.class, () -> own)
			.run((context) -> assertThat(context).getBean(MetricsEndpoint.class).isSameAs(own));
	}

	@Test
	void lastIntervalReachesEveryLiveBackendWhenTheContextCloses() {
		this.contextRunner
			.withPropertyValues(properties(http("a", first), grpc("b", second),
					"telemetry.backends.down.endpoint=http://127.0.0.1:" + OtlpReceiver.freePort(),
					"telemetry.backends.down.retry.enabled=false", "telemetry.defaults.metrics.interval=60s"))
			.run((context) -> meterRegistry(context).counter("hello.requests").increment(4));
		assertThat(latestValue(first.receiver(), "hello.requests")).isEqualTo(4);
		assertThat(latestValue(second.receiver(), "hello.requests")).isEqualTo(4);
	}

	@Test
	void consoleBackendPrintsMetricsAsOtlpJsonLines(CapturedOutput output) {
		this.contextRunner.withPropertyValues("telemetry.backends.console.type=console").run((context) -> {
			meterRegistry(context).counter("hello.requests").increment();
			await().atMost(DELIVERY).until(() -> output.getOut().contains("\"name\":\"hello.requests\""));
			assertThat(output.getOut()).contains("{\"resourceMetrics\":[");
		});
	}

	@Test
	void uptracePresetSendsDeltaExponentialMetricsToTheHostOfTheDsn() {
		String dsn = "http://project_token@127.0.0.1:" + first.receiver().httpPort();
		this.contextRunner
			.withPropertyValues("telemetry.backends.uptrace.type=uptrace", "telemetry.backends.uptrace.dsn=" + dsn)
			.run((context) -> {
				meterRegistry(context).counter("hello.requests").increment();
				meterRegistry(context).timer("work.duration").record(Duration.ofMillis(5));
				assertThat(
						first.receiver().awaitMetricNamed("work.duration", DELIVERY).get(0).hasExponentialHistogram())
					.isTrue();
				assertThat(temporalities(first.receiver(), "hello.requests"))
					.containsOnly(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
				assertThat(first.receiver()).hasReceivedHeader("uptrace-dsn", dsn);
				assertThat(first.receiver().requests(METRICS)).extracting(ReceivedRequest::path)
					.containsOnly("/v1/metrics");
			});
	}

	@Test
	void victoriaPresetPostsCumulativeMetricsToTheVictoriaMetricsPath() {
		this.contextRunner
			.withPropertyValues("telemetry.backends.victoria.type=victoria",
					"telemetry.backends.victoria.endpoint=" + first.httpEndpoint())
			.run((context) -> {
				meterRegistry(context).counter("hello.requests").increment();
				first.receiver().awaitMetricNamed("hello.requests", DELIVERY);
				assertThat(temporalities(first.receiver(), "hello.requests"))
					.containsOnly(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
				assertThat(first.receiver().requests(METRICS)).extracting(ReceivedRequest::path)
					.containsOnly("/opentelemetry/v1/metrics");
			});
	}

	private static MeterRegistry meterRegistry(ApplicationContext context) {
		// The composite that Boot makes primary, as application code receives it
		return context.getBean(MeterRegistry.class);
	}

	private static List<Metric> metricsNamed(OtlpReceiver receiver, String name) {
		return receiver.metrics().stream().filter((metric) -> metric.getName().equals(name)).toList();
	}

	private static List<NumberDataPoint> points(OtlpReceiver receiver, String name) {
		return metricsNamed(receiver, name).stream()
			.flatMap((metric) -> metric.getSum().getDataPointsList().stream())
			.toList();
	}

	private static List<AggregationTemporality> temporalities(OtlpReceiver receiver, String name) {
		return metricsNamed(receiver, name).stream()
			.map((metric) -> metric.getSum().getAggregationTemporality())
			.toList();
	}

	private static double latestValue(OtlpReceiver receiver, String name) {
		List<NumberDataPoint> points = points(receiver, name);
		return points.isEmpty() ? Double.NaN : value(points.get(points.size() - 1));
	}

	private static double sumOfValues(OtlpReceiver receiver, String name) {
		return points(receiver, name).stream().mapToDouble(MetricPipelineWireTests::value).sum();
	}

	private static double value(NumberDataPoint point) {
		return (point.getValueCase() == NumberDataPoint.ValueCase.AS_INT) ? point.getAsInt() : point.getAsDouble();
	}

	private static PipelineSnapshot snapshot(ApplicationContext context, String backend) {
		return context.getBean(BackendPipelines.class).find(backend, Signal.METRICS).orElseThrow().snapshot();
	}

}
