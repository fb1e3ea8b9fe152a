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

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.OtlpExporterOptions;
import io.github.dualexport.autoconfigure.pipeline.OtlpJsonLines;

/**
 * Builds a backend's log record exporter with the official OTLP exporter builders.
 *
 * @author Dual Export contributors
 */
final class LogRecordExporterFactory {

	private static final OtlpExporterOptions.Setters<OtlpHttpLogRecordExporterBuilder> HTTP = new OtlpExporterOptions.Setters<>(
			OtlpHttpLogRecordExporterBuilder::setEndpoint, OtlpHttpLogRecordExporterBuilder::setTimeout,
			OtlpHttpLogRecordExporterBuilder::setCompression, OtlpHttpLogRecordExporterBuilder::addHeader,
			OtlpHttpLogRecordExporterBuilder::setRetryPolicy, OtlpHttpLogRecordExporterBuilder::setMeterProvider);

	private static final OtlpExporterOptions.Setters<OtlpGrpcLogRecordExporterBuilder> GRPC = new OtlpExporterOptions.Setters<>(
			OtlpGrpcLogRecordExporterBuilder::setEndpoint, OtlpGrpcLogRecordExporterBuilder::setTimeout,
			OtlpGrpcLogRecordExporterBuilder::setCompression, OtlpGrpcLogRecordExporterBuilder::addHeader,
			OtlpGrpcLogRecordExporterBuilder::setRetryPolicy, OtlpGrpcLogRecordExporterBuilder::setMeterProvider);

	private LogRecordExporterFactory() {
	}

	static LogRecordExporter create(ResolvedBackend backend) {
		if (backend.isConsole()) {
			return new ConsoleLogRecordExporter(new OtlpJsonLines(System.out));
		}
		OtlpExporterOptions options = OtlpExporterOptions.of(backend, Signal.LOGS);
		return switch (backend.protocol()) {
			case HTTP_PROTOBUF -> options.applyTo(OtlpHttpLogRecordExporter.builder(), HTTP).build();
			case GRPC -> options.applyTo(OtlpGrpcLogRecordExporter.builder(), GRPC).build();
		};
	}

}
