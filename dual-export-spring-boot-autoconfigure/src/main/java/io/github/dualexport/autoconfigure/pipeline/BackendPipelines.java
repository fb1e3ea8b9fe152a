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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.opentelemetry.sdk.common.CompletableResultCode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dualexport.autoconfigure.backend.Signal;

/**
 * Every pipeline of every enabled backend.
 *
 * @author Dual Export contributors
 */
public final class BackendPipelines implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(BackendPipelines.class);

	private static final Duration MAX_CLOSING_RESERVE = Duration.ofMillis(250);

	private static final long NOT_STARTED = Long.MIN_VALUE;

	private final List<SignalPipeline> pipelines;

	private final Duration shutdownTimeout;

	private final AtomicLong shutdownStart = new AtomicLong(NOT_STARTED);

	/**
	 * Create a new instance.
	 * @param pipelines the pipelines
	 * @param shutdownTimeout the bound of {@link #close()}
	 */
	public BackendPipelines(List<? extends SignalPipeline> pipelines, Duration shutdownTimeout) {
		this.pipelines = List.copyOf(pipelines);
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Return every pipeline.
	 * @return the pipelines, grouped by backend in configuration order
	 */
	public List<SignalPipeline> all() {
		return this.pipelines;
	}

	/**
	 * Find the pipeline of a backend for a signal.
	 * @param backend the backend name
	 * @param signal the signal
	 * @return the pipeline, or empty if the backend does not receive that signal
	 */
	public Optional<SignalPipeline> find(String backend, Signal signal) {
		return this.pipelines.stream()
			.filter((pipeline) -> pipeline.backend().equals(backend) && pipeline.signal() == signal)
			.findFirst();
	}

	/**
	 * Return the pipelines of one backend.
	 * @param backend the backend name
	 * @return its pipelines, empty if no backend has that name
	 */
	public List<SignalPipeline> of(String backend) {
		return this.pipelines.stream().filter((pipeline) -> pipeline.backend().equals(backend)).toList();
	}

	/**
	 * Switch every pipeline of a backend on or off, waiting at most the shutdown timeout
	 * for a switched-off backend to flush its queues.
	 * @param backend the backend name
	 * @param enabled whether the backend takes new items
	 * @return whether the switch completed, including the flush, within the timeout
	 */
	public boolean setEnabled(String backend, boolean enabled) {
		List<CompletableResultCode> results = of(backend).stream()
			.map((pipeline) -> pipeline.setEnabled(enabled))
			.toList();
		return CompletableResultCode.ofAll(results)
			.join(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)
			.isSuccess();
	}

	/**
	 * Return a snapshot of every pipeline.
	 * @return the snapshots
	 */
	public List<PipelineSnapshot> snapshots() {
		return this.pipelines.stream().map(SignalPipeline::snapshot).toList();
	}

	/**
	 * Flush every pipeline at the same time, waiting at most the given time.
	 * @param timeout the bound of the whole flush
	 * @return the pipelines that did not finish in time, empty when all did
	 */
	public List<SignalPipeline> flushAll(Duration timeout) {
		return awaitAll(SignalPipeline::forceFlush, timeout);
	}

	/**
	 * Shut every pipeline down at the same time, waiting at most the given time: a dead
	 * backend cannot take the time of the others. The send queues give up a little before
	 * the time is up, so that closing them fits in it too.
	 * @param timeout the bound of the whole shutdown
	 * @return the pipelines that did not finish in time, empty when all did
	 */
	public List<SignalPipeline> shutdownAll(Duration timeout) {
		Duration sending = timeout.minus(closingReserve(timeout));
		return awaitAll((pipeline) -> pipeline.shutdown(sending), timeout);
	}

	/**
	 * Return the part of a shutdown's time kept for closing the send queues once they
	 * gave up: a twentieth, at most 250 ms.
	 * @param timeout the bound of the whole shutdown
	 * @return the time kept
	 */
	static Duration closingReserve(Duration timeout) {
		Duration twentieth = timeout.dividedBy(20);
		return (twentieth.compareTo(MAX_CLOSING_RESERVE) < 0) ? twentieth : MAX_CLOSING_RESERVE;
	}

	/**
	 * Start the shutdown: from now on, {@link #close()} ends within the shutdown timeout.
	 * What the capture stages hold is handed to the send queues, which go on sending
	 * while the application's beans are destroyed. Only the first call counts.
	 */
	public void beginShutdown() {
		if (this.shutdownStart.compareAndSet(NOT_STARTED, System.nanoTime())) {
			this.pipelines.forEach(SignalPipeline::forceFlush);
		}
	}

	private List<SignalPipeline> awaitAll(Function<SignalPipeline, CompletableResultCode> operation, Duration timeout) {
		Map<SignalPipeline, CompletableResultCode> results = new LinkedHashMap<>();
		this.pipelines.forEach((pipeline) -> results.put(pipeline, operation.apply(pipeline)));
		CompletableResultCode.ofAll(results.values()).join(timeout.toMillis(), TimeUnit.MILLISECONDS);
		return results.entrySet()
			.stream()
			.filter((result) -> !result.getValue().isDone())
			.map(Map.Entry::getKey)
			.toList();
	}

	/**
	 * Flush and close every pipeline in parallel, within the shutdown timeout counted
	 * from {@link #beginShutdown()}, or from now if the shutdown had not begun; what the
	 * send queues still hold then is counted as dropped, and logged.
	 */
	@Override
	public void close() {
		long now = System.nanoTime();
		this.shutdownStart.compareAndSet(NOT_STARTED, now);
		long start = this.shutdownStart.get();
		Duration remaining = Duration.ofNanos(Math.max(0, start + this.shutdownTimeout.toNanos() - now));
		Map<SignalPipeline, Long> droppedBefore = new LinkedHashMap<>();
		this.pipelines.forEach((pipeline) -> droppedBefore.put(pipeline, pipeline.snapshot().dropped()));
		List<SignalPipeline> unfinished = shutdownAll(remaining);
		long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		List<String> dropped = new ArrayList<>();
		droppedBefore.forEach((pipeline, before) -> {
			long items = pipeline.snapshot().dropped() - before;
			if (items > 0) {
				dropped.add(name(pipeline) + ": " + items);
			}
		});
		if (!unfinished.isEmpty() || !dropped.isEmpty()) {
			logger.warn("Telemetry shutdown ended after " + took + " ms (timeout " + this.shutdownTimeout + ")"
					+ (dropped.isEmpty() ? "" : "; items given up and counted as dropped: " + dropped)
					+ (unfinished.isEmpty() ? ""
							: "; not closed in time: " + unfinished.stream().map(BackendPipelines::name).toList()));
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Telemetry pipelines flushed and closed in " + took + " ms");
		}
	}

	private static String name(SignalPipeline pipeline) {
		return pipeline.backend() + "/" + pipeline.signal().id();
	}

}
