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
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;

/**
 * Starts the bounded shutdown of every pipeline when the application context closes,
 * after the web server's graceful drain, so that spans ended while requests drain are
 * exported too; and flushes every pipeline when the context is only stopped.
 * <p>
 * On close, the shutdown timeout starts counting here: the capture stages hand what they
 * hold to the send queues, which go on sending while the application's beans are
 * destroyed (their log lines still reach the backends), and the {@code PipelinesCloser}
 * of the auto-configuration closes them once every other bean is destroyed, within what
 * is left of the timeout.
 * <p>
 * A stop that is not a close ({@code ConfigurableApplicationContext.stop()}, a CRaC
 * checkpoint) flushes every pipeline within the timeout and leaves them running, so that
 * a later {@code start()} finds them exporting.
 *
 * @author Dual Export contributors
 */
final class PipelinesShutdownLifecycle
		implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

	/**
	 * Stopped after Boot's web server graceful shutdown ({@code DEFAULT_PHASE - 1024})
	 * and web server stop ({@code DEFAULT_PHASE - 2048}) lifecycles: higher phases stop
	 * first.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private static final Log logger = LogFactory.getLog(PipelinesShutdownLifecycle.class);

	private final BackendPipelines pipelines;

	private final Duration timeout;

	private @Nullable ApplicationContext applicationContext;

	private volatile boolean closing;

	private volatile boolean running;

	PipelinesShutdownLifecycle(BackendPipelines pipelines, Duration timeout) {
		this.pipelines = pipelines;
		this.timeout = timeout;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		// A child context's close reaches its parent's listeners too
		if (event.getApplicationContext() == this.applicationContext) {
			this.closing = true;
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.closing) {
			this.pipelines.beginShutdown();
			return;
		}
		List<SignalPipeline> unfinished = this.pipelines.flushAll(this.timeout);
		if (!unfinished.isEmpty()) {
			logger.warn("Telemetry pipelines did not flush within " + this.timeout + " as the application stopped: "
					+ unfinished.stream().map((pipeline) -> pipeline.backend() + "/" + pipeline.signal().id()).toList()
					+ "; they go on sending");
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
