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

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import io.github.dualexport.autoconfigure.pipeline.OtlpJsonLines;
import io.github.dualexport.autoconfigure.pipeline.OtlpJsonLinesExporter;

/**
 * Writes each batch of spans as one OTLP-JSON line.
 *
 * @author Dual Export contributors
 */
final class ConsoleSpanExporter extends OtlpJsonLinesExporter<SpanData> implements SpanExporter {

	ConsoleSpanExporter(OtlpJsonLines lines) {
		super(lines, TraceRequestMarshaler::create);
	}

}
