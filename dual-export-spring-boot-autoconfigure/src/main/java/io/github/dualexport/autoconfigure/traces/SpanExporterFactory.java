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

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.OtlpExporterOptions;
import io.github.dualexport.autoconfigure.pipeline.OtlpJsonLines;

/**
 * Builds a backend's span exporter with the official OTLP exporter builders.
 *
 * @author Dual Export contributors
 */
final class SpanExporterFactory {

	private static final OtlpExporterOptions.Setters<OtlpHttpSpanExporterBuilder> HTTP = new OtlpExporterOptions.Setters<>(
			OtlpHttpSpanExporterBuilder::setEndpoint, OtlpHttpSpanExporterBuilder::setTimeout,
			OtlpHttpSpanExporterBuilder::setCompression, OtlpHttpSpanExporterBuilder::addHeader,
			OtlpHttpSpanExporterBuilder::setRetryPolicy, OtlpHttpSpanExporterBuilder::setMeterProvider);

	private static final OtlpExporterOptions.Setters<OtlpGrpcSpanExporterBuilder> GRPC = new OtlpExporterOptions.Setters<>(
			OtlpGrpcSpanExporterBuilder::setEndpoint, OtlpGrpcSpanExporterBuilder::setTimeout,
			OtlpGrpcSpanExporterBuilder::setCompression, OtlpGrpcSpanExporterBuilder::addHeader,
			OtlpGrpcSpanExporterBuilder::setRetryPolicy, OtlpGrpcSpanExporterBuilder::setMeterProvider);

	private SpanExporterFactory() {
	}

	static SpanExporter create(ResolvedBackend backend) {
		if (backend.isConsole()) {
			return new ConsoleSpanExporter(new OtlpJsonLines(System.out));
		}
		OtlpExporterOptions options = OtlpExporterOptions.of(backend, Signal.TRACES);
		return switch (backend.protocol()) {
			case HTTP_PROTOBUF -> options.applyTo(OtlpHttpSpanExporter.builder(), HTTP).build();
			case GRPC -> options.applyTo(OtlpGrpcSpanExporter.builder(), GRPC).build();
		};
	}

}
