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

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.OtlpJsonLines;
import io.github.dualexport.autoconfigure.pipeline.RetryPolicies;

/**
 * Builds a backend's span exporter with the official OTLP exporter builders.
 *
 * @author Dual Export contributors
 */
final class SpanExporterFactory {

	private SpanExporterFactory() {
	}

	static SpanExporter create(ResolvedBackend backend) {
		if (backend.isConsole()) {
			return new ConsoleSpanExporter(new OtlpJsonLines(System.out));
		}
		return switch (backend.protocol()) {
			case HTTP_PROTOBUF -> http(backend);
			case GRPC -> grpc(backend);
		};
	}

	private static SpanExporter http(ResolvedBackend backend) {
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setEndpoint(backend.endpoint(Signal.TRACES))
			.setTimeout(backend.timeout())
			.setCompression(backend.compression())
			.setRetryPolicy(RetryPolicies.of(backend.retry()))
			// The exporter's own metrics would otherwise initialise GlobalOpenTelemetry
			.setMeterProvider(MeterProvider::noop);
		backend.headers().forEach(builder::addHeader);
		return builder.build();
	}

	private static SpanExporter grpc(ResolvedBackend backend) {
		OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder()
			.setEndpoint(backend.endpoint(Signal.TRACES))
			.setTimeout(backend.timeout())
			.setCompression(backend.compression())
			.setRetryPolicy(RetryPolicies.of(backend.retry()))
			.setMeterProvider(MeterProvider::noop);
		backend.headers().forEach(builder::addHeader);
		return builder.build();
	}

}
