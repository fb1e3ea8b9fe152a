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
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Base of the exporters that hand their delegate redacted views of the items, whatever
 * the signal; a signal's subclass names its exporter interface and how one item is
 * redacted.
 *
 * @param <T> the exported item type, such as {@code SpanData}
 * @author Dual Export contributors
 */
abstract class RedactingExporter<T> {

	private final Function<Collection<T>, CompletableResultCode> export;

	private final Supplier<CompletableResultCode> flush;

	private final Supplier<CompletableResultCode> shutdown;

	private final Function<T, T> redaction;

	/**
	 * Create a new instance.
	 * @param export the delegate's export method
	 * @param flush the delegate's flush method
	 * @param shutdown the delegate's shutdown method
	 * @param redaction returns the redacted view of one item, leaving the item unchanged
	 */
	RedactingExporter(Function<Collection<T>, CompletableResultCode> export, Supplier<CompletableResultCode> flush,
			Supplier<CompletableResultCode> shutdown, Function<T, T> redaction) {
		this.export = export;
		this.flush = flush;
		this.shutdown = shutdown;
		this.redaction = redaction;
	}

	/**
	 * Export the redacted views of the items through the delegate.
	 * @param items the items to export
	 * @return the result of the request
	 */
	public CompletableResultCode export(Collection<T> items) {
		List<T> redacted = items.stream().map(this.redaction).toList();
		return this.export.apply(redacted);
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

}
