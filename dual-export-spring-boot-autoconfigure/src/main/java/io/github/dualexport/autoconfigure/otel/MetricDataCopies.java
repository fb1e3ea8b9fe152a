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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExemplarData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongExemplarData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoubleExemplarData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongExemplarData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryPointData;
import io.opentelemetry.sdk.resources.Resource;

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
	 * Return a copy of a metric with another resource and other point and exemplar
	 * attributes. Points whose attributes become equal, such as two series that differed
	 * only by a removed attribute, are merged into one, since a backend keeps one of two
	 * equal series or rejects them: sums are added, histograms are added bucket by bucket
	 * (exponential ones at the coarser of their scales), a gauge keeps the most recent
	 * value, and a summary adds its counts and sums and keeps the most recent quantiles,
	 * which cannot be merged.
	 * @param metric the metric, never modified
	 * @param resource the copy's resource
	 * @param attributes maps a point's attributes to the copy's
	 * @param exemplarAttributes maps an exemplar's filtered attributes to the copy's
	 * @return the copy
	 */
	public static MetricData rewrite(MetricData metric, Resource resource, UnaryOperator<Attributes> attributes,
			UnaryOperator<Attributes> exemplarAttributes) {
		Rewrite rewrite = new Rewrite(attributes, exemplarAttributes);
		return switch (metric.getType()) {
			case LONG_GAUGE -> ImmutableMetricData.createLongGauge(resource, metric.getInstrumentationScopeInfo(),
					metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableGaugeData.create(rewrite.points(metric.getLongGaugeData().getPoints(), rewrite::longPoint,
							MetricDataCopies::mostRecent)));
			case DOUBLE_GAUGE -> ImmutableMetricData.createDoubleGauge(resource, metric.getInstrumentationScopeInfo(),
					metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableGaugeData.create(rewrite.points(metric.getDoubleGaugeData().getPoints(),
							rewrite::doublePoint, MetricDataCopies::mostRecent)));
			case LONG_SUM -> ImmutableMetricData.createLongSum(resource, metric.getInstrumentationScopeInfo(),
					metric.getName(), metric.getDescription(), metric.getUnit(), sum(metric.getLongSumData(), rewrite
						.points(metric.getLongSumData().getPoints(), rewrite::longPoint, MetricDataCopies::addLongs)));
			case DOUBLE_SUM -> ImmutableMetricData.createDoubleSum(resource, metric.getInstrumentationScopeInfo(),
					metric.getName(), metric.getDescription(), metric.getUnit(),
					sum(metric.getDoubleSumData(), rewrite.points(metric.getDoubleSumData().getPoints(),
							rewrite::doublePoint, MetricDataCopies::addDoubles)));
			case HISTOGRAM -> ImmutableMetricData.createDoubleHistogram(resource, metric.getInstrumentationScopeInfo(),
					metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableHistogramData.create(metric.getHistogramData().getAggregationTemporality(),
							rewrite.points(metric.getHistogramData().getPoints(), rewrite::histogramPoint,
									MetricDataCopies::addHistograms)));
			case EXPONENTIAL_HISTOGRAM ->
				ImmutableMetricData.createExponentialHistogram(resource, metric.getInstrumentationScopeInfo(),
						metric.getName(), metric.getDescription(), metric.getUnit(),
						ImmutableExponentialHistogramData.create(
								metric.getExponentialHistogramData().getAggregationTemporality(),
								rewrite.points(metric.getExponentialHistogramData().getPoints(),
										rewrite::exponentialHistogramPoint,
										MetricDataCopies::addExponentialHistograms)));
			case SUMMARY -> ImmutableMetricData.createDoubleSummary(resource, metric.getInstrumentationScopeInfo(),
					metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableSummaryData.create(rewrite.points(metric.getSummaryData().getPoints(),
							rewrite::summaryPoint, MetricDataCopies::addSummaries)));
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

	private static <P extends PointData> P mostRecent(P first, P second) {
		return (second.getEpochNanos() >= first.getEpochNanos()) ? second : first;
	}

	private static LongPointData addLongs(LongPointData first, LongPointData second) {
		return ImmutableLongPointData.create(start(first, second), end(first, second), first.getAttributes(),
				first.getValue() + second.getValue(), exemplars(first.getExemplars(), second.getExemplars()));
	}

	private static DoublePointData addDoubles(DoublePointData first, DoublePointData second) {
		return ImmutableDoublePointData.create(start(first, second), end(first, second), first.getAttributes(),
				first.getValue() + second.getValue(), exemplars(first.getExemplars(), second.getExemplars()));
	}

	private static HistogramPointData addHistograms(HistogramPointData first, HistogramPointData second) {
		if (!first.getBoundaries().equals(second.getBoundaries())) {
			// One instrument's series share their boundaries; a view changing them
			// between collections cannot be merged
			return mostRecent(first, second);
		}
		List<Long> counts = new ArrayList<>();
		for (int i = 0; i < first.getCounts().size(); i++) {
			counts.add(first.getCounts().get(i) + second.getCounts().get(i));
		}
		boolean hasMin = first.hasMin() || second.hasMin();
		boolean hasMax = first.hasMax() || second.hasMax();
		return ImmutableHistogramPointData.create(start(first, second), end(first, second), first.getAttributes(),
				first.getSum() + second.getSum(), hasMin,
				min(first.hasMin(), first.getMin(), second.hasMin(), second.getMin()), hasMax,
				max(first.hasMax(), first.getMax(), second.hasMax(), second.getMax()), first.getBoundaries(), counts,
				exemplars(first.getExemplars(), second.getExemplars()));
	}

	private static ExponentialHistogramPointData addExponentialHistograms(ExponentialHistogramPointData first,
			ExponentialHistogramPointData second) {
		int scale = Math.min(first.getScale(), second.getScale());
		return ImmutableExponentialHistogramPointData.create(scale, first.getSum() + second.getSum(),
				first.getZeroCount() + second.getZeroCount(), first.hasMin() || second.hasMin(),
				min(first.hasMin(), first.getMin(), second.hasMin(), second.getMin()),
				first.hasMax() || second.hasMax(),
				max(first.hasMax(), first.getMax(), second.hasMax(), second.getMax()),
				addBuckets(scale, first.getPositiveBuckets(), second.getPositiveBuckets()),
				addBuckets(scale, first.getNegativeBuckets(), second.getNegativeBuckets()), start(first, second),
				end(first, second), first.getAttributes(), exemplars(first.getExemplars(), second.getExemplars()));
	}

	// At a scale lower by d, bucket i becomes bucket i >> d (OpenTelemetry data model,
	// exponential histogram downscaling)
	private static ExponentialHistogramBuckets addBuckets(int scale, ExponentialHistogramBuckets first,
			ExponentialHistogramBuckets second) {
		TreeMap<Integer, Long> counts = new TreeMap<>();
		for (ExponentialHistogramBuckets buckets : List.of(first, second)) {
			int shift = buckets.getScale() - scale;
			List<Long> bucketCounts = buckets.getBucketCounts();
			for (int i = 0; i < bucketCounts.size(); i++) {
				if (bucketCounts.get(i) != 0) {
					counts.merge((buckets.getOffset() + i) >> shift, bucketCounts.get(i), Long::sum);
				}
			}
		}
		if (counts.isEmpty()) {
			return ImmutableExponentialHistogramBuckets.create(scale, 0, List.of());
		}
		int offset = counts.firstKey();
		int last = counts.lastKey();
		List<Long> dense = new ArrayList<>();
		for (int index = offset; index <= last; index++) {
			dense.add(counts.getOrDefault(index, 0L));
		}
		return ImmutableExponentialHistogramBuckets.create(scale, offset, dense);
	}

	private static SummaryPointData addSummaries(SummaryPointData first, SummaryPointData second) {
		SummaryPointData recent = mostRecent(first, second);
		return ImmutableSummaryPointData.create(start(first, second), end(first, second), first.getAttributes(),
				first.getCount() + second.getCount(), first.getSum() + second.getSum(), recent.getValues());
	}

	private static long start(PointData first, PointData second) {
		return Math.min(first.getStartEpochNanos(), second.getStartEpochNanos());
	}

	private static long end(PointData first, PointData second) {
		return Math.max(first.getEpochNanos(), second.getEpochNanos());
	}

	private static double min(boolean firstHas, double first, boolean secondHas, double second) {
		if (firstHas && secondHas) {
			return Math.min(first, second);
		}
		return firstHas ? first : second;
	}

	private static double max(boolean firstHas, double first, boolean secondHas, double second) {
		if (firstHas && secondHas) {
			return Math.max(first, second);
		}
		return firstHas ? first : second;
	}

	private static <E extends ExemplarData> List<E> exemplars(List<E> first, List<E> second) {
		if (second.isEmpty()) {
			return first;
		}
		List<E> exemplars = new ArrayList<>(first);
		exemplars.addAll(second);
		return exemplars;
	}

	/**
	 * Rewrites points and their exemplars, then merges the points whose attributes became
	 * equal.
	 */
	private record Rewrite(UnaryOperator<Attributes> attributes, UnaryOperator<Attributes> exemplarAttributes) {

		<P extends PointData> List<P> points(Collection<P> points, Function<P, P> rewrite, BinaryOperator<P> merge) {
			Map<Attributes, P> merged = new LinkedHashMap<>();
			for (P point : points) {
				P rewritten = rewrite.apply(point);
				merged.merge(rewritten.getAttributes(), rewritten, merge);
			}
			return List.copyOf(merged.values());
		}

		LongPointData longPoint(LongPointData point) {
			return ImmutableLongPointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
					this.attributes.apply(point.getAttributes()), point.getValue(),
					longExemplars(point.getExemplars()));
		}

		DoublePointData doublePoint(DoublePointData point) {
			return ImmutableDoublePointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
					this.attributes.apply(point.getAttributes()), point.getValue(),
					doubleExemplars(point.getExemplars()));
		}

		HistogramPointData histogramPoint(HistogramPointData point) {
			return ImmutableHistogramPointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
					this.attributes.apply(point.getAttributes()), point.getSum(), point.hasMin(), point.getMin(),
					point.hasMax(), point.getMax(), point.getBoundaries(), point.getCounts(),
					doubleExemplars(point.getExemplars()));
		}

		ExponentialHistogramPointData exponentialHistogramPoint(ExponentialHistogramPointData point) {
			return ImmutableExponentialHistogramPointData.create(point.getScale(), point.getSum(), point.getZeroCount(),
					point.hasMin(), point.getMin(), point.hasMax(), point.getMax(), point.getPositiveBuckets(),
					point.getNegativeBuckets(), point.getStartEpochNanos(), point.getEpochNanos(),
					this.attributes.apply(point.getAttributes()), doubleExemplars(point.getExemplars()));
		}

		SummaryPointData summaryPoint(SummaryPointData point) {
			return ImmutableSummaryPointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
					this.attributes.apply(point.getAttributes()), point.getCount(), point.getSum(), point.getValues());
		}

		private List<LongExemplarData> longExemplars(List<LongExemplarData> exemplars) {
			return exemplars.stream()
				.map((exemplar) -> ImmutableLongExemplarData.create(
						this.exemplarAttributes.apply(exemplar.getFilteredAttributes()), exemplar.getEpochNanos(),
						exemplar.getSpanContext(), exemplar.getValue()))
				.toList();
		}

		private List<DoubleExemplarData> doubleExemplars(List<DoubleExemplarData> exemplars) {
			return exemplars.stream()
				.map((exemplar) -> ImmutableDoubleExemplarData.create(
						this.exemplarAttributes.apply(exemplar.getFilteredAttributes()), exemplar.getEpochNanos(),
						exemplar.getSpanContext(), exemplar.getValue()))
				.toList();
		}

	}

}
