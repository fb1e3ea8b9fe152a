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
package io.github.dualexport.autoconfigure.shutdown;

import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;

/**
 * Flushes and closes every pipeline of every backend, in parallel and within
 * {@code telemetry.shutdown.timeout}, when the application context stops, after the web
 * server's graceful drain, so that spans ended while requests drain are exported too.
 *
 * @author Dual Export contributors
 */
final class PipelinesShutdownLifecycle implements SmartLifecycle {

	/**
	 * Stopped after Boot's web server graceful shutdown ({@code DEFAULT_PHASE - 1024})
	 * and web server stop ({@code DEFAULT_PHASE - 2048}) lifecycles: higher phases stop
	 * first.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private static final Log logger = LogFactory.getLog(PipelinesShutdownLifecycle.class);

	private final BackendPipelines pipelines;

	private final Duration timeout;

	private volatile boolean running;

	PipelinesShutdownLifecycle(BackendPipelines pipelines, Duration timeout) {
		this.pipelines = pipelines;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		long start = System.nanoTime();
		List<SignalPipeline> unfinished = this.pipelines.shutdownAll(this.timeout);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		if (!unfinished.isEmpty()) {
			logger.warn("Telemetry pipelines did not flush within " + this.timeout + ": "
					+ unfinished.stream().map((pipeline) -> pipeline.backend() + "/" + pipeline.signal().id()).toList()
					+ "; their remaining items are lost");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Telemetry pipelines flushed in " + took.toMillis() + " ms");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
