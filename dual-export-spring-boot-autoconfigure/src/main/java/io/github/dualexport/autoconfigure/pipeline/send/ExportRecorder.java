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
package io.github.dualexport.autoconfigure.pipeline.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.ExportListener;
import io.github.dualexport.autoconfigure.pipeline.ExportOutcome;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.pipeline.QueueState;
import io.github.dualexport.autoconfigure.otel.OtlpExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Records the outcome of every export request of one backend's pipeline for one signal,
 * whatever the signal's exporter type, and tells the {@link ExportListener listeners}.
 *
 * @author Dual Export contributors
 */
final class ExportRecorder {

	private final String backend;

	private final Signal signal;

	private final List<ExportListener> listeners;

	private final Clock clock;

	private final AtomicLong exported = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong consecutiveFailures = new AtomicLong();

	private volatile Instant lastSuccess;

	private volatile Instant lastFailure;

	private volatile String lastError;

	/**
	 * Create a recorder.
	 * @param backend the backend name
	 * @param signal the signal
	 * @param listeners told about every completed request
	 */
	ExportRecorder(String backend, Signal signal, List<ExportListener> listeners) {
		this(backend, signal, listeners, Clock.systemUTC());
	}

	ExportRecorder(String backend, Signal signal, List<ExportListener> listeners, Clock clock) {
		this.backend = backend;
		this.signal = signal;
		this.listeners = List.copyOf(listeners);
		this.clock = clock;
	}

	/**
	 * Run one export request and record its outcome when it completes.
	 * @param items the number of items sent
	 * @param export starts the request
	 * @return the request's result
	 */
	CompletableResultCode record(int items, Supplier<CompletableResultCode> export) {
		return record(items, export, (failure) -> false);
	}

	/**
	 * Run one export request and record its outcome when it completes; the items of a
	 * failed request that is kept to be sent again are not counted as failed.
	 * @param items the number of items sent
	 * @param export starts the request
	 * @param kept tells, from its failure, whether a failed request is kept
	 * @return the request's result
	 */
	CompletableResultCode record(int items, Supplier<CompletableResultCode> export, Predicate<Throwable> kept) {
		long start = System.nanoTime();
		CompletableResultCode result;
		try {
			result = export.get();
		}
		catch (RuntimeException ex) {
			result = CompletableResultCode.ofExceptionalFailure(ex);
		}
		CompletableResultCode completed = result;
		completed.whenComplete(() -> completed(items, completed, kept, Duration.ofNanos(System.nanoTime() - start)));
		return completed;
	}

	private void completed(int items, CompletableResultCode result, Predicate<Throwable> kept, Duration duration) {
		ExportOutcome outcome = result.isSuccess() ? ExportOutcome.SUCCESS : ExportOutcome.FAILURE;
		if (outcome == ExportOutcome.SUCCESS) {
			this.exported.addAndGet(items);
			this.consecutiveFailures.set(0);
			this.lastSuccess = this.clock.instant();
		}
		else {
			if (!kept.test(result.getFailureThrowable())) {
				this.failed.addAndGet(items);
			}
			this.consecutiveFailures.incrementAndGet();
			this.lastError = describe(result.getFailureThrowable());
			this.lastFailure = this.clock.instant();
		}
		for (ExportListener listener : this.listeners) {
			listener.exported(this.backend, this.signal, items, outcome, duration);
		}
	}

	static String describe(Throwable failure) {
		if (failure instanceof OtlpExportException export) {
			return export.getMessage();
		}
		if (failure == null) {
			return "Export failed";
		}
		return failure.getClass().getSimpleName() + ": " + failure.getMessage();
	}

	PipelineSnapshot snapshot(QueueState queue, boolean enabled, String group) {
		return new PipelineSnapshot(this.backend, this.signal, group, enabled, this.exported.get(), this.failed.get(),
				queue.dropped(), queue.size(), queue.capacity(), queue.bytes(), this.lastSuccess, this.lastFailure,
				this.lastError, this.consecutiveFailures.get());
	}

}
