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
package io.github.dualexport.autoconfigure.logs;

import java.util.List;
import java.util.Locale;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessorBuilder;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.AttributeRedactor;
import io.github.dualexport.autoconfigure.pipeline.ExportListener;
import io.github.dualexport.autoconfigure.pipeline.QueuedPipeline;

/**
 * One backend's log record pipeline: a gate that lets through the records at or above the
 * backend's minimum severity, in front of its own {@link BatchLogRecordProcessor}
 * (bounded queue that drops when full, export thread) and exporter.
 *
 * @author Dual Export contributors
 */
public final class LogPipeline extends QueuedPipeline {

	private static final BatchProcessorMethods<BatchLogRecordProcessorBuilder, BatchLogRecordProcessor> BATCH_LOG_RECORD_PROCESSOR = new BatchProcessorMethods<>(
			BatchLogRecordProcessorBuilder::setMaxQueueSize, BatchLogRecordProcessorBuilder::setMaxExportBatchSize,
			BatchLogRecordProcessorBuilder::setScheduleDelay, BatchLogRecordProcessorBuilder::setExporterTimeout,
			BatchLogRecordProcessorBuilder::setMeterProvider,
			BatchLogRecordProcessorBuilder::setInternalTelemetryVersion, BatchLogRecordProcessorBuilder::build,
			BatchLogRecordProcessor::forceFlush, BatchLogRecordProcessor::shutdown);

	private final BatchLogRecordProcessor processor;

	private final int minSeverityNumber;

	private final LogRecordProcessor gate = new GatedLogRecordProcessor();

	/**
	 * Build the log record pipeline of a backend.
	 * @param backend the resolved backend
	 * @param listeners told about every completed export request
	 */
	public LogPipeline(ResolvedBackend backend, List<ExportListener> listeners) {
		super(backend.name(), Signal.LOGS, listeners, "log");
		this.minSeverityNumber = Severity.valueOf(backend.logs().minSeverity().toUpperCase(Locale.ROOT))
			.getSeverityNumber();
		LogRecordExporter exporter = LogRecordExporterFactory.create(backend);
		AttributeRedactor redactor = new AttributeRedactor(backend.redaction());
		if (!redactor.isEmpty()) {
			exporter = new RedactingLogRecordExporter(exporter, redactor);
		}
		this.processor = buildProcessor(
				BatchLogRecordProcessor.builder(new RecordingLogRecordExporter(exporter, recorder())),
				backend.logs().batch(), BATCH_LOG_RECORD_PROCESSOR);
	}

	/**
	 * Return the processor to register with the logger provider.
	 * @return the log record processor
	 */
	public LogRecordProcessor logRecordProcessor() {
		return this.gate;
	}

	private boolean isSevereEnough(Severity severity) {
		int number = severity.getSeverityNumber();
		// A record without a severity was never ranked: leaving it out would lose it
		// silently
		return number == Severity.UNDEFINED_SEVERITY_NUMBER.getSeverityNumber() || number >= this.minSeverityNumber;
	}

	/**
	 * Hands emitted records at or above the minimum severity to the batch processor while
	 * the pipeline is enabled.
	 */
	private final class GatedLogRecordProcessor extends Gate implements LogRecordProcessor {

		@Override
		public void onEmit(Context context, ReadWriteLogRecord logRecord) {
			if (accepting() && isSevereEnough(logRecord.getSeverity())) {
				LogPipeline.this.processor.onEmit(context, logRecord);
			}
		}

	}

}
