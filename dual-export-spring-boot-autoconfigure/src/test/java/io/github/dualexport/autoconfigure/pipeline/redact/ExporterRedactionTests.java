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
package io.github.dualexport.autoconfigure.pipeline.redact;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the view of spans and metrics one backend receives: attributes removed or masked
 * wherever they occur, series that became equal merged, and the backend's own resource
 * attributes.
 *
 * @author Dual Export contributors
 */
class ExporterRedactionTests {

	private static final AttributeKey<String> TENANT = AttributeKey.stringKey("tenant");

	private static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("channel");

	private static final ResolvedBackend.Redaction REMOVE_TENANT = new ResolvedBackend.Redaction(Set.of("tenant"),
			Set.of());

	private static final Resource APPLICATION = Resource.getDefault()
		.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout")));

	@Test
	void sumsOfSeriesThatDifferedOnlyByARemovedAttributeAreAdded() {
		List<MetricData> metrics = collect(REMOVE_TENANT, Map.of(), (meter) -> {
			var counter = meter.counterBuilder("orders").build();
			counter.add(3, Attributes.of(TENANT, "a", CHANNEL, "web"));
			counter.add(4, Attributes.of(TENANT, "b", CHANNEL, "web"));
			counter.add(5, Attributes.of(TENANT, "a", CHANNEL, "app"));
		});
		List<LongPointData> points = List.copyOf(metric(metrics, "orders").getLongSumData().getPoints());
		assertThat(points).hasSize(2);
		assertThat(points).anySatisfy((point) -> {
			assertThat(point.getAttributes()).isEqualTo(Attributes.of(CHANNEL, "web"));
			assertThat(point.getValue()).isEqualTo(7);
		});
		assertThat(points).anySatisfy((point) -> {
			assertThat(point.getAttributes()).isEqualTo(Attributes.of(CHANNEL, "app"));
			assertThat(point.getValue()).isEqualTo(5);
		});
	}

	@Test
	void explicitHistogramsAreAddedBucketByBucket() {
		List<MetricData> metrics = collect(REMOVE_TENANT, Map.of(), (meter) -> {
			var histogram = meter.histogramBuilder("latency").build();
			histogram.record(3, Attributes.of(TENANT, "a"));
			histogram.record(300, Attributes.of(TENANT, "b"));
			histogram.record(4, Attributes.of(TENANT, "b"));
		});
		List<HistogramPointData> points = List.copyOf(metric(metrics, "latency").getHistogramData().getPoints());
		assertThat(points).hasSize(1);
		HistogramPointData point = points.get(0);
		assertThat(point.getAttributes()).isEqualTo(Attributes.empty());
		assertThat(point.getCount()).isEqualTo(3);
		assertThat(point.getSum()).isEqualTo(307.0);
		assertThat(point.getMin()).isEqualTo(3.0);
		assertThat(point.getMax()).isEqualTo(300.0);
		// Default boundaries 0, 5, 10, 25, 50, 75, 100, 250, 500, ...
		assertThat(point.getCounts().get(1)).isEqualTo(2);
		assertThat(point.getCounts().get(8)).isEqualTo(1);
	}

	@Test
	void exponentialHistogramsOfDifferentScalesAreAddedAtTheCoarserScale() {
		List<MetricData> metrics = collect(REMOVE_TENANT, Map.of(), (meter) -> {
			var histogram = meter.histogramBuilder("size").build();
			histogram.record(1.0, Attributes.of(TENANT, "wide"));
			histogram.record(1_000_000.0, Attributes.of(TENANT, "wide"));
			histogram.record(1.5, Attributes.of(TENANT, "narrow"));
			histogram.record(1.6, Attributes.of(TENANT, "narrow"));
		}, InstrumentType.HISTOGRAM);
		List<ExponentialHistogramPointData> points = List
			.copyOf(metric(metrics, "size").getExponentialHistogramData().getPoints());
		assertThat(points).hasSize(1);
		ExponentialHistogramPointData point = points.get(0);
		assertThat(point.getCount()).isEqualTo(4);
		assertThat(point.getSum()).isEqualTo(1_000_004.1);
		assertThat(point.getPositiveBuckets().getTotalCount()).isEqualTo(4);
		double base = Math.pow(2, Math.pow(2, -point.getScale()));
		for (double value : new double[] { 1.0, 1.5, 1.6, 1_000_000.0 }) {
			int index = (int) Math.ceil(Math.log(value) / Math.log(base)) - 1;
			int bucket = index - point.getPositiveBuckets().getOffset();
			assertThat(point.getPositiveBuckets().getBucketCounts().get(bucket)).as("bucket of %s", value).isPositive();
		}
	}

	@Test
	void gaugesOfMergedSeriesKeepTheMostRecentValue() {
		List<MetricData> metrics = collect(REMOVE_TENANT, Map.of(), (meter) -> {
			var gauge = meter.gaugeBuilder("temperature").ofLongs().build();
			gauge.set(20, Attributes.of(TENANT, "a"));
			gauge.set(25, Attributes.of(TENANT, "b"));
		});
		List<LongPointData> points = List.copyOf(metric(metrics, "temperature").getLongGaugeData().getPoints());
		assertThat(points).hasSize(1);
		assertThat(points.get(0).getValue()).isIn(20L, 25L);
		assertThat(points.get(0).getAttributes()).isEqualTo(Attributes.empty());
	}

	@Test
	void exemplarAttributesAreRedactedToo() {
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();
		List<MetricData> metrics = collect(REMOVE_TENANT, Map.of(), (meter) -> {
			var histogram = meter.histogramBuilder("exemplified").build();
			Span span = tracerProvider.get("test").spanBuilder("work").startSpan();
			try (Scope scope = span.makeCurrent()) {
				histogram.record(7, Attributes.of(TENANT, "a", CHANNEL, "web"));
			}
			span.end();
		}, null, View.builder().setAttributeFilter(Set.of("channel")).build());
		HistogramPointData point = metric(metrics, "exemplified").getHistogramData().getPoints().iterator().next();
		assertThat(point.getExemplars()).isNotEmpty();
		for (DoubleExemplarData exemplar : point.getExemplars()) {
			assertThat(exemplar.getFilteredAttributes().get(TENANT)).isNull();
		}
		tracerProvider.close();
	}

	@Test
	void metricsCarryTheBackendsResourceAttributes() {
		List<MetricData> metrics = collect(ResolvedBackend.Redaction.NONE,
				Map.of("deployment.environment.name", "prod"),
				(meter) -> meter.counterBuilder("orders").build().add(1));
		Resource resource = metric(metrics, "orders").getResource();
		assertThat(resource.getAttribute(AttributeKey.stringKey("deployment.environment.name"))).isEqualTo("prod");
		assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("checkout");
	}

	@Test
	void spanLinkAttributesAreRedactedAndTheBackendsResourceAttributesAdded() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.setResource(APPLICATION)
			.addSpanProcessor(SimpleSpanProcessor.create(
					ExporterRedaction.spans(exporter, REMOVE_TENANT, Map.of("deployment.environment.name", "prod"))))
			.build();
		Span linked = tracerProvider.get("test").spanBuilder("linked").startSpan();
		tracerProvider.get("test")
			.spanBuilder("work")
			.addLink(linked.getSpanContext(), Attributes.of(TENANT, "a", CHANNEL, "web"))
			.startSpan()
			.end();
		linked.end();
		// Shutting the in-memory exporter down clears what it holds
		SpanData span = exporter.getFinishedSpanItems()
			.stream()
			.filter((item) -> item.getName().equals("work"))
			.findFirst()
			.orElseThrow();
		tracerProvider.close();
		assertThat(span.getLinks()).singleElement()
			.satisfies((link) -> assertThat(link.getAttributes()).isEqualTo(Attributes.of(CHANNEL, "web")));
		assertThat(span.getResource().getAttribute(AttributeKey.stringKey("deployment.environment.name")))
			.isEqualTo("prod");
		assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("checkout");
	}

	private static MetricData metric(List<MetricData> metrics, String name) {
		return metrics.stream().filter((metric) -> metric.getName().equals(name)).findFirst().orElseThrow();
	}

	private static List<MetricData> collect(ResolvedBackend.Redaction redaction, Map<String, String> resource,
			Consumer<Meter> record) {
		return collect(redaction, resource, record, null);
	}

	private static List<MetricData> collect(ResolvedBackend.Redaction redaction, Map<String, String> resource,
			Consumer<Meter> record, InstrumentType exponential) {
		return collect(redaction, resource, record, exponential, null);
	}

	private static List<MetricData> collect(ResolvedBackend.Redaction redaction, Map<String, String> resource,
			Consumer<Meter> record, InstrumentType exponential, View view) {
		InMemoryMetricExporter memory = InMemoryMetricExporter.create();
		MetricExporter exporter = ExporterRedaction.metrics(memory, redaction, resource);
		var builder = SdkMeterProvider.builder()
			.setResource(APPLICATION)
			.registerMetricReader(PeriodicMetricReader.create(exporter));
		if (exponential != null) {
			builder.registerView(InstrumentSelector.builder().setType(exponential).build(),
					View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build());
		}
		if (view != null) {
			builder.registerView(InstrumentSelector.builder().setName("*").build(), view);
		}
		try (SdkMeterProvider provider = builder.build()) {
			record.accept(provider.get("test"));
			provider.forceFlush().join(10, TimeUnit.SECONDS);
			// Shutting the in-memory exporter down clears what it holds
			return List.copyOf(memory.getFinishedMetricItems());
		}
	}

}
