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

package io.github.dualexport.autoconfigure.pipeline.capture;

import java.time.Duration;

import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;
import io.github.dualexport.autoconfigure.pipeline.send.SendQueue;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * One backend's pipeline of one signal: the {@link CaptureStage} its group shares, then
 * its own {@link SendQueue}. The order of every operation that spans both is set here
 * alone: what the capture stage holds goes first, so that a flush, a switch-off or a
 * shutdown also covers what was captured but not yet encoded.
 *
 * @author Dual Export contributors
 */
final class BackendSignalPipeline implements SignalPipeline {

	private final CaptureStage group;

	private final SendQueue queue;

	private final Object switchLock = new Object();

	private long lastSwitch;

	BackendSignalPipeline(CaptureStage group, SendQueue queue) {
		this.group = group;
		this.queue = queue;
	}

	@Override
	public String backend() {
		return this.queue.backend();
	}

	@Override
	public Signal signal() {
		return this.queue.signal();
	}

	@Override
	public String group() {
		return this.group.id();
	}

	@Override
	public boolean isEnabled() {
		return this.queue.isAccepting();
	}

	@Override
	public CompletableResultCode setEnabled(boolean enabled) {
		long call;
		synchronized (this.switchLock) {
			call = ++this.lastSwitch;
			if (enabled || !isEnabled()) {
				this.queue.setAccepting(enabled);
				return CompletableResultCode.ofSuccess();
			}
		}
		// What was captured before the switch still goes to this backend
		return CaptureStage.then(this.group.forceFlush(), () -> {
			synchronized (this.switchLock) {
				if (this.lastSwitch != call) {
					// A later call decided while the capture stage flushed: the last call
					// wins
					return CompletableResultCode.ofSuccess();
				}
				this.queue.setAccepting(false);
			}
			return this.queue.flush();
		});
	}

	@Override
	public PipelineSnapshot snapshot() {
		// Items the shared stage dropped never reached any backend of the group
		return this.queue.snapshot(this.group.id(), this.group.state().dropped());
	}

	@Override
	public CompletableResultCode forceFlush() {
		return CaptureStage.then(this.group.forceFlush(), this.queue::flush);
	}

	@Override
	public CompletableResultCode shutdown(Duration timeout) {
		// The queue's deadline counts from now, not from when the capture stage closed
		long deadline = System.nanoTime() + timeout.toNanos();
		return CaptureStage.then(this.group.shutdown(), () -> this.queue.shutdown(deadline));
	}

}
