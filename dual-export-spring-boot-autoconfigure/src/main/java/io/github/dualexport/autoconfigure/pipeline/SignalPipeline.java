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

import java.time.Duration;

import io.opentelemetry.sdk.common.CompletableResultCode;

import io.github.dualexport.autoconfigure.backend.Signal;

/**
 * One backend's export path for one signal: the batches its group's capture stage encoded
 * once enter its own bounded send queue, and its own thread sends them through its own
 * sender with its own retry. Everything outside the pipeline (health, metrics, the
 * actuator endpoint, shutdown) talks to it only through this interface.
 *
 * @author Dual Export contributors
 */
public interface SignalPipeline {

	/**
	 * Return the name of the backend this pipeline exports to.
	 * @return the backend name
	 */
	String backend();

	/**
	 * Return the signal this pipeline carries.
	 * @return the signal
	 */
	Signal signal();

	/**
	 * Return the id of the group of backends whose shared capture stage feeds this
	 * pipeline, such as {@code traces-1}.
	 * @return the group id
	 */
	String group();

	/**
	 * Return whether the pipeline takes new items.
	 * @return whether it is enabled
	 */
	boolean isEnabled();

	/**
	 * Switch the pipeline on or off at runtime. Switched off, it takes no new items and
	 * flushes what it had queued; switched on again, it resumes. Of calls that overlap,
	 * the last one decides: a switch-off still flushing when a later call arrives does
	 * not switch the pipeline off.
	 * @param enabled whether to take new items
	 * @return completes when a switched-off pipeline has flushed its queue
	 */
	CompletableResultCode setEnabled(boolean enabled);

	/**
	 * Return the current state of the queue and the recorded export outcomes.
	 * @return a snapshot
	 */
	PipelineSnapshot snapshot();

	/**
	 * Export everything queued now.
	 * @return completes when the queued items were exported or failed
	 */
	CompletableResultCode forceFlush();

	/**
	 * Export everything queued and release the pipeline's resources, within the given
	 * time from this call: the capture stage hands over its last items, then the send
	 * queue sends until the time is up and gives up the rest, counting it as dropped.
	 * Idempotent.
	 * @param timeout how long the pipeline may take to close
	 * @return completes when the pipeline is closed
	 */
	CompletableResultCode shutdown(Duration timeout);

}
