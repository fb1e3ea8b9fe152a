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

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
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

import io.github.dualexport.autoconfigure.pipeline.AttributeRedactor;

/**
 * Exports copies of the collected metrics whose point attributes are redacted; the
 * reader's own data is never modified.
 *
 * @author Dual Export contributors
 */
final class RedactingMetricExporter extends ForwardingMetricExporter {

	private final AttributeRedactor redactor;

	RedactingMetricExporter(MetricExporter delegate, AttributeRedactor redactor) {
		super(delegate);
		this.redactor = redactor;
	}

	@Override
	public CompletableResultCode export(Collection<MetricData> metrics) {
		return super.export(metrics.stream().map(this::redact).toList());
	}

	private MetricData redact(MetricData metric) {
		return switch (metric.getType()) {
			case LONG_GAUGE -> ImmutableMetricData.createLongGauge(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableGaugeData.create(longPoints(metric.getLongGaugeData().getPoints())));
			case DOUBLE_GAUGE -> ImmutableMetricData.createDoubleGauge(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableGaugeData.create(doublePoints(metric.getDoubleGaugeData().getPoints())));
			case LONG_SUM -> ImmutableMetricData.createLongSum(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					sum(metric.getLongSumData(), longPoints(metric.getLongSumData().getPoints())));
			case DOUBLE_SUM -> ImmutableMetricData.createDoubleSum(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					sum(metric.getDoubleSumData(), doublePoints(metric.getDoubleSumData().getPoints())));
			case HISTOGRAM -> ImmutableMetricData.createDoubleHistogram(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableHistogramData.create(metric.getHistogramData().getAggregationTemporality(),
							metric.getHistogramData().getPoints().stream().map(this::histogramPoint).toList()));
			case EXPONENTIAL_HISTOGRAM -> ImmutableMetricData.createExponentialHistogram(metric.getResource(),
					metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
					ImmutableExponentialHistogramData.create(
							metric.getExponentialHistogramData().getAggregationTemporality(),
							metric.getExponentialHistogramData()
								.getPoints()
								.stream()
								.map(this::exponentialHistogramPoint)
								.toList()));
			case SUMMARY ->
				ImmutableMetricData.createDoubleSummary(metric.getResource(), metric.getInstrumentationScopeInfo(),
						metric.getName(), metric.getDescription(), metric.getUnit(), ImmutableSummaryData
							.create(metric.getSummaryData().getPoints().stream().map(this::summaryPoint).toList()));
		};
	}

	private static <T extends PointData> SumData<T> sum(SumData<?> original, List<T> points) {
		return ImmutableSumData.create(original.isMonotonic(), original.getAggregationTemporality(), points);
	}

	private List<LongPointData> longPoints(Collection<LongPointData> points) {
		return points.stream()
			.map((point) -> ImmutableLongPointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
					this.redactor.redact(point.getAttributes()), point.getValue(), point.getExemplars()))
			.toList();
	}

	private List<DoublePointData> doublePoints(Collection<DoublePointData> points) {
		return points.stream()
			.map((point) -> ImmutableDoublePointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
					this.redactor.redact(point.getAttributes()), point.getValue(), point.getExemplars()))
			.toList();
	}

	private HistogramPointData histogramPoint(HistogramPointData point) {
		return ImmutableHistogramPointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
				this.redactor.redact(point.getAttributes()), point.getSum(), point.hasMin(), point.getMin(),
				point.hasMax(), point.getMax(), point.getBoundaries(), point.getCounts(), point.getExemplars());
	}

	private ExponentialHistogramPointData exponentialHistogramPoint(ExponentialHistogramPointData point) {
		return ImmutableExponentialHistogramPointData.create(point.getScale(), point.getSum(), point.getZeroCount(),
				point.hasMin(), point.getMin(), point.hasMax(), point.getMax(), point.getPositiveBuckets(),
				point.getNegativeBuckets(), point.getStartEpochNanos(), point.getEpochNanos(),
				this.redactor.redact(point.getAttributes()), point.getExemplars());
	}

	private SummaryPointData summaryPoint(SummaryPointData point) {
		return ImmutableSummaryPointData.create(point.getStartEpochNanos(), point.getEpochNanos(),
				this.redactor.redact(point.getAttributes()), point.getCount(), point.getSum(), point.getValues());
	}

}
