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

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.otel.BatchProcessorTelemetry;
import io.github.dualexport.autoconfigure.pipeline.QueueState;
import io.github.dualexport.autoconfigure.pipeline.capture.CaptureStage;
import io.github.dualexport.autoconfigure.pipeline.capture.FanOutExporters;
import io.github.dualexport.autoconfigure.pipeline.redact.ExporterRedaction;
import io.github.dualexport.autoconfigure.pipeline.send.FanOut;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReaderBuilder;

/**
 * The metric capture stage of a group of backends: one {@link PeriodicMetricReader} with
 * their common interval, temporality and histogram aggregation, their common redaction,
 * then one OTLP encoding of each collection for all of them.
 *
 * @author Dual Export contributors
 */
public final class MetricCaptureStage extends CaptureStage {

	private final PeriodicMetricReader reader;

	private final MetricReader registeredReader = new SharedMetricReader();

	/**
	 * Build the metric capture stage of a group.
	 * @param id the group's id
	 * @param settings a backend of the group, whose metric settings and redaction every
	 * member shares
	 * @param fanOut hands the encoded requests to the group's backends
	 */
	public MetricCaptureStage(String id, ResolvedBackend settings, FanOut fanOut) {
		super(id, fanOut);
		MetricSelectors selectors = MetricSelectors.of(settings.metrics());
		MetricExporter exporter = FanOutExporters.metrics(fanOut, selectors.temporality(), selectors.aggregation());
		exporter = ExporterRedaction.metrics(exporter, settings.redaction(), settings.resourceAttributes());
		PeriodicMetricReaderBuilder builder = PeriodicMetricReader.builder(exporter)
			.setInterval(settings.metrics().interval());
		BatchProcessorTelemetry.withoutOwnMetrics(builder);
		this.reader = builder.build();
	}

	/**
	 * Return the reader to register with the meter provider.
	 * @return the metric reader
	 */
	public MetricReader metricReader() {
		return this.registeredReader;
	}

	@Override
	public QueueState state() {
		return QueueState.NONE;
	}

	@Override
	public CompletableResultCode forceFlush() {
		return this.reader.forceFlush();
	}

	@Override
	protected CompletableResultCode doShutdown() {
		return this.reader.shutdown();
	}

	/**
	 * The reader the meter provider sees: the periodic reader, with a shutdown that runs
	 * once whether the provider or a backend's pipeline asks first.
	 */
	private final class SharedMetricReader implements MetricReader {

		@Override
		public void register(CollectionRegistration registration) {
			MetricCaptureStage.this.reader.register(registration);
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return MetricCaptureStage.this.reader.getAggregationTemporality(instrumentType);
		}

		@Override
		public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
			return MetricCaptureStage.this.reader.getDefaultAggregation(instrumentType);
		}

		@Override
		public MemoryMode getMemoryMode() {
			return MetricCaptureStage.this.reader.getMemoryMode();
		}

		@Override
		public CompletableResultCode forceFlush() {
			return MetricCaptureStage.this.forceFlush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return MetricCaptureStage.this.shutdown();
		}

		@Override
		public String toString() {
			return MetricCaptureStage.this.reader.toString();
		}

	}

}
