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
import java.util.function.Supplier;

import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Base of the exporters that record the outcome of each export request of the exporter
 * they wrap. The SDK's exporter interfaces of each signal share these methods but no
 * supertype, so a signal's subclass only names its interface and hands over the
 * delegate's methods.
 *
 * @param <T> the exported item type, such as {@code SpanData}
 * @author Dual Export contributors
 */
public abstract class RecordingExporter<T> {

	private final Object delegate;

	private final Function<Collection<T>, CompletableResultCode> export;

	private final Supplier<CompletableResultCode> flush;

	private final Supplier<CompletableResultCode> shutdown;

	private final ExportRecorder recorder;

	/**
	 * Create a new instance.
	 * @param delegate the wrapped exporter, shown by {@link #toString()}
	 * @param export the delegate's export method
	 * @param flush the delegate's flush method
	 * @param shutdown the delegate's shutdown method
	 * @param recorder the recorder of the pipeline the exporter belongs to
	 */
	protected RecordingExporter(Object delegate, Function<Collection<T>, CompletableResultCode> export,
			Supplier<CompletableResultCode> flush, Supplier<CompletableResultCode> shutdown, ExportRecorder recorder) {
		this.delegate = delegate;
		this.export = export;
		this.flush = flush;
		this.shutdown = shutdown;
		this.recorder = recorder;
	}

	/**
	 * Export the items through the delegate, recording the request's outcome.
	 * @param items the items to export
	 * @return the result of the request
	 */
	public CompletableResultCode export(Collection<T> items) {
		return this.recorder.record(items.size(), () -> this.export.apply(items));
	}

	/**
	 * Flush the delegate.
	 * @return the result of the flush
	 */
	public CompletableResultCode flush() {
		return this.flush.get();
	}

	/**
	 * Shut the delegate down.
	 * @return the result of the shutdown
	 */
	public CompletableResultCode shutdown() {
		return this.shutdown.get();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.delegate + "]";
	}

}
