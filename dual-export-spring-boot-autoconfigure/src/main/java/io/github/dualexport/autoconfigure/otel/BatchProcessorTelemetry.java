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

import java.lang.reflect.Method;
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
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReaderBuilder;

/**
 * Reads the queue size, capacity and drops of one SDK batch processor from the
 * processor's own metrics, through a private meter provider that is read only on demand
 * and never exported. Where the SDK offers them (after 1.55) the processor is asked for
 * its {@link InternalTelemetryVersion#LATEST semantic-convention} metrics; before, it has
 * only its legacy ones ({@code queueSize}, {@code processedSpans} or
 * {@code processedLogs} with {@code dropped=true}), which are read instead, the capacity
 * then being the one configured.
 *
 * @author Dual Export contributors
 */
public final class BatchProcessorTelemetry implements MetricReader {

	private final String prefix;

	private final String legacyProcessed;

	private final long configuredCapacity;

	private final SdkMeterProvider meterProvider;

	private volatile CollectionRegistration registration = CollectionRegistration.noop();

	/**
	 * Create a reader for the processor metrics of the given item kind.
	 * @param itemKind 'span' or 'log', as in {@code otel.sdk.processor.span.queue.size}
	 * @param configuredCapacity the processor's queue capacity, reported when its metrics
	 * do not
	 */
	public BatchProcessorTelemetry(String itemKind, long configuredCapacity) {
		this.prefix = "otel.sdk.processor." + itemKind + ".";
		this.legacyProcessed = "span".equals(itemKind) ? "processedSpans" : "processedLogs";
		this.configuredCapacity = configuredCapacity;
		this.meterProvider = SdkMeterProvider.builder().registerMetricReader(this).build();
	}

	/**
	 * Return the meter provider to give the batch processor's builder.
	 * @return the private meter provider
	 */
	public MeterProvider meterProvider() {
		return this.meterProvider;
	}

	/**
	 * Ask a batch processor builder for its semantic-convention metrics, where its
	 * version offers them.
	 * @param batchProcessorBuilder a {@code BatchSpanProcessorBuilder} or
	 * {@code BatchLogRecordProcessorBuilder}
	 */
	public static void preferSemanticConventions(Object batchProcessorBuilder) {
		setInternalTelemetryVersion(batchProcessorBuilder, InternalTelemetryVersion.LATEST);
	}

	/**
	 * Switch off a periodic metric reader's own metrics, where its version has them: they
	 * would go to every backend through the meter provider.
	 * @param builder the reader's builder
	 */
	public static void withoutOwnMetrics(PeriodicMetricReaderBuilder builder) {
		setInternalTelemetryVersion(builder, InternalTelemetryVersion.LEGACY);
	}

	private static void setInternalTelemetryVersion(Object builder, InternalTelemetryVersion version) {
		Method method;
		try {
			method = builder.getClass().getMethod("setInternalTelemetryVersion", InternalTelemetryVersion.class);
		}
		catch (NoSuchMethodException ex) {
			return;
		}
		try {
			method.invoke(builder, version);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not set the internal telemetry version of " + builder, ex);
		}
	}

	/**
	 * Read the processor's queue.
	 * @return its size, capacity and the items it dropped
	 */
	public Reading read() {
		long size = 0;
		long capacity = this.configuredCapacity;
		long dropped = 0;
		Collection<MetricData> metrics = this.registration.collectAllMetrics();
		for (MetricData metric : metrics) {
			String name = metric.getName();
			if (name.equals(this.prefix + "queue.size")) {
				size = sum(metric.getLongSumData().getPoints(), false);
			}
			else if (name.equals(this.prefix + "queue.capacity")) {
				capacity = sum(metric.getLongSumData().getPoints(), false);
			}
			else if (name.equals(this.prefix + "processed")) {
				dropped = sum(metric.getLongSumData().getPoints(), true);
			}
			else if (name.equals("queueSize")) {
				size = sum(metric.getLongGaugeData().getPoints(), false);
			}
			else if (name.equals(this.legacyProcessed)) {
				dropped = sum(metric.getLongSumData().getPoints(), true);
			}
		}
		return new Reading(size, capacity, dropped);
	}

	private static long sum(Collection<LongPointData> points, boolean failedOnly) {
		long sum = 0;
		for (LongPointData point : points) {
			if (!failedOnly || isDrop(point)) {
				sum += point.getValue();
			}
		}
		return sum;
	}

	private static boolean isDrop(LongPointData point) {
		return point.getAttributes().asMap().entrySet().stream().anyMatch((entry) -> {
			String key = entry.getKey().getKey();
			return key.equals("error.type") || (key.equals("dropped") && Boolean.TRUE.equals(entry.getValue()));
		});
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

	/**
	 * A batch processor's queue.
	 *
	 * @param size the items queued
	 * @param capacity the items the queue holds at most
	 * @param dropped the items dropped because the queue was full
	 */
	public record Reading(long size, long capacity, long dropped) {
	}

}
