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
package io.github.dualexport.autoconfigure.traces;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.pipeline.capture.FanOutExporters;
import io.github.dualexport.autoconfigure.pipeline.capture.QueuedCaptureStage;
import io.github.dualexport.autoconfigure.pipeline.redact.ExporterRedaction;
import io.github.dualexport.autoconfigure.pipeline.send.FanOut;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The span capture stage of a group of backends: their common sampling and drop rules,
 * one {@link BatchSpanProcessor} (bounded queue that drops when full, batching thread),
 * their common redaction, then one OTLP encoding of each batch for all of them.
 *
 * @author Dual Export contributors
 */
public final class TraceCaptureStage extends QueuedCaptureStage {

	private static final BatchProcessorMethods<BatchSpanProcessorBuilder, BatchSpanProcessor> BATCH_SPAN_PROCESSOR = new BatchProcessorMethods<>(
			BatchSpanProcessorBuilder::setMaxQueueSize, BatchSpanProcessorBuilder::setMaxExportBatchSize,
			BatchSpanProcessorBuilder::setScheduleDelay, BatchSpanProcessorBuilder::setExporterTimeout,
			BatchSpanProcessorBuilder::setMeterProvider, BatchSpanProcessorBuilder::build,
			BatchSpanProcessor::forceFlush, BatchSpanProcessor::shutdown);

	private final BatchSpanProcessor processor;

	private final SpanSelector selector;

	private final SpanProcessor gate = new GatedSpanProcessor();

	/**
	 * Build the span capture stage of a group.
	 * @param id the group's id
	 * @param settings a backend of the group, whose selection, redaction and batching
	 * every member shares
	 * @param fanOut hands the encoded requests to the group's backends
	 */
	public TraceCaptureStage(String id, ResolvedBackend settings, FanOut fanOut) {
		super(id, fanOut, "span");
		this.selector = new SpanSelector(settings.traces().selection());
		SpanExporter exporter = FanOutExporters.spans(fanOut);
		exporter = ExporterRedaction.spans(exporter, settings.redaction(), settings.resourceAttributes());
		this.processor = buildProcessor(BatchSpanProcessor.builder(exporter), settings.traces().batch(),
				BATCH_SPAN_PROCESSOR);
	}

	/**
	 * Return the processor to register with the tracer provider.
	 * @return the span processor
	 */
	public SpanProcessor spanProcessor() {
		return this.gate;
	}

	/**
	 * Hands ended spans to the batch processor while a backend of the group is enabled.
	 */
	private final class GatedSpanProcessor extends Gate implements SpanProcessor {

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			if (fanOut().isAccepting() && TraceCaptureStage.this.selector.keeps(span)) {
				if (isShutdown()) {
					// The batch processor would queue it for ever, uncounted
					dropAfterShutdown();
					return;
				}
				TraceCaptureStage.this.processor.onEnd(span);
			}
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

}
