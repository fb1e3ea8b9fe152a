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

import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

import io.github.dualexport.autoconfigure.pipeline.OtlpJsonLines;
import io.github.dualexport.autoconfigure.pipeline.OtlpJsonLinesExporter;

/**
 * Writes each collection of metrics as one OTLP-JSON line, with the backend's temporality
 * and histogram aggregation.
 *
 * @author Dual Export contributors
 */
final class ConsoleMetricExporter extends OtlpJsonLinesExporter<MetricData> implements MetricExporter {

	private final MetricSelectors selectors;

	ConsoleMetricExporter(OtlpJsonLines lines, MetricSelectors selectors) {
		super(lines, MetricsRequestMarshaler::create);
		this.selectors = selectors;
	}

	@Override
	public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
		return this.selectors.temporality().getAggregationTemporality(instrumentType);
	}

	@Override
	public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
		return this.selectors.aggregation().getDefaultAggregation(instrumentType);
	}

}
