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

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Exports redacted views of spans: the shared {@link SpanData} other backends export is
 * never modified.
 *
 * @author Dual Export contributors
 */
final class RedactingSpanExporter extends RedactingExporter<SpanData> implements SpanExporter {

	RedactingSpanExporter(SpanExporter delegate, AttributeRedactor redactor) {
		super(delegate::export, delegate::flush, delegate::shutdown, (span) -> new RedactedSpanData(span, redactor));
	}

	private static final class RedactedSpanData extends DelegatingSpanData {

		private final Attributes attributes;

		private final List<EventData> events;

		private final List<LinkData> links;

		private final Resource resource;

		RedactedSpanData(SpanData span, AttributeRedactor redactor) {
			super(span);
			this.resource = redactor.resource(span.getResource());
			this.attributes = redactor.redact(span.getAttributes());
			this.links = span.getLinks()
				.stream()
				.map((link) -> LinkData.create(link.getSpanContext(), redactor.redact(link.getAttributes()),
						link.getTotalAttributeCount()))
				.toList();
			this.events = span.getEvents()
				.stream()
				.map((event) -> EventData.create(event.getEpochNanos(), event.getName(),
						redactor.redact(event.getAttributes()), event.getTotalAttributeCount()))
				.toList();
		}

		@Override
		public Attributes getAttributes() {
			return this.attributes;
		}

		@Override
		public List<EventData> getEvents() {
			return this.events;
		}

		@Override
		public List<LinkData> getLinks() {
			return this.links;
		}

		@Override
		public Resource getResource() {
			return this.resource;
		}

	}

}
