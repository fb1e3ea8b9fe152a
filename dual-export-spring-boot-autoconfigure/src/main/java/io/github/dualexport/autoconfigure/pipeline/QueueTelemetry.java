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
package io.github.dualexport.autoconfigure.pipeline;

import java.util.Collection;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * Reads the queue size, capacity and drops of one SDK batch processor from the
 * processor's own {@link InternalTelemetryVersion#LATEST semantic-convention} metrics,
 * through a private meter provider that is read only on demand and never exported.
 *
 * @author Dual Export contributors
 */
public final class QueueTelemetry implements MetricReader {

	private final String prefix;

	private final SdkMeterProvider meterProvider;

	private volatile CollectionRegistration registration = CollectionRegistration.noop();

	/**
	 * Create a reader for the processor metrics of the given item kind.
	 * @param itemKind 'span' or 'log', as in {@code otel.sdk.processor.span.queue.size}
	 */
	public QueueTelemetry(String itemKind) {
		this.prefix = "otel.sdk.processor." + itemKind + ".";
		this.meterProvider = SdkMeterProvider.builder().registerMetricReader(this).build();
	}

	/**
	 * Return the meter provider to give the batch processor's builder, together with
	 * {@link InternalTelemetryVersion#LATEST}.
	 * @return the private meter provider
	 */
	public MeterProvider meterProvider() {
		return this.meterProvider;
	}

	QueueState read() {
		long size = 0;
		long capacity = 0;
		long dropped = 0;
		Collection<MetricData> metrics = this.registration.collectAllMetrics();
		for (MetricData metric : metrics) {
			String name = metric.getName();
			if (name.equals(this.prefix + "queue.size")) {
				size = sum(metric, false);
			}
			else if (name.equals(this.prefix + "queue.capacity")) {
				capacity = sum(metric, false);
			}
			else if (name.equals(this.prefix + "processed")) {
				dropped = sum(metric, true);
			}
		}
		return new QueueState(size, capacity, dropped, 0);
	}

	private static long sum(MetricData metric, boolean failedOnly) {
		long sum = 0;
		for (LongPointData point : metric.getLongSumData().getPoints()) {
			boolean failed = point.getAttributes()
				.asMap()
				.keySet()
				.stream()
				.anyMatch((key) -> key.getKey().equals("error.type"));
			if (!failedOnly || failed) {
				sum += point.getValue();
			}
		}
		return sum;
	}

	@Override
	public void register(CollectionRegistration registration) {
		this.registration = registration;
	}

	@Override
	public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
		return AggregationTemporality.CUMULATIVE;
	}

	@Override
	public CompletableResultCode forceFlush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

}
