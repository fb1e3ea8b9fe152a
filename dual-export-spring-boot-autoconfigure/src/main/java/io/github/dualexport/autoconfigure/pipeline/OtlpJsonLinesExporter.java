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
package io.github.dualexport.autoconfigure.pipeline;

import java.util.Collection;
import java.util.function.Function;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Base of the exporters that write each batch as one OTLP-JSON line, whatever the signal;
 * a signal's subclass names its exporter interface and its request marshaler.
 *
 * @param <T> the exported item type, such as {@code SpanData}
 * @author Dual Export contributors
 */
public abstract class OtlpJsonLinesExporter<T> {

	private final OtlpJsonLines lines;

	private final Function<Collection<T>, Marshaler> request;

	/**
	 * Create a new instance.
	 * @param lines where the lines are written
	 * @param request builds the OTLP export request of a batch, such as
	 * {@code TraceRequestMarshaler::create}
	 */
	protected OtlpJsonLinesExporter(OtlpJsonLines lines, Function<Collection<T>, Marshaler> request) {
		this.lines = lines;
		this.request = request;
	}

	/**
	 * Write the items as one line.
	 * @param items the items to export
	 * @return the result of the write
	 */
	public CompletableResultCode export(Collection<T> items) {
		return this.lines.write(this.request.apply(items));
	}

	/**
	 * Do nothing: every line is flushed when written.
	 * @return success
	 */
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	/**
	 * Do nothing: the stream belongs to the caller.
	 * @return success
	 */
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

}
