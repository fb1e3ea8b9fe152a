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

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

import io.opentelemetry.api.OpenTelemetry;

/**
 * Attaches this starter's OpenTelemetry appender to the root logger of the logging system
 * in use once every singleton, the OpenTelemetry SDK included, exists, and detaches it
 * when the application context closes.
 *
 * @author Dual Export contributors
 */
abstract class AppenderInstaller implements SmartInitializingSingleton, DisposableBean {

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

	private volatile Runnable detach;

	AppenderInstaller(OpenTelemetry openTelemetry, LogCaptureProperties properties) {
		this.openTelemetry = openTelemetry;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.detach = attach(this.openTelemetry, this.properties.getMdcKeys());
	}

	@Override
	public void destroy() {
		Runnable detach = this.detach;
		this.detach = null;
		if (detach != null) {
			detach.run();
		}
	}

	/**
	 * Attach an appender to the root logger if this installer's logging system is the one
	 * in use.
	 * @param openTelemetry the SDK to emit log records to
	 * @param mdcKeys the MDC keys to copy into attributes
	 * @return the action that detaches and stops the appender, or {@code null} if this
	 * logging system is not in use
	 */
	abstract Runnable attach(OpenTelemetry openTelemetry, List<String> mdcKeys);

	/**
	 * Return whether the given logger belongs to the OpenTelemetry SDK or its exporters,
	 * whose events are never captured.
	 * @param loggerName the logger name
	 * @return whether events of that logger must be left out
	 */
	static boolean isExportersOwnLogger(String loggerName) {
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
