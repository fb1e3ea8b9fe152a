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

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.sdk.common.CompletableResultCode;

import io.github.dualexport.autoconfigure.backend.Signal;

/**
 * Base of a backend's signal pipeline: it records export outcomes and can be switched off
 * and on at runtime. While switched off, the pipeline takes no new items; what it had
 * queued is flushed.
 *
 * @author Dual Export contributors
 */
public abstract class AbstractSignalPipeline implements SignalPipeline {

	private final String backend;

	private final Signal signal;

	private final ExportRecorder recorder;

	private final AtomicBoolean enabled = new AtomicBoolean(true);

	/**
	 * Create a new instance.
	 * @param backend the backend name
	 * @param signal the signal
	 * @param listeners told about every completed export request
	 */
	protected AbstractSignalPipeline(String backend, Signal signal, List<ExportListener> listeners) {
		this.backend = backend;
		this.signal = signal;
		this.recorder = new ExportRecorder(backend, signal, listeners);
	}

	/**
	 * Return the recorder the exporter reports each request to.
	 * @return the recorder
	 */
	protected final ExportRecorder recorder() {
		return this.recorder;
	}

	/**
	 * Return whether new items may enter the pipeline; checked where items are captured.
	 * @return whether the pipeline is enabled
	 */
	protected final boolean accepting() {
		return this.enabled.get();
	}

	/**
	 * Return the current state of the pipeline's queue.
	 * @return the queue state
	 */
	protected abstract QueueState queueState();

	@Override
	public final String backend() {
		return this.backend;
	}

	@Override
	public final Signal signal() {
		return this.signal;
	}

	@Override
	public boolean isEnabled() {
		return this.enabled.get();
	}

	@Override
	public CompletableResultCode setEnabled(boolean enabled) {
		boolean wasEnabled = this.enabled.getAndSet(enabled);
		return (wasEnabled && !enabled) ? forceFlush() : CompletableResultCode.ofSuccess();
	}

	@Override
	public PipelineSnapshot snapshot() {
		return this.recorder.snapshot(queueState(), isEnabled(), group());
	}

}
