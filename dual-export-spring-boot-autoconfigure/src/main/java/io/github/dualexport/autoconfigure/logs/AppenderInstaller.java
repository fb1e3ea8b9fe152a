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
package io.github.dualexport.autoconfigure.logs;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;

import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Attaches an appender of one logging system to its root logger once every singleton is
 * ready. It is detached by {@link AppenderDetacher} after every other bean of the context
 * was destroyed, so that lines logged while beans are destroyed (a pool closing, a
 * {@code @PreDestroy} method) are exported while the log pipelines run, and counted as
 * dropped once they are shut down.
 *
 * @author Dual Export contributors
 */
abstract class AppenderInstaller implements SmartInitializingSingleton {

	/**
	 * Name of the appender this starter attaches.
	 */
	static final String APPENDER_NAME = "DualExportOpenTelemetry";

	// Everything the send path logs through: the SDK and its senders, this starter's
	// pipelines and transports, the HTTP and gRPC clients (OkHttp, grpc-java with Netty,
	// shaded or not, the JDK client) and TLS. Exporting those lines would feed every
	// export back into the next one
	private static final List<String> EXPORTERS_LOGGER_PREFIXES = List.of("io.opentelemetry.",
			"io.github.dualexport.autoconfigure.pipeline.", "io.github.dualexport.autoconfigure.otel.", "okhttp3.",
			"okio.", "io.grpc.", "io.netty.", "io.perfmark.", "jdk.internal.httpclient.", "jdk.httpclient.",
			"javax.net.ssl");

	private final OpenTelemetry openTelemetry;

	private final LogCaptureProperties properties;

	private final SignalPipelines<LogCaptureStage> pipelines;

	private volatile @Nullable Runnable detach;

	private volatile @Nullable LogRecordEmitter emitter;

	AppenderInstaller(OpenTelemetry openTelemetry, LogCaptureProperties properties,
			SignalPipelines<LogCaptureStage> pipelines) {
		this.openTelemetry = openTelemetry;
		this.properties = properties;
		this.pipelines = pipelines;
	}

	@Override
	public void afterSingletonsInstantiated() {
		LogRecordEmitter emitter = new LogRecordEmitter(this.openTelemetry.getLogsBridge(),
				this.properties.getMdcKeys(), this.pipelines.stages());
		this.emitter = emitter;
		this.detach = attach(emitter);
	}

	/**
	 * Detach and stop the appender, if attached.
	 * @return the number of events it was given after the log capture stages were shut
	 * down, counted as dropped
	 */
	long detach() {
		Runnable detach = this.detach;
		this.detach = null;
		if (detach != null) {
			detach.run();
		}
		LogRecordEmitter emitter = this.emitter;
		return (emitter != null) ? emitter.droppedAfterShutdown() : 0;
	}

	/**
	 * Attach an appender to the root logger if this installer's logging system is the one
	 * in use.
	 * @param emitter emits the appender's records
	 * @return the action that detaches and stops the appender, or {@code null} if this
	 * logging system is not in use
	 */
	abstract @Nullable Runnable attach(LogRecordEmitter emitter);

	/**
	 * Return whether the given logger is one the send path logs through, whose events are
	 * never captured.
	 * @param loggerName the logger name
	 * @return whether events of that logger must be left out
	 */
	static boolean isExportersOwnLogger(@Nullable String loggerName) {
		if (loggerName != null) {
			for (String prefix : EXPORTERS_LOGGER_PREFIXES) {
				if (loggerName.startsWith(prefix)) {
					return true;
				}
			}
		}
		return false;
	}

}
