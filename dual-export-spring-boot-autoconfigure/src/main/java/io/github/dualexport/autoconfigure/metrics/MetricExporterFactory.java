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

import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.OtlpExporterOptions;
import io.github.dualexport.autoconfigure.pipeline.OtlpJsonLines;

/**
 * Builds a backend's metric exporter with the official OTLP exporter builders, with the
 * backend's temporality and histogram aggregation.
 * <p>
 * The exporters use {@link MemoryMode#IMMUTABLE_DATA}: an OTLP request serializes its
 * points on the sender's thread, again on each retry, and may outlive the reader's
 * collection cycle, whose next collection would overwrite reused points under it.
 *
 * @author Dual Export contributors
 */
final class MetricExporterFactory {

	private static final OtlpExporterOptions.Setters<OtlpHttpMetricExporterBuilder> HTTP = new OtlpExporterOptions.Setters<>(
			OtlpHttpMetricExporterBuilder::setEndpoint, OtlpHttpMetricExporterBuilder::setTimeout,
			OtlpHttpMetricExporterBuilder::setCompression, OtlpHttpMetricExporterBuilder::addHeader,
			OtlpHttpMetricExporterBuilder::setRetryPolicy, OtlpHttpMetricExporterBuilder::setMeterProvider);

	private static final OtlpExporterOptions.Setters<OtlpGrpcMetricExporterBuilder> GRPC = new OtlpExporterOptions.Setters<>(
			OtlpGrpcMetricExporterBuilder::setEndpoint, OtlpGrpcMetricExporterBuilder::setTimeout,
			OtlpGrpcMetricExporterBuilder::setCompression, OtlpGrpcMetricExporterBuilder::addHeader,
			OtlpGrpcMetricExporterBuilder::setRetryPolicy, OtlpGrpcMetricExporterBuilder::setMeterProvider);

	private MetricExporterFactory() {
	}

	static MetricExporter create(ResolvedBackend backend) {
		MetricSelectors selectors = MetricSelectors.of(backend.metrics());
		if (backend.isConsole()) {
			return new ConsoleMetricExporter(new OtlpJsonLines(System.out), selectors);
		}
		OtlpExporterOptions options = OtlpExporterOptions.of(backend, Signal.METRICS);
		return switch (backend.protocol()) {
			case HTTP_PROTOBUF -> options.applyTo(OtlpHttpMetricExporter.builder(), HTTP)
				.setAggregationTemporalitySelector(selectors.temporality())
				.setDefaultAggregationSelector(selectors.aggregation())
				.setMemoryMode(MemoryMode.IMMUTABLE_DATA)
				.build();
			case GRPC -> options.applyTo(OtlpGrpcMetricExporter.builder(), GRPC)
				.setAggregationTemporalitySelector(selectors.temporality())
				.setDefaultAggregationSelector(selectors.aggregation())
				.setMemoryMode(MemoryMode.IMMUTABLE_DATA)
				.build();
		};
	}

}
