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

import io.github.dualexport.autoconfigure.backend.Signal;

/**
 * Base of the pipelines whose items wait in a bounded queue of an SDK batch processor
 * before export: it records export outcomes and reads the queue's state.
 *
 * @author Dual Export contributors
 */
public abstract class QueuedPipeline implements SignalPipeline {

	private final String backend;

	private final Signal signal;

	private final ExportRecorder recorder;

	private final QueueTelemetry queueTelemetry;

	/**
	 * Create a new instance.
	 * @param backend the backend name
	 * @param signal the signal
	 * @param listeners told about every completed export request
	 * @param itemKind the processor's item kind in its metric names, 'span' or 'log'
	 */
	protected QueuedPipeline(String backend, Signal signal, List<ExportListener> listeners, String itemKind) {
		this.backend = backend;
		this.signal = signal;
		this.recorder = new ExportRecorder(backend, signal, listeners);
		this.queueTelemetry = new QueueTelemetry(itemKind);
	}

	/**
	 * Return the recorder the exporter reports each request to.
	 * @return the recorder
	 */
	protected final ExportRecorder recorder() {
		return this.recorder;
	}

	/**
	 * Return the telemetry the batch processor reports its queue to.
	 * @return the queue telemetry
	 */
	protected final QueueTelemetry queueTelemetry() {
		return this.queueTelemetry;
	}

	@Override
	public final String backend() {
		return this.backend;
	}

	@Override
	public final Signal signal() {
		return this.signal;
	}

	@Override
	public PipelineSnapshot snapshot() {
		return this.recorder.snapshot(this.queueTelemetry.read());
	}

}
