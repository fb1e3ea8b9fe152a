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
import java.util.function.Function;

import io.github.dualexport.autoconfigure.backend.Signal;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * One backend's pipeline of one signal: it shares the {@link CaptureStage} of its group
 * and owns its {@link SendQueue} (queue, thread, sender, retry).
 *
 * @author Dual Export contributors
 */
public final class BackendSignalPipeline extends AbstractSignalPipeline {

	private final SendQueue queue;

	private volatile CaptureStage group;

	/**
	 * Create a new instance.
	 * @param backend the backend name
	 * @param signal the signal
	 * @param listeners told about every completed export request
	 * @param queue creates the backend's send queue, given the pipeline's recorder
	 */
	public BackendSignalPipeline(String backend, Signal signal, List<ExportListener> listeners,
			Function<ExportRecorder, SendQueue> queue) {
		super(backend, signal, listeners);
		this.queue = queue.apply(recorder());
	}

	void joinGroup(CaptureStage group) {
		this.group = group;
	}

	@Override
	public String group() {
		return this.group.id();
	}

	Encoding encoding() {
		return this.queue.encoding();
	}

	void deliver(EncodedRequest request) {
		if (isEnabled()) {
			this.queue.add(request);
		}
	}

	@Override
	protected QueueState queueState() {
		QueueState sending = this.queue.state();
		QueueState capturing = this.group.state();
		// Items the shared stage dropped never reached any backend of the group
		return new QueueState(sending.size(), sending.capacity(), sending.dropped() + capturing.dropped(),
				sending.bytes());
	}

	@Override
	public CompletableResultCode setEnabled(boolean enabled) {
		if (enabled || !isEnabled()) {
			return super.setEnabled(enabled);
		}
		// What was captured before the switch still goes to this backend
		return CaptureStage.then(this.group.forceFlush(), () -> super.setEnabled(false));
	}

	@Override
	public CompletableResultCode forceFlush() {
		return CaptureStage.then(this.group.forceFlush(), this.queue::flush);
	}

	@Override
	public CompletableResultCode shutdown() {
		return CaptureStage.then(this.group.shutdown(), this.queue::shutdown);
	}

}
