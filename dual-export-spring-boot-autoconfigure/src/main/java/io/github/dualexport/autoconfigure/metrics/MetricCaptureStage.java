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
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.AbstractSignalPipeline;
import io.github.dualexport.autoconfigure.pipeline.AttributeRedactor;
import io.github.dualexport.autoconfigure.pipeline.ExportListener;
import io.github.dualexport.autoconfigure.pipeline.QueueState;

/**
 * One backend's metric pipeline: its own {@link PeriodicMetricReader} (interval,
 * collection and export thread) in front of its own exporter, with the backend's
 * temporality and histogram aggregation. The SDK keeps separate aggregation state per
 * reader, so backends with different temporalities never share points.
 * <p>
 * Switched off, the reader keeps collecting but nothing is exported.
 *
 * @author Dual Export contributors
 */
public final class MetricPipeline extends AbstractSignalPipeline {

	private final PeriodicMetricReader reader;

	private final MetricReader registeredReader = new AsyncShutdownMetricReader();

	private final AtomicReference<CompletableResultCode> shutdown = new AtomicReference<>();

	/**
	 * Build the metric pipeline of a backend.
	 * @param backend the resolved backend
	 * @param listeners told about every completed export request
	 */
	public MetricPipeline(ResolvedBackend backend, List<ExportListener> listeners) {
		super(backend.name(), Signal.METRICS, listeners);
		MetricExporter exporter = MetricExporterFactory.create(backend);
		AttributeRedactor redactor = new AttributeRedactor(backend.redaction());
		if (!redactor.isEmpty()) {
			exporter = new RedactingMetricExporter(exporter, redactor);
		}
		this.reader = PeriodicMetricReader.builder(new GatedMetricExporter(exporter))
			.setInterval(backend.metrics().interval())
			// Wait for a request as long as it may take, so that at most one is in flight
			.setExporterTimeout(backend.timeout())
			// Its own metrics would go to every backend through the provider: opt-in
			.setInternalTelemetryVersion(InternalTelemetryVersion.LEGACY)
			.build();
	}

	/**
	 * Return the reader to register with the meter provider.
	 * @return the metric reader
	 */
	public MetricReader metricReader() {
		return this.registeredReader;
	}

	@Override
	protected QueueState queueState() {
		return QueueState.NONE;
	}

	@Override
	public CompletableResultCode forceFlush() {
		return this.reader.forceFlush();
	}

	@Override
	public CompletableResultCode shutdown() {
		CompletableResultCode result = new CompletableResultCode();
		if (!this.shutdown.compareAndSet(null, result)) {
			return this.shutdown.get();
		}
		// The reader's shutdown blocks until its last export ends or times out: run it
		// aside so that a dead backend does not hold up the shutdown of the others
		Thread thread = new Thread(() -> {
			CompletableResultCode readerShutdown = this.reader.shutdown();
			readerShutdown.whenComplete(() -> complete(result, readerShutdown.isSuccess()));
		}, "dual-export-metrics-shutdown-" + backend());
		thread.setDaemon(true);
		thread.start();
		return result;
	}

	private static void complete(CompletableResultCode result, boolean success) {
		if (success) {
			result.succeed();
		}
		else {
			result.fail();
		}
	}

	private static int points(Collection<MetricData> metrics) {
		int points = 0;
		for (MetricData metric : metrics) {
			points += metric.getData().getPoints().size();
		}
		return points;
	}

	/**
	 * Records each export request and skips it while the pipeline is switched off.
	 */
	private final class GatedMetricExporter extends ForwardingMetricExporter {

		GatedMetricExporter(MetricExporter delegate) {
			super(delegate);
		}

		@Override
		public CompletableResultCode export(Collection<MetricData> metrics) {
			if (!accepting()) {
				return CompletableResultCode.ofSuccess();
			}
			return recorder().record(points(metrics), () -> super.export(metrics));
		}

	}

	/**
	 * The reader as the meter provider sees it: the provider shuts its readers down one
	 * after the other, so this one hands the blocking shutdown to the pipeline.
	 */
	private final class AsyncShutdownMetricReader implements MetricReader {

		@Override
		public void register(CollectionRegistration registration) {
			MetricPipeline.this.reader.register(registration);
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return MetricPipeline.this.reader.getAggregationTemporality(instrumentType);
		}

		@Override
		public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
			return MetricPipeline.this.reader.getDefaultAggregation(instrumentType);
		}

		@Override
		public MemoryMode getMemoryMode() {
			return MetricPipeline.this.reader.getMemoryMode();
		}

		@Override
		public CompletableResultCode forceFlush() {
			return MetricPipeline.this.forceFlush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return MetricPipeline.this.shutdown();
		}

		@Override
		public String toString() {
			return MetricPipeline.this.reader.toString();
		}

	}

}
