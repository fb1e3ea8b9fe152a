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

import java.util.Collection;

import io.github.dualexport.autoconfigure.otel.MetricDataCopies;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

/**
 * Exports copies of the collected metrics whose point attributes are redacted; the
 * reader's own data is never modified.
 *
 * @author Dual Export contributors
 */
final class RedactingMetricExporter extends ForwardingMetricExporter {

	private final AttributeRedactor redactor;

	RedactingMetricExporter(MetricExporter delegate, AttributeRedactor redactor) {
		super(delegate);
		this.redactor = redactor;
	}

	@Override
	public CompletableResultCode export(Collection<MetricData> metrics) {
		return super.export(metrics.stream()
			.map((metric) -> MetricDataCopies.rewrite(metric, this.redactor.resource(metric.getResource()),
					this.redactor::redact, this.redactor::redact))
			.toList());
	}

}
