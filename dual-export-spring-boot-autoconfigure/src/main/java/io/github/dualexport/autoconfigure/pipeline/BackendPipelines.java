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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.opentelemetry.sdk.common.CompletableResultCode;

import io.github.dualexport.autoconfigure.backend.Signal;

/**
 * Every pipeline of every enabled backend.
 *
 * @author Dual Export contributors
 */
public final class BackendPipelines implements AutoCloseable {

	private final List<SignalPipeline> pipelines;

	private final Duration shutdownTimeout;

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
	 * backend cannot take the time of the others.
	 * @param timeout the bound of the whole shutdown
	 * @return the pipelines that did not finish in time, empty when all did
	 */
	public List<SignalPipeline> shutdownAll(Duration timeout) {
		return awaitAll(SignalPipeline::shutdown, timeout);
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
	 * Flush and close every pipeline in parallel, within the shutdown timeout.
	 */
	@Override
	public void close() {
		shutdownAll(this.shutdownTimeout);
	}

}
