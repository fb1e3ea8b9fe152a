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
 * Base of the pipelines whose items wait in the bounded queue of an SDK batch processor
 * before export; the queue's state is read from the processor's own metrics.
 *
 * @author Dual Export contributors
 */
public abstract class QueuedPipeline extends AbstractSignalPipeline {

	private final QueueTelemetry queueTelemetry;

	/**
	 * Create a new instance.
	 * @param backend the backend name
	 * @param signal the signal
	 * @param listeners told about every completed export request
	 * @param itemKind the processor's item kind in its metric names, 'span' or 'log'
	 */
	protected QueuedPipeline(String backend, Signal signal, List<ExportListener> listeners, String itemKind) {
		super(backend, signal, listeners);
		this.queueTelemetry = new QueueTelemetry(itemKind);
	}

	/**
	 * Return the telemetry the batch processor reports its queue to.
	 * @return the queue telemetry
	 */
	protected final QueueTelemetry queueTelemetry() {
		return this.queueTelemetry;
	}

	@Override
	protected QueueState queueState() {
		return this.queueTelemetry.read();
	}

}
