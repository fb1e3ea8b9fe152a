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

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.QueueState;
import io.github.dualexport.autoconfigure.pipeline.send.FanOut;
import io.github.dualexport.autoconfigure.pipeline.send.SendQueue;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * What the backends of one group share for one signal: capturing, selecting, batching and
 * encoding, done once for all of them. Backends fall into one group when they need the
 * same bytes: the same sampling and drop rules, redaction and batching. For metrics the
 * group is the backends of one collection interval, and the stage encodes each collection
 * once per temporality and redaction among them.
 *
 * @author Dual Export contributors
 */
public abstract class CaptureStage {

	private final String id;

	private final List<FanOut> fanOuts;

	private final AtomicReference<CompletableResultCode> shutdown = new AtomicReference<>();

	private final AtomicLong droppedAfterShutdown = new AtomicLong();

	/**
	 * Create a new instance.
	 * @param id the group's id, such as {@code traces-1}
	 * @param fanOut hands the encoded requests to the group's backends
	 */
	protected CaptureStage(String id, FanOut fanOut) {
		this(id, List.of(fanOut));
	}

	/**
	 * Create a new instance of a stage that encodes its data more than once.
	 * @param id the group's id, such as {@code metrics-1}
	 * @param fanOuts one fan-out per encoding, each to the backends receiving it
	 */
	protected CaptureStage(String id, List<FanOut> fanOuts) {
		if (fanOuts.isEmpty()) {
			throw new IllegalArgumentException("A capture stage needs at least one fan-out");
		}
		this.id = id;
		this.fanOuts = List.copyOf(fanOuts);
	}

	/**
	 * Return the id of a group.
	 * @param signal the signal
	 * @param index the group's position among the signal's groups, from 1
	 * @return the id
	 */
	public static String id(Signal signal, int index) {
		return signal.id() + "-" + index;
	}

	/**
	 * Return the group's id.
	 * @return the id
	 */
	public final String id() {
		return this.id;
	}

	/**
	 * Return the fan-out to the group's backends, of a stage that encodes once.
	 * @return the fan-out, the first one of a stage that encodes more than once
	 */
	protected final FanOut fanOut() {
		return this.fanOuts.get(0);
	}

	/**
	 * Return the names of the group's backends.
	 * @return the backend names
	 */
	public final List<String> backends() {
		return this.fanOuts.stream().flatMap((fanOut) -> fanOut.members().stream()).map(SendQueue::backend).toList();
	}

	/**
	 * Return the state of the stage's own queue, if it has one.
	 * @return the queue state
	 */
	public abstract QueueState state();

	/**
	 * Encode and hand over everything captured so far.
	 * @return completes when it is in the backends' send queues
	 */
	public abstract CompletableResultCode forceFlush();

	/**
	 * Hand over everything captured and stop. Called by every backend of the group and by
	 * the SDK: runs once.
	 * @return completes when the stage stopped
	 */
	public final CompletableResultCode shutdown() {
		CompletableResultCode result = new CompletableResultCode();
		if (!this.shutdown.compareAndSet(null, result)) {
			return this.shutdown.get();
		}
		CompletableResultCode stopped = doShutdown();
		stopped.whenComplete(() -> complete(result, stopped.isSuccess()));
		return result;
	}

	/**
	 * Return whether the stage was shut down: it takes no more items.
	 * @return whether {@link #shutdown()} was called
	 */
	public final boolean isShutdown() {
		return this.shutdown.get() != null;
	}

	/**
	 * Count an item that arrived after the shutdown and is dropped.
	 */
	protected final void dropAfterShutdown() {
		this.droppedAfterShutdown.incrementAndGet();
	}

	/**
	 * Return the number of items that arrived after the shutdown and were dropped.
	 * @return the items dropped after the shutdown
	 */
	protected final long droppedAfterShutdown() {
		return this.droppedAfterShutdown.get();
	}

	/**
	 * Hand over everything captured and stop; called once.
	 * @return completes when the stage stopped
	 */
	protected abstract CompletableResultCode doShutdown();

	/**
	 * Run a second step once a first one completed.
	 * @param first the first step's result
	 * @param second starts the second step
	 * @return completes when the second step completes; fails if either fails
	 */
	static CompletableResultCode then(CompletableResultCode first, Supplier<CompletableResultCode> second) {
		CompletableResultCode result = new CompletableResultCode();
		first.whenComplete(() -> {
			CompletableResultCode next = second.get();
			next.whenComplete(() -> complete(result, first.isSuccess() && next.isSuccess()));
		});
		return result;
	}

	private static void complete(CompletableResultCode result, boolean success) {
		if (success) {
			result.succeed();
		}
		else {
			result.fail();
		}
	}

}
