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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.dualexport.autoconfigure.otel.MetricDataCopies;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;

/**
 * The delta view of cumulative collections, for the backends of one encoding: each
 * stream's point becomes its difference from the point of the same stream that these
 * backends were last given, as the OpenTelemetry Collector's {@code cumulativetodelta}
 * processor does.
 * <ul>
 * <li>Monotonic sums, explicit-bucket histograms (bucket by bucket) and exponential
 * histograms (after bringing both points to the smaller scale) are converted; the delta
 * starts where the previous point ended. Histogram deltas carry no minimum and maximum,
 * which a cumulative point holds for its whole life.</li>
 * <li>Non-monotonic sums (up-down counters) stay cumulative, as the specification's delta
 * preference says, and gauges and summaries pass unchanged.</li>
 * <li>A stream seen for the first time, or whose start time changed (a reset), is given
 * as it is: its value covers its own window. A stream whose value went down without a new
 * start time is left out of that collection and becomes the new base.</li>
 * <li>Only the streams of the latest collection are remembered, as the SDK's own delta
 * aggregation of asynchronous instruments does, so the state stays as large as one
 * collection.</li>
 * </ul>
 *
 * @author Dual Export contributors
 */
final class CumulativeToDelta {

	private static final AggregationTemporality DELTA = AggregationTemporality.DELTA;

	private Map<Stream, PointData> previous = new HashMap<>();

	/**
	 * Return the delta view of one collection and remember its points for the next one.
	 * @param metrics a cumulative collection
	 * @return the metrics to export
	 */
	synchronized List<MetricData> convert(Collection<MetricData> metrics) {
		Map<Stream, PointData> current = new HashMap<>(Math.max(16, this.previous.size() * 2));
		List<MetricData> converted = new ArrayList<>(metrics.size());
		for (MetricData metric : metrics) {
			converted.add(convert(metric, current));
		}
		this.previous = current;
		return converted;
	}

	/**
	 * Return how many streams are remembered.
	 * @return the number of streams
	 */
	synchronized int streams() {
		return this.previous.size();
	}

	private MetricData convert(MetricData metric, Map<Stream, PointData> current) {
		return switch (metric.getType()) {
			case LONG_SUM -> isConverted(metric.getLongSumData())
					? MetricDataCopies.withLongSumPoints(metric, DELTA,
							deltas(metric, metric.getLongSumData().getPoints(), current, CumulativeToDelta::delta))
					: metric;
			case DOUBLE_SUM -> isConverted(metric.getDoubleSumData())
					? MetricDataCopies.withDoubleSumPoints(metric, DELTA,
							deltas(metric, metric.getDoubleSumData().getPoints(), current, CumulativeToDelta::delta))
					: metric;
			case HISTOGRAM -> isCumulative(metric.getHistogramData().getAggregationTemporality())
					? MetricDataCopies.withHistogramPoints(metric, DELTA,
							deltas(metric, metric.getHistogramData().getPoints(), current, CumulativeToDelta::delta))
					: metric;
			case EXPONENTIAL_HISTOGRAM -> isCumulative(metric.getExponentialHistogramData().getAggregationTemporality())
					? MetricDataCopies.withExponentialHistogramPoints(metric, DELTA, deltas(metric,
							metric.getExponentialHistogramData().getPoints(), current, CumulativeToDelta::delta))
					: metric;
			default -> metric;
		};
	}

	private static boolean isConverted(SumData<?> sum) {
		return sum.isMonotonic() && isCumulative(sum.getAggregationTemporality());
	}

	private static boolean isCumulative(AggregationTemporality temporality) {
		return temporality == AggregationTemporality.CUMULATIVE;
	}

	@SuppressWarnings("unchecked")
	private <P extends PointData> List<P> deltas(MetricData metric, Collection<P> points,
			Map<Stream, PointData> current, Difference<P> difference) {
		List<P> deltas = new ArrayList<>(points.size());
		for (P point : points) {
			Stream stream = new Stream(metric.getInstrumentationScopeInfo(), metric.getName(), metric.getType(),
					point.getAttributes());
			current.put(stream, point);
			// The stream key holds the metric type, so the previous point has this type
			P before = (P) this.previous.get(stream);
			P delta = (before != null && before.getStartEpochNanos() == point.getStartEpochNanos())
					? difference.between(before, point) : point;
			if (delta != null) {
				deltas.add(delta);
			}
		}
		return deltas;
	}

	private static @Nullable LongPointData delta(LongPointData before, LongPointData after) {
		long value = after.getValue() - before.getValue();
		return (value < 0) ? null : MetricDataCopies.longPoint(after, before.getEpochNanos(), value);
	}

	private static @Nullable DoublePointData delta(DoublePointData before, DoublePointData after) {
		double value = after.getValue() - before.getValue();
		return (value < 0) ? null : MetricDataCopies.doublePoint(after, before.getEpochNanos(), value);
	}

	private static @Nullable HistogramPointData delta(HistogramPointData before, HistogramPointData after) {
		if (!before.getBoundaries().equals(after.getBoundaries())) {
			// Other buckets: a view changed, so the stream starts over
			return after;
		}
		List<Long> beforeCounts = before.getCounts();
		List<Long> afterCounts = after.getCounts();
		Long[] counts = new Long[afterCounts.size()];
		for (int i = 0; i < counts.length; i++) {
			long count = afterCounts.get(i) - beforeCounts.get(i);
			if (count < 0) {
				return null;
			}
			counts[i] = count;
		}
		return MetricDataCopies.histogramPoint(after, before.getEpochNanos(), after.getSum() - before.getSum(),
				Arrays.asList(counts));
	}

	private static @Nullable ExponentialHistogramPointData delta(ExponentialHistogramPointData before,
			ExponentialHistogramPointData after) {
		int scale = Math.min(before.getScale(), after.getScale());
		long zeroCount = after.getZeroCount() - before.getZeroCount();
		ExponentialHistogramBuckets positive = difference(before.getPositiveBuckets(), after.getPositiveBuckets(),
				scale);
		ExponentialHistogramBuckets negative = difference(before.getNegativeBuckets(), after.getNegativeBuckets(),
				scale);
		if (zeroCount < 0 || positive == null || negative == null) {
			return null;
		}
		return MetricDataCopies.exponentialHistogramPoint(after, before.getEpochNanos(),
				after.getSum() - before.getSum(), zeroCount, positive, negative);
	}

	/**
	 * Return the bucket-by-bucket difference of two sets of buckets at the given scale,
	 * at most the smaller of their own: lowering the scale by one merges each pair of
	 * neighbouring buckets, so bucket {@code i} becomes bucket {@code i >> 1}.
	 */
	private static @Nullable ExponentialHistogramBuckets difference(ExponentialHistogramBuckets before,
			ExponentialHistogramBuckets after, int scale) {
		int beforeShift = before.getScale() - scale;
		int afterShift = after.getScale() - scale;
		int low = Integer.MAX_VALUE;
		int high = Integer.MIN_VALUE;
		if (!before.getBucketCounts().isEmpty()) {
			low = before.getOffset() >> beforeShift;
			high = (before.getOffset() + before.getBucketCounts().size() - 1) >> beforeShift;
		}
		if (!after.getBucketCounts().isEmpty()) {
			low = Math.min(low, after.getOffset() >> afterShift);
			high = Math.max(high, (after.getOffset() + after.getBucketCounts().size() - 1) >> afterShift);
		}
		if (low > high) {
			return ExponentialHistogramBuckets.create(scale, 0, List.of());
		}
		long[] counts = new long[high - low + 1];
		add(counts, low, after, afterShift, 1);
		add(counts, low, before, beforeShift, -1);
		int first = 0;
		int last = counts.length - 1;
		for (long count : counts) {
			if (count < 0) {
				return null;
			}
		}
		while (first <= last && counts[first] == 0) {
			first++;
		}
		while (last >= first && counts[last] == 0) {
			last--;
		}
		List<Long> trimmed = new ArrayList<>(Math.max(0, last - first + 1));
		for (int i = first; i <= last; i++) {
			trimmed.add(counts[i]);
		}
		return ExponentialHistogramBuckets.create(scale, trimmed.isEmpty() ? 0 : low + first, trimmed);
	}

	private static void add(long[] counts, int low, ExponentialHistogramBuckets buckets, int shift, int sign) {
		List<Long> bucketCounts = buckets.getBucketCounts();
		for (int i = 0; i < bucketCounts.size(); i++) {
			counts[((buckets.getOffset() + i) >> shift) - low] += sign * bucketCounts.get(i);
		}
	}

	/**
	 * The difference between two cumulative points of one stream.
	 *
	 * @param <P> the type of point
	 */
	@FunctionalInterface
	private interface Difference<P extends PointData> {

		/**
		 * Return the delta point, or {@code null} when a value went down.
		 * @param before the point given last time
		 * @param after the point of this collection
		 * @return the delta point
		 */
		@Nullable P between(P before, P after);

	}

	/**
	 * One stream of one reader, whose meter provider has one resource.
	 */
	private record Stream(InstrumentationScopeInfo scope, String name, MetricDataType type, Attributes attributes) {

	}

}
