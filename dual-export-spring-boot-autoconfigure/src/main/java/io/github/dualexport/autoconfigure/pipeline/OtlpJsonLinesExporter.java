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
 * Base of the console exporters: writes each batch of one signal's items as one OTLP-JSON
 * line. A subclass implements the signal's exporter interface, whose {@code export},
 * {@code flush} and {@code shutdown} methods this class provides.
 *
 * @param <T> the item type, such as {@code SpanData}
 * @author Dual Export contributors
 */
public abstract class OtlpJsonLinesExporter<T> {

	private final OtlpJsonLines lines;

	private final Function<Collection<T>, Marshaler> request;

	/**
	 * Create a new instance.
	 * @param lines where the lines are written
	 * @param request builds the signal's OTLP export request from a batch, such as
	 * {@code TraceRequestMarshaler::create}
	 */
	protected OtlpJsonLinesExporter(OtlpJsonLines lines, Function<Collection<T>, Marshaler> request) {
		this.lines = lines;
		this.request = request;
	}

	/**
	 * Write the batch as one line.
	 * @param items the batch
	 * @return the result of the write
	 */
	public CompletableResultCode export(Collection<T> items) {
		return this.lines.write(this.request.apply(items));
	}

	/**
	 * Every line is written when exported: nothing to flush.
	 * @return success
	 */
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	/**
	 * The output stream belongs to the caller: nothing to release.
	 * @return success
	 */
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

}
