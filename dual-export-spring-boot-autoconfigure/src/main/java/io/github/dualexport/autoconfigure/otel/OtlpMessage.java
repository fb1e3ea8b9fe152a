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

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * One OTLP export request, encoded by the official exporters' own marshallers, so that
 * the bytes are exactly what those exporters would send.
 *
 * @author Dual Export contributors
 */
public final class OtlpMessage {

	private final Marshaler marshaler;

	private OtlpMessage(Marshaler marshaler) {
		this.marshaler = marshaler;
	}

	/**
	 * Create the export request of spans.
	 * @param spans the spans
	 * @return the request
	 */
	public static OtlpMessage ofSpans(Collection<SpanData> spans) {
		return new OtlpMessage(TraceRequestMarshaler.create(spans));
	}

	/**
	 * Create the export request of metrics.
	 * @param metrics the metrics
	 * @return the request
	 */
	public static OtlpMessage ofMetrics(Collection<MetricData> metrics) {
		return new OtlpMessage(MetricsRequestMarshaler.create(metrics));
	}

	/**
	 * Create the export request of log records.
	 * @param logs the log records
	 * @return the request
	 */
	public static OtlpMessage ofLogs(Collection<LogRecordData> logs) {
		return new OtlpMessage(LogsRequestMarshaler.create(logs));
	}

	/**
	 * Return the size of the protobuf encoding.
	 * @return the size in bytes
	 */
	public int protobufSize() {
		return this.marshaler.getBinarySerializedSize();
	}

	/**
	 * Write the request as a protobuf message.
	 * @param output where to write
	 * @throws IOException if writing fails
	 */
	public void writeProtobuf(OutputStream output) throws IOException {
		this.marshaler.writeBinaryTo(output);
	}

	/**
	 * Write the request as OTLP JSON.
	 * @param output where to write
	 * @throws IOException if writing fails
	 */
	public void writeJson(OutputStream output) throws IOException {
		this.marshaler.writeJsonTo(output);
	}

}
