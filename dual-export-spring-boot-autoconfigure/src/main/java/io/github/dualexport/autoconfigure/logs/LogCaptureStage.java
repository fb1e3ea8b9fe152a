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

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.pipeline.capture.FanOutExporters;
import io.github.dualexport.autoconfigure.pipeline.capture.QueuedCaptureStage;
import io.github.dualexport.autoconfigure.pipeline.redact.ExporterRedaction;
import io.github.dualexport.autoconfigure.pipeline.send.FanOut;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessorBuilder;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

/**
 * The log record capture stage of a group of backends: their common minimum severity, one
 * {@link BatchLogRecordProcessor} (bounded queue that drops when full, batching thread),
 * their common redaction, then one OTLP encoding of each batch for all of them.
 *
 * @author Dual Export contributors
 */
public final class LogCaptureStage extends QueuedCaptureStage {

	private static final BatchProcessorMethods<BatchLogRecordProcessorBuilder, BatchLogRecordProcessor> BATCH_LOG_RECORD_PROCESSOR = new BatchProcessorMethods<>(
			BatchLogRecordProcessorBuilder::setMaxQueueSize, BatchLogRecordProcessorBuilder::setMaxExportBatchSize,
			BatchLogRecordProcessorBuilder::setScheduleDelay, BatchLogRecordProcessorBuilder::setExporterTimeout,
			BatchLogRecordProcessorBuilder::setMeterProvider, BatchLogRecordProcessorBuilder::build,
			BatchLogRecordProcessor::forceFlush, BatchLogRecordProcessor::shutdown);

	private final BatchLogRecordProcessor processor;

	private final int minSeverityNumber;

	private final LogRecordProcessor gate = new GatedLogRecordProcessor();

	/**
	 * Build the log record capture stage of a group.
	 * @param id the group's id
	 * @param settings a backend of the group, whose severity, redaction and batching
	 * every member shares
	 * @param fanOut hands the encoded requests to the group's backends
	 */
	public LogCaptureStage(String id, ResolvedBackend settings, FanOut fanOut) {
		super(id, fanOut, "log");
		this.minSeverityNumber = settings.logs().minSeverity().lowestOpenTelemetrySeverity().getSeverityNumber();
		LogRecordExporter exporter = FanOutExporters.logs(fanOut);
		exporter = ExporterRedaction.logs(exporter, settings.redaction(), settings.resourceAttributes());
		this.processor = buildProcessor(BatchLogRecordProcessor.builder(exporter), settings.logs().batch(),
				BATCH_LOG_RECORD_PROCESSOR);
	}

	/**
	 * Return the processor to register with the logger provider.
	 * @return the log record processor
	 */
	public LogRecordProcessor logRecordProcessor() {
		return this.gate;
	}

	/**
	 * Count, as dropped, a log event that arrived after the stage was shut down, if the
	 * stage would have taken it.
	 * @param severity the event's severity
	 * @return whether the stage is shut down
	 */
	boolean dropIfShutdown(Severity severity) {
		if (!isShutdown()) {
			return false;
		}
		if (fanOut().isAccepting() && isSevereEnough(severity)) {
			dropAfterShutdown();
		}
		return true;
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
			if (fanOut().isAccepting() && isSevereEnough(logRecord.getSeverity())) {
				if (isShutdown()) {
					// The batch processor would queue it for ever, uncounted
					dropAfterShutdown();
					return;
				}
				LogCaptureStage.this.processor.onEmit(context, logRecord);
			}
		}

	}

}
