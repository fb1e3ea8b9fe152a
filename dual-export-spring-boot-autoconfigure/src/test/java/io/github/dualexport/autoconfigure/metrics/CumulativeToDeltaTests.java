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

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.dualexport.autoconfigure.otel.MetricDataCopies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link CumulativeToDelta}, on collections of a real meter provider with a
 * cumulative reader, compared where it applies with the SDK's own delta aggregation of
 * the same measurements.
 *
 * @author Dual Export contributors
 */
class CumulativeToDeltaTests {

	private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("route");

	private final InMemoryMetricReader cumulative = InMemoryMetricReader
		.create(AggregationTemporalitySelector.alwaysCumulative(), DefaultAggregationSelector.getDefault());

	private final InMemoryMetricReader exponential = InMemoryMetricReader
		.create(AggregationTemporalitySelector.alwaysCumulative(), DefaultAggregationSelector.getDefault()
			.with(InstrumentType.HISTOGRAM, Aggregation.base2ExponentialBucketHistogram()));

	private final InMemoryMetricReader sdkDelta = InMemoryMetricReader.createDelta();

	private final SdkMeterProvider provider = SdkMeterProvider.builder()
		.registerMetricReader(this.cumulative)
		.registerMetricReader(this.exponential)
		.registerMetricReader(this.sdkDelta)
		.build();

	private final Meter meter = this.provider.get("cumulative-to-delta-tests");

	private final CumulativeToDelta delta = new CumulativeToDelta();

	@AfterEach
	void closeProvider() {
		this.provider.close();
	}

	@Test
	void counterBecomesTheDifferenceFromThePreviousCollectionStartingWhereItEnded() {
		LongCounter counter = this.meter.counterBuilder("requests").build();
		counter.add(5);
		LongPointData first = longPoint(this.delta.convert(this.cumulative.collectAllMetrics()), "requests");
		LongPointData sdkFirst = longPoint(this.sdkDelta.collectAllMetrics(), "requests");
		counter.add(3);
		List<MetricData> second = this.delta.convert(this.cumulative.collectAllMetrics());
		assertThat(first.getValue()).isEqualTo(5);
		assertThat(longPoint(second, "requests").getValue()).isEqualTo(3)
			.isEqualTo(longPoint(this.sdkDelta.collectAllMetrics(), "requests").getValue());
		assertThat(longPoint(second, "requests").getStartEpochNanos()).isEqualTo(first.getEpochNanos());
		assertThat(metric(second, "requests").getLongSumData().getAggregationTemporality())
			.isEqualTo(AggregationTemporality.DELTA);
		assertThat(sdkFirst.getValue()).isEqualTo(5);
	}

	@Test
	void doubleCounterBecomesTheDifferenceFromThePreviousCollection() {
		DoubleCounter counter = this.meter.counterBuilder("bytes").ofDoubles().build();
		counter.add(1.5);
		this.delta.convert(this.cumulative.collectAllMetrics());
		counter.add(2.25);
		MetricData second = metric(this.delta.convert(this.cumulative.collectAllMetrics()), "bytes");
		assertThat(second.getDoubleSumData().getAggregationTemporality()).isEqualTo(AggregationTemporality.DELTA);
		assertThat(second.getDoubleSumData().getPoints()).singleElement()
			.satisfies((point) -> assertThat(point.getValue()).isEqualTo(2.25));
	}

	@Test
	void eachAttributeSetIsItsOwnStream() {
		LongCounter counter = this.meter.counterBuilder("requests").build();
		counter.add(1, Attributes.of(ROUTE, "/a"));
		counter.add(10, Attributes.of(ROUTE, "/b"));
		this.delta.convert(this.cumulative.collectAllMetrics());
		counter.add(2, Attributes.of(ROUTE, "/a"));
		MetricData second = metric(this.delta.convert(this.cumulative.collectAllMetrics()), "requests");
		assertThat(second.getLongSumData().getPoints())
			.extracting((point) -> point.getAttributes().get(ROUTE), LongPointData::getValue)
			.containsExactlyInAnyOrder(tuple("/a", 2L), tuple("/b", 0L));
	}

	@Test
	void upDownCounterStaysCumulative() {
		this.meter.upDownCounterBuilder("active").build().add(5);
		this.delta.convert(this.cumulative.collectAllMetrics());
		this.meter.upDownCounterBuilder("active").build().add(-2);
		MetricData second = metric(this.delta.convert(this.cumulative.collectAllMetrics()), "active");
		assertThat(second.getLongSumData().getAggregationTemporality()).isEqualTo(AggregationTemporality.CUMULATIVE);
		assertThat(second.getLongSumData().getPoints()).singleElement()
			.satisfies((point) -> assertThat(point.getValue()).isEqualTo(3));
	}

	@Test
	void gaugePassesUnchanged() {
		this.meter.gaugeBuilder("temperature").buildWithCallback((measurement) -> measurement.record(21.5));
		Collection<MetricData> collection = this.cumulative.collectAllMetrics();
		MetricData gauge = metric(collection, "temperature");
		assertThat(metric(this.delta.convert(collection), "temperature")).isSameAs(gauge);
	}

	@Test
	void valueThatWentDownWithoutANewStartIsLeftOutAndBecomesTheBase() {
		AtomicLong total = new AtomicLong(10);
		this.meter.counterBuilder("jobs").buildWithCallback((measurement) -> measurement.record(total.get()));
		assertThat(longPoint(this.delta.convert(this.cumulative.collectAllMetrics()), "jobs").getValue()).isEqualTo(10);
		total.set(4);
		assertThat(metric(this.delta.convert(this.cumulative.collectAllMetrics()), "jobs").getLongSumData().getPoints())
			.isEmpty();
		total.set(7);
		assertThat(longPoint(this.delta.convert(this.cumulative.collectAllMetrics()), "jobs").getValue()).isEqualTo(3);
	}

	@Test
	void streamWithANewStartTimeIsGivenAsItIs() {
		LongCounter counter = this.meter.counterBuilder("requests").build();
		counter.add(50);
		this.delta.convert(this.cumulative.collectAllMetrics());
		counter.add(1);
		MetricData metric = metric(this.cumulative.collectAllMetrics(), "requests");
		LongPointData point = metric.getLongSumData().getPoints().iterator().next();
		// A restarted source: it starts again, later, with a smaller value
		LongPointData restarted = MetricDataCopies.longPoint(point, point.getEpochNanos() - 1, 2);
		MetricData reset = MetricDataCopies.withLongSumPoints(metric, AggregationTemporality.CUMULATIVE,
				List.of(restarted));
		LongPointData converted = longPoint(this.delta.convert(List.of(reset)), "requests");
		assertThat(converted.getValue()).isEqualTo(2);
		assertThat(converted.getStartEpochNanos()).isEqualTo(restarted.getStartEpochNanos());
	}

	@Test
	void explicitHistogramBecomesTheDifferenceBucketByBucketWithoutMinAndMax() {
		DoubleHistogram histogram = this.meter.histogramBuilder("latency")
			.setExplicitBucketBoundariesAdvice(List.of(10.0, 100.0))
			.build();
		histogram.record(5);
		histogram.record(50);
		HistogramPointData first = histogramPoint(this.delta.convert(this.cumulative.collectAllMetrics()), "latency");
		this.sdkDelta.collectAllMetrics();
		histogram.record(50);
		histogram.record(500);
		MetricData second = metric(this.delta.convert(this.cumulative.collectAllMetrics()), "latency");
		HistogramPointData point = second.getHistogramData().getPoints().iterator().next();
		HistogramPointData sdkPoint = histogramPoint(this.sdkDelta.collectAllMetrics(), "latency");
		assertThat(first.getCounts()).containsExactly(1L, 1L, 0L);
		assertThat(first.hasMin()).isTrue();
		assertThat(second.getHistogramData().getAggregationTemporality()).isEqualTo(AggregationTemporality.DELTA);
		assertThat(point.getCounts()).containsExactly(0L, 1L, 1L).isEqualTo(sdkPoint.getCounts());
		assertThat(point.getCount()).isEqualTo(2);
		assertThat(point.getSum()).isEqualTo(550).isEqualTo(sdkPoint.getSum());
		assertThat(point.getBoundaries()).containsExactly(10.0, 100.0);
		assertThat(point.hasMin()).isFalse();
		assertThat(point.hasMax()).isFalse();
		assertThat(point.getStartEpochNanos()).isEqualTo(first.getEpochNanos());
	}

	@Test
	void exponentialHistogramIsSubtractedAtTheSmallerScaleWhenTheScaleWentDown() {
		DoubleHistogram histogram = this.meter.histogramBuilder("payload").build();
		histogram.record(1.0);
		histogram.record(1.1);
		ExponentialHistogramPointData first = exponentialPoint(this.delta.convert(this.exponential.collectAllMetrics()),
				"payload");
		// Values a billion times larger: 160 buckets cannot span both at the first scale
		histogram.record(1.05);
		histogram.record(1e9);
		ExponentialHistogramPointData second = exponentialPoint(
				this.delta.convert(this.exponential.collectAllMetrics()), "payload");
		assertThat(second.getScale()).isLessThan(first.getScale());
		assertThat(second.getCount()).isEqualTo(2);
		assertThat(second.getZeroCount()).isZero();
		assertThat(second.getSum()).isCloseTo(1e9 + 1.05, within(1e-3));
		assertThat(second.hasMin()).isFalse();
		assertThat(second.getStartEpochNanos()).isEqualTo(first.getEpochNanos());
		ExponentialHistogramBuckets positive = second.getPositiveBuckets();
		assertThat(positive.getTotalCount()).isEqualTo(2);
		assertThat(bucketHolding(positive, 1.05)).isEqualTo(1);
		assertThat(bucketHolding(positive, 1e9)).isEqualTo(1);
		assertThat(second.getNegativeBuckets().getTotalCount()).isZero();
	}

	@Test
	void exponentialHistogramDeltasAddUpToTheCumulativeCounts() {
		DoubleHistogram histogram = this.meter.histogramBuilder("payload").build();
		long count = 0;
		long deltas = 0;
		for (int collection = 0; collection < 6; collection++) {
			for (int i = 0; i <= collection; i++) {
				histogram.record(Math.pow(10, collection) * (1 + i));
				histogram.record(0);
				count += 2;
			}
			ExponentialHistogramPointData point = exponentialPoint(
					this.delta.convert(this.exponential.collectAllMetrics()), "payload");
			deltas += point.getCount();
			assertThat(point.getCount()).isEqualTo(2L * (collection + 1));
			assertThat(point.getZeroCount()).isEqualTo(collection + 1);
		}
		assertThat(deltas).isEqualTo(count);
	}

	@Test
	void streamsAbsentFromACollectionAreForgotten() {
		AtomicLong routes = new AtomicLong(3);
		this.meter.counterBuilder("hits").buildWithCallback((measurement) -> {
			for (int i = 0; i < routes.get(); i++) {
				measurement.record(10, Attributes.of(ROUTE, "/" + i));
			}
		});
		this.delta.convert(this.cumulative.collectAllMetrics());
		assertThat(this.delta.streams()).isEqualTo(3);
		routes.set(1);
		this.delta.convert(this.cumulative.collectAllMetrics());
		assertThat(this.delta.streams()).isEqualTo(1);
		routes.set(0);
		this.delta.convert(this.cumulative.collectAllMetrics());
		assertThat(this.delta.streams()).isZero();
	}

	@Test
	void deltaSeriesAddsUpToTheCumulativeValue() {
		LongCounter counter = this.meter.counterBuilder("requests").build();
		long sum = 0;
		for (int i = 1; i <= 20; i++) {
			counter.add(i);
			sum += longPoint(this.delta.convert(this.cumulative.collectAllMetrics()), "requests").getValue();
		}
		assertThat(sum).isEqualTo(210);
	}

	private static int bucketHolding(ExponentialHistogramBuckets buckets, double value) {
		// Bucket i holds (base^i, base^(i+1)], base = 2^(2^-scale)
		double base = Math.pow(2, Math.pow(2, -buckets.getScale()));
		List<Long> counts = buckets.getBucketCounts();
		for (int i = 0; i < counts.size(); i++) {
			int index = buckets.getOffset() + i;
			if (Math.pow(base, index) < value && value <= Math.pow(base, index + 1)) {
				return counts.get(i).intValue();
			}
		}
		return 0;
	}

	private static MetricData metric(Collection<MetricData> metrics, String name) {
		return metrics.stream().filter((metric) -> metric.getName().equals(name)).findFirst().orElseThrow();
	}

	private static LongPointData longPoint(Collection<MetricData> metrics, String name) {
		return metric(metrics, name).getLongSumData().getPoints().iterator().next();
	}

	private static HistogramPointData histogramPoint(Collection<MetricData> metrics, String name) {
		return metric(metrics, name).getHistogramData().getPoints().iterator().next();
	}

	private static ExponentialHistogramPointData exponentialPoint(Collection<MetricData> metrics, String name) {
		return metric(metrics, name).getExponentialHistogramData().getPoints().iterator().next();
	}

}
