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

package io.github.dualexport.autoconfigure.pipeline.capture;

import java.util.Collection;

import io.github.dualexport.autoconfigure.otel.OtlpMessage;
import io.github.dualexport.autoconfigure.pipeline.send.FanOut;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The exporters at the end of a capture stage, one per signal: each encodes a batch once
 * with the official OTLP marshaller and hands it to the {@link FanOut} of its group. They
 * never wait for a backend, so flushing and shutting them down has nothing to do; the
 * send queues behind the fan-out are flushed and shut down by the pipelines.
 *
 * @author Dual Export contributors
 */
public final class FanOutExporters {

	private FanOutExporters() {
	}

	/**
	 * Return the exporter of a span capture stage.
	 * @param fanOut the group's fan-out
	 * @return the exporter
	 */
	public static SpanExporter spans(FanOut fanOut) {
		return new Spans(fanOut);
	}

	/**
	 * Return the exporter of a log record capture stage.
	 * @param fanOut the group's fan-out
	 * @return the exporter
	 */
	public static LogRecordExporter logs(FanOut fanOut) {
		return new Logs(fanOut);
	}

	/**
	 * Return the exporter of a metric capture stage. A collection is skipped while no
	 * backend of the group takes new items.
	 * @param fanOut the group's fan-out
	 * @param temporality the group's aggregation temporality
	 * @param aggregation the group's default aggregation
	 * @return the exporter
	 */
	public static MetricExporter metrics(FanOut fanOut, AggregationTemporalitySelector temporality,
			DefaultAggregationSelector aggregation) {
		return new Metrics(fanOut, temporality, aggregation);
	}

	private abstract static class FanOutExporter {

		private final FanOut fanOut;

		FanOutExporter(FanOut fanOut) {
			this.fanOut = fanOut;
		}

		final FanOut fanOut() {
			return this.fanOut;
		}

		public final CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		public final CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	private static final class Spans extends FanOutExporter implements SpanExporter {

		Spans(FanOut fanOut) {
			super(fanOut);
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			return fanOut().deliver(OtlpMessage.ofSpans(spans), spans.size());
		}

	}

	private static final class Logs extends FanOutExporter implements LogRecordExporter {

		Logs(FanOut fanOut) {
			super(fanOut);
		}

		@Override
		public CompletableResultCode export(Collection<LogRecordData> logs) {
			return fanOut().deliver(OtlpMessage.ofLogs(logs), logs.size());
		}

	}

	private static final class Metrics extends FanOutExporter implements MetricExporter {

		private final AggregationTemporalitySelector temporality;

		private final DefaultAggregationSelector aggregation;

		Metrics(FanOut fanOut, AggregationTemporalitySelector temporality, DefaultAggregationSelector aggregation) {
			super(fanOut);
			this.temporality = temporality;
			this.aggregation = aggregation;
		}

		@Override
		public CompletableResultCode export(Collection<MetricData> metrics) {
			if (!fanOut().isAccepting()) {
				return CompletableResultCode.ofSuccess();
			}
			return fanOut().deliver(OtlpMessage.ofMetrics(metrics), points(metrics));
		}

		private static int points(Collection<MetricData> metrics) {
			int points = 0;
			for (MetricData metric : metrics) {
				points += metric.getData().getPoints().size();
			}
			return points;
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return this.temporality.getAggregationTemporality(instrumentType);
		}

		@Override
		public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
			return this.aggregation.getDefaultAggregation(instrumentType);
		}

		@Override
		public MemoryMode getMemoryMode() {
			// Redaction wraps the points; encoding happens before the next collection
			return MemoryMode.IMMUTABLE_DATA;
		}

	}

}
