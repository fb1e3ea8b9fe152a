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
import java.util.Collection;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

import io.github.dualexport.autoconfigure.backend.Histogram;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Temporality;
import io.github.dualexport.autoconfigure.otel.BatchProcessorTelemetry;
import io.github.dualexport.autoconfigure.pipeline.QueueState;
import io.github.dualexport.autoconfigure.pipeline.capture.CaptureStage;
import io.github.dualexport.autoconfigure.pipeline.capture.FanOutExporters;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.redact.ExporterRedaction;
import io.github.dualexport.autoconfigure.pipeline.send.FanOut;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReaderBuilder;

/**
 * The metric capture stage of the backends that collect metrics at one interval: one
 * {@link PeriodicMetricReader}, so each measurement is aggregated once whatever the
 * number of backends and their temporalities, then one OTLP encoding of each collection
 * per temporality and redaction among them.
 * <p>
 * The reader aggregates cumulatively unless all its backends want the same temporality; a
 * delta backend beside a cumulative one receives the {@link CumulativeToDelta delta view}
 * of each collection. {@code low-memory} temporality needs the kind of each instrument
 * (synchronous or not), which collected metrics do not carry, so its backends get a
 * reader of their own. Histograms are aggregated with explicit buckets unless every
 * backend of the reader asks for exponential ones.
 *
 * @author Dual Export contributors
 */
public final class MetricCaptureStage extends CaptureStage {

	private static final Log logger = LogFactory.getLog(MetricCaptureStage.class);

	private final PeriodicMetricReader reader;

	private final MetricReader registeredReader = new SharedMetricReader();

	/**
	 * Build the metric capture stage of a group.
	 * @param id the group's id
	 * @param encodings the group's backends, by temporality and redaction, all with the
	 * same {@link #stageKey(ResolvedBackend) stage key}
	 */
	public MetricCaptureStage(String id, List<SignalPipelines.Encoding> encodings) {
		super(id, encodings.stream().map(SignalPipelines.Encoding::fanOut).toList());
		List<ResolvedBackend> backends = encodings.stream()
			.flatMap((encoding) -> encoding.backends().stream())
			.toList();
		Temporality temporality = temporality(backends);
		MetricSelectors selectors = MetricSelectors.of(temporality, histogram(id, backends));
		List<Encoder> encoders = encodings.stream()
			.map((encoding) -> Encoder.of(encoding, temporality, selectors))
			.toList();
		PeriodicMetricReaderBuilder builder = PeriodicMetricReader.builder(new EncodersExporter(encoders, selectors))
			.setInterval(backends.get(0).metrics().interval());
		BatchProcessorTelemetry.withoutOwnMetrics(builder);
		this.reader = builder.build();
	}

	/**
	 * Return the key of the stage a backend belongs to: its interval, and whether it
	 * wants {@code low-memory} temporality.
	 * @param backend the backend
	 * @return the key
	 */
	public static Object stageKey(ResolvedBackend backend) {
		return List.of(backend.metrics().interval(), backend.metrics().temporality() == Temporality.LOW_MEMORY);
	}

	/**
	 * Return the key of the encoding a backend belongs to within its stage: its
	 * temporality, its redaction and its resource attributes.
	 * @param backend the backend
	 * @return the key
	 */
	public static Object encodingKey(ResolvedBackend backend) {
		return List.of(backend.metrics().temporality(), backend.redaction(), backend.resourceAttributes());
	}

	private static Temporality temporality(List<ResolvedBackend> backends) {
		Temporality first = backends.get(0).metrics().temporality();
		boolean same = backends.stream().allMatch((backend) -> backend.metrics().temporality() == first);
		return same ? first : Temporality.CUMULATIVE;
	}

	private static Histogram histogram(String id, List<ResolvedBackend> backends) {
		if (backends.stream().allMatch((backend) -> backend.metrics().histogram() == Histogram.EXPONENTIAL)) {
			return Histogram.EXPONENTIAL;
		}
		List<String> explicit = backends.stream()
			.filter((backend) -> backend.metrics().histogram() == Histogram.EXPLICIT)
			.map(ResolvedBackend::name)
			.toList();
		backends.stream()
			.filter((backend) -> backend.metrics().histogram() == Histogram.EXPONENTIAL)
			.forEach((backend) -> logger.info(LogMessage.format(
					"Backend '%s' asks for exponential histograms but receives explicit-bucket histograms: "
							+ "its metrics are aggregated once (%s) with those of %s, which ask for explicit ones. "
							+ "Give it a metrics.interval of its own to keep exponential histograms",
					backend.name(), id, explicit)));
		return Histogram.EXPLICIT;
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
	 * The backends of one encoding: the view of each collection they receive, encoded
	 * once and handed to their fan-out.
	 *
	 * @param fanOut the fan-out to the backends
	 * @param delta the delta view of the collections, or {@code null} to pass them as
	 * they are
	 * @param exporter redacts and encodes
	 */
	private record Encoder(FanOut fanOut, @Nullable CumulativeToDelta delta, MetricExporter exporter) {

		static Encoder of(SignalPipelines.Encoding encoding, Temporality aggregated, MetricSelectors selectors) {
			ResolvedBackend settings = encoding.settings();
			MetricExporter exporter = FanOutExporters.metrics(encoding.fanOut(), selectors.temporality(),
					selectors.aggregation());
			exporter = ExporterRedaction.metrics(exporter, settings.redaction(), settings.resourceAttributes());
			boolean delta = aggregated == Temporality.CUMULATIVE
					&& settings.metrics().temporality() == Temporality.DELTA;
			return new Encoder(encoding.fanOut(), delta ? new CumulativeToDelta() : null, exporter);
		}

		CompletableResultCode export(Collection<MetricData> metrics) {
			if (!this.fanOut.isAccepting()) {
				// The delta view keeps its base: the next delta covers the time switched
				// off
				return CompletableResultCode.ofSuccess();
			}
			return this.exporter.export((this.delta != null) ? this.delta.convert(metrics) : metrics);
		}

	}

	/**
	 * The reader's exporter: hands each collection to every encoding.
	 */
	private static final class EncodersExporter implements MetricExporter {

		private final List<Encoder> encoders;

		private final MetricSelectors selectors;

		EncodersExporter(List<Encoder> encoders, MetricSelectors selectors) {
			this.encoders = encoders;
			this.selectors = selectors;
		}

		@Override
		public CompletableResultCode export(Collection<MetricData> metrics) {
			if (this.encoders.size() == 1) {
				return this.encoders.get(0).export(metrics);
			}
			List<CompletableResultCode> results = new ArrayList<>(this.encoders.size());
			for (Encoder encoder : this.encoders) {
				results.add(encoder.export(metrics));
			}
			return CompletableResultCode.ofAll(results);
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return this.selectors.temporality().getAggregationTemporality(instrumentType);
		}

		@Override
		public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
			return this.selectors.aggregation().getDefaultAggregation(instrumentType);
		}

		@Override
		public MemoryMode getMemoryMode() {
			// The delta views keep the previous collection's points
			return MemoryMode.IMMUTABLE_DATA;
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

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
