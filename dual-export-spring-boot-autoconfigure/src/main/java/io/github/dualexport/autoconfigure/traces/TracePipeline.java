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

import java.util.List;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.AttributeRedactor;
import io.github.dualexport.autoconfigure.pipeline.ExportListener;
import io.github.dualexport.autoconfigure.pipeline.QueuedPipeline;

/**
 * One backend's span pipeline: the backend's sampling and drop rules, its own
 * {@link BatchSpanProcessor} (bounded queue that drops when full, export thread), then
 * its redaction in front of its own exporter.
 *
 * @author Dual Export contributors
 */
public final class TracePipeline extends QueuedPipeline {

	private static final BatchProcessorMethods<BatchSpanProcessorBuilder, BatchSpanProcessor> BATCH_SPAN_PROCESSOR = new BatchProcessorMethods<>(
			BatchSpanProcessorBuilder::setMaxQueueSize, BatchSpanProcessorBuilder::setMaxExportBatchSize,
			BatchSpanProcessorBuilder::setScheduleDelay, BatchSpanProcessorBuilder::setExporterTimeout,
			BatchSpanProcessorBuilder::setMeterProvider, BatchSpanProcessorBuilder::setInternalTelemetryVersion,
			BatchSpanProcessorBuilder::build, BatchSpanProcessor::forceFlush, BatchSpanProcessor::shutdown);

	private final BatchSpanProcessor processor;

	private final SpanSelector selector;

	private final SpanProcessor gate = new GatedSpanProcessor();

	/**
	 * Build the span pipeline of a backend.
	 * @param backend the resolved backend
	 * @param listeners told about every completed export request
	 */
	public TracePipeline(ResolvedBackend backend, List<ExportListener> listeners) {
		super(backend.name(), Signal.TRACES, listeners, "span");
		this.selector = new SpanSelector(backend.spanSelection());
		SpanExporter exporter = SpanExporterFactory.create(backend);
		AttributeRedactor redactor = new AttributeRedactor(backend.redaction());
		if (!redactor.isEmpty()) {
			exporter = new RedactingSpanExporter(exporter, redactor);
		}
		this.processor = buildProcessor(BatchSpanProcessor.builder(new RecordingSpanExporter(exporter, recorder())),
				backend.traces(), BATCH_SPAN_PROCESSOR);
	}

	/**
	 * Return the processor to register with the tracer provider.
	 * @return the span processor
	 */
	public SpanProcessor spanProcessor() {
		return this.gate;
	}

	/**
	 * Hands ended spans to the batch processor while the pipeline is enabled.
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
			if (accepting() && TracePipeline.this.selector.keeps(span)) {
				TracePipeline.this.processor.onEnd(span);
			}
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

}
