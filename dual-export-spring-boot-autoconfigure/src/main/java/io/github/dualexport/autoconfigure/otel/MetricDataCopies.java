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

package io.github.dualexport.autoconfigure.otel;

import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryPointData;

/**
 * Copies of collected metrics, built with the SDK's own immutable data types: the SDK
 * offers no public way to create metric data, so this is the one place that does. The
 * copies serve redaction (other attributes) and the delta view of a cumulative collection
 * (other start times, values and temporality).
 *
 * @author Dual Export contributors
 */
public final class MetricDataCopies {

	private MetricDataCopies() {
	}

	/**
	 * Return a copy of a metric whose points carry the given attributes instead of their
	 * own.
	 * @param metric the metric, never modified
	 * @param attributes maps a point's attributes to the copy's
	 * @return the copy
	 */
	public static MetricData withPointAttributes(MetricData metric, UnaryOperator<Attributes> attributes) {
		return switch (metric.getType()) {
			case LONG_GAUGE -> ImmutableMetricData.createLongGauge(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableGaugeData.create(longPoints(metric.getLongGaugeData().getPoints(), attributes)));
			case DOUBLE_GAUGE -> ImmutableMetricData.createDoubleGauge(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableGaugeData.create(doublePoints(metric.getDoubleGaugeData().getPoints(), attributes)));
			case LONG_SUM -> ImmutableMetricData.createLongSum(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					sum(metric.getLongSumData(), longPoints(metric.getLongSumData().getPoints(), attributes)));
			case DOUBLE_SUM -> ImmutableMetricData.createDoubleSum(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					sum(metric.getDoubleSumData(), doublePoints(metric.getDoubleSumData().getPoints(), attributes)));
			case HISTOGRAM -> ImmutableMetricData.createDoubleHistogram(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableHistogramData.create(metric.getHistogramData().getAggregationTemporality(),
							metric.getHistogramData()
								.getPoints()
								.stream()
								.map((point) -> histogramPoint(point, attributes))
								.toList()));
			case EXPONENTIAL_HISTOGRAM -> ImmutableMetricData.createExponentialHistogram(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableExponentialHistogramData.create(
							metric.getExponentialHistogramData().getAggregationTemporality(),
							metric.getExponentialHistogramData()
								.getPoints()
								.stream()
								.map((point) -> exponentialHistogramPoint(point, attributes))
								.toList()));
			case SUMMARY -> ImmutableMetricData.createDoubleSummary(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableSummaryData.create(metric.getSummaryData()
						.getPoints()
						.stream()
						.map((point) -> summaryPoint(point, attributes))
						.toList()));
		};
	}

	/**
	 * Return a copy of a long sum with other points and temporality.
	 * @param metric the metric, never modified
	 * @param temporality the copy's temporality
	 * @param points the copy's points
	 * @return the copy
	 */
	public static MetricData withLongSumPoints(MetricData metric, AggregationTemporality temporality,
			Collection<LongPointData> points) {
		return ImmutableMetricData.createLongSum(metric.getResource(), metric.getInstrumentationScopeInfo(),
				metric.getName(), metric.getDescription(), metric.getUnit(),
				ImmutableSumData.create(metric.getLongSumData().isMonotonic(), temporality, points));
	}

	/**
	 * Return a copy of a double sum with other points and temporality.
	 * @param metric the metric, never modified
	 * @param temporality the copy's temporality
	 * @param points the copy's points
	 * @return the copy
	 */
	public static MetricData withDoubleSumPoints(MetricData metric, AggregationTemporality temporality,
			Collection<DoublePointData> points) {
		return ImmutableMetricData.createDoubleSum(metric.getResource(), metric.getInstrumentationScopeInfo(),
				metric.getName(), metric.getDescription(), metric.getUnit(),
				ImmutableSumData.create(metric.getDoubleSumData().isMonotonic(), temporality, points));
	}

	/**
	 * Return a copy of an explicit-bucket histogram with other points and temporality.
	 * @param metric the metric, never modified
	 * @param temporality the copy's temporality
	 * @param points the copy's points
	 * @return the copy
	 */
	public static MetricData withHistogramPoints(MetricData metric, AggregationTemporality temporality,
			Collection<HistogramPointData> points) {
		return ImmutableMetricData.createDoubleHistogram(metric.getResource(), metric.getInstrumentationScopeInfo(),
				metric.getName(), metric.getDescription(), metric.getUnit(),
				ImmutableHistogramData.create(temporality, points));
	}

	/**
	 * Return a copy of an exponential histogram with other points and temporality.
	 * @param metric the metric, never modified
	 * @param temporality the copy's temporality
	 * @param points the copy's points
	 * @return the copy
	 */
	public static MetricData withExponentialHistogramPoints(MetricData metric, AggregationTemporality temporality,
			Collection<ExponentialHistogramPointData> points) {
		return ImmutableMetricData.createExponentialHistogram(metric.getResource(),
				metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
				ImmutableExponentialHistogramData.create(temporality, points));
	}

	/**
	 * Return a copy of a point with another start time and value; its end time,
	 * attributes and exemplars are kept.
	 * @param point the point, never modified
	 * @param startEpochNanos the copy's start time
	 * @param value the copy's value
	 * @return the copy
	 */
	public static LongPointData longPoint(LongPointData point, long startEpochNanos, long value) {
		return ImmutableLongPointData.create(startEpochNanos, point.getEpochNanos(), point.getAttributes(), value,
				point.getExemplars());
	}

	/**
	 * Return a copy of a point with another start time and value; its end time,
	 * attributes and exemplars are kept.
	 * @param point the point, never modified
	 * @param startEpochNanos the copy's start time
	 * @param value the copy's value
	 * @return the copy
	 */
	public static DoublePointData doublePoint(DoublePointData point, long startEpochNanos, double value) {
		return ImmutableDoublePointData.create(startEpochNanos, point.getEpochNanos(), point.getAttributes(), value,
				point.getExemplars());
	}

	/**
	 * Return a copy of a histogram point with another start time, sum and bucket counts,
	 * and without minimum and maximum; its end time, boundaries, attributes and exemplars
	 * are kept.
	 * @param point the point, never modified
	 * @param startEpochNanos the copy's start time
	 * @param sum the copy's sum
	 * @param counts the copy's bucket counts, one more than the boundaries
	 * @return the copy
	 */
	public static HistogramPointData histogramPoint(HistogramPointData point, long startEpochNanos, double sum,
			List<Long> counts) {
		return ImmutableHistogramPointData.create(startEpochNanos, point.getEpochNanos(), point.getAttributes(), sum,
				false, 0, false, 0, point.getBoundaries(), counts, point.getExemplars());
	}

	/**
	 * Return a copy of an exponential histogram point with another start time, scale, sum
	 * and buckets, and without minimum and maximum; its end time, attributes and
	 * exemplars are kept.
	 * @param point the point, never modified
	 * @param startEpochNanos the copy's start time
	 * @param sum the copy's sum
	 * @param zeroCount the copy's count of zero values
	 * @param positive the copy's positive buckets
	 * @param negative the copy's negative buckets, of the same scale
	 * @return the copy
	 */
	public static ExponentialHistogramPointData exponentialHistogramPoint(ExponentialHistogramPointData point,
			long startEpochNanos, double sum, long zeroCount, ExponentialHistogramBuckets positive,
			ExponentialHistogramBuckets negative) {
		return ImmutableExponentialHistogramPointData.create(positive.getScale(), sum, zeroCount, false, 0, false, 0,
				positive, negative, startEpochNanos, point.getEpochNanos(), point.getAttributes(),
				point.getExemplars());
	}

	private static <T extends PointData> SumData<T> sum(SumData<?> original, List<T> points) {
		return ImmutableSumData.create(original.isMonotonic(), original.getAggregationTemporality(), points);
	}

	private static List<LongPointData> longPoints(Collection<LongPointData> points,
			UnaryOperator<Attributes> attributes) {
		return points.stream()
			.map((point) -> ImmutableLongPointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
					attributes.apply(point.getAttributes()), point.getValue(), point.getExemplars()))
			.toList();
	}

	private static List<DoublePointData> doublePoints(Collection<DoublePointData> points,
			UnaryOperator<Attributes> attributes) {
		return points.stream()
			.map((point) -> ImmutableDoublePointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
					attributes.apply(point.getAttributes()), point.getValue(), point.getExemplars()))
			.toList();
	}

	private static HistogramPointData histogramPoint(HistogramPointData point, UnaryOperator<Attributes> attributes) {
		return ImmutableHistogramPointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
				attributes.apply(point.getAttributes()), point.getSum(), point.hasMin(), point.getMin(), point.hasMax(),
				point.getMax(), point.getBoundaries(), point.getCounts(), point.getExemplars());
	}

	private static ExponentialHistogramPointData exponentialHistogramPoint(ExponentialHistogramPointData point,
			UnaryOperator<Attributes> attributes) {
		return ImmutableExponentialHistogramPointData.create(point.getScale(), point.getSum(), point.getZeroCount(),
				point.hasMin(), point.getMin(), point.hasMax(), point.getMax(), point.getPositiveBuckets(),
				point.getNegativeBuckets(), point.getStartEpochNanos(), point.getEpochNanos(),
				attributes.apply(point.getAttributes()), point.getExemplars());
	}

	private static SummaryPointData summaryPoint(SummaryPointData point, UnaryOperator<Attributes> attributes) {
		return ImmutableSummaryPointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
				attributes.apply(point.getAttributes()), point.getCount(), point.getSum(), point.getValues());
	}

}
