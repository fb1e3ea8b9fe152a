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

package io.github.dualexport.autoconfigure.pipeline.redact;

import java.util.Map;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Puts a backend group's redaction in front of a capture stage's exporter: the attributes
 * of spans, log records and metric points are removed or masked before they are encoded.
 * An empty redaction leaves the exporter as it is.
 *
 * @author Dual Export contributors
 */
public final class ExporterRedaction {

	private ExporterRedaction() {
	}

	/**
	 * Redact the spans an exporter receives.
	 * @param exporter the exporter
	 * @param redaction the keys to remove and to mask
	 * @param resourceAttributes the resource attributes to add or replace
	 * @return the redacting exporter, or the exporter itself when nothing changes
	 */
	public static SpanExporter spans(SpanExporter exporter, ResolvedBackend.Redaction redaction,
			Map<String, String> resourceAttributes) {
		AttributeRedactor redactor = new AttributeRedactor(redaction, resourceAttributes);
		return redactor.isEmpty() ? exporter : new RedactingSpanExporter(exporter, redactor);
	}

	/**
	 * Redact the log records an exporter receives.
	 * @param exporter the exporter
	 * @param redaction the keys to remove and to mask
	 * @param resourceAttributes the resource attributes to add or replace
	 * @return the redacting exporter, or the exporter itself when nothing changes
	 */
	public static LogRecordExporter logs(LogRecordExporter exporter, ResolvedBackend.Redaction redaction,
			Map<String, String> resourceAttributes) {
		AttributeRedactor redactor = new AttributeRedactor(redaction, resourceAttributes);
		return redactor.isEmpty() ? exporter : new RedactingLogRecordExporter(exporter, redactor);
	}

	/**
	 * Redact the metric points an exporter receives.
	 * @param exporter the exporter
	 * @param redaction the keys to remove and to mask
	 * @param resourceAttributes the resource attributes to add or replace
	 * @return the redacting exporter, or the exporter itself when nothing changes
	 */
	public static MetricExporter metrics(MetricExporter exporter, ResolvedBackend.Redaction redaction,
			Map<String, String> resourceAttributes) {
		AttributeRedactor redactor = new AttributeRedactor(redaction, resourceAttributes);
		return redactor.isEmpty() ? exporter : new RedactingMetricExporter(exporter, redactor);
	}

}
