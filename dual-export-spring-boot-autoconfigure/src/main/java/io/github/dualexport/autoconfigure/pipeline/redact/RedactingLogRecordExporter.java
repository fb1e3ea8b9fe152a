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

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;

/**
 * Exports redacted views of log records: the shared {@link LogRecordData} other backends
 * export is never modified.
 *
 * @author Dual Export contributors
 */
final class RedactingLogRecordExporter extends RedactingExporter<LogRecordData> implements LogRecordExporter {

	RedactingLogRecordExporter(LogRecordExporter delegate, AttributeRedactor redactor) {
		super(delegate::export, delegate::flush, delegate::shutdown, (log) -> new RedactedLogRecordData(log,
				redactor.resource(log.getResource()), redactor.redact(log.getAttributes())));
	}

	/**
	 * A log record with another resource and other attributes.
	 */
	private record RedactedLogRecordData(LogRecordData delegate, Resource resource,
			Attributes attributes) implements LogRecordData {

		@Override
		public Resource getResource() {
			return this.resource;
		}

		@Override
		public InstrumentationScopeInfo getInstrumentationScopeInfo() {
			return this.delegate.getInstrumentationScopeInfo();
		}

		@Override
		public long getTimestampEpochNanos() {
			return this.delegate.getTimestampEpochNanos();
		}

		@Override
		public long getObservedTimestampEpochNanos() {
			return this.delegate.getObservedTimestampEpochNanos();
		}

		@Override
		public SpanContext getSpanContext() {
			return this.delegate.getSpanContext();
		}

		@Override
		public Severity getSeverity() {
			return this.delegate.getSeverity();
		}

		@Override
		public String getSeverityText() {
			return this.delegate.getSeverityText();
		}

		@Override
		@Deprecated
		@SuppressWarnings("deprecation")
		public Body getBody() {
			return this.delegate.getBody();
		}

		@Override
		public Value<?> getBodyValue() {
			return this.delegate.getBodyValue();
		}

		@Override
		public Attributes getAttributes() {
			return this.attributes;
		}

		@Override
		public int getTotalAttributeCount() {
			return this.delegate.getTotalAttributeCount();
		}

		@Override
		public String getEventName() {
			return this.delegate.getEventName();
		}

	}

}
