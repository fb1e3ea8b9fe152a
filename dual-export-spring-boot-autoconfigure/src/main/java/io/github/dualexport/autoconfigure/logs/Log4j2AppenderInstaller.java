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
import java.util.concurrent.atomic.AtomicLong;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

import org.jspecify.annotations.Nullable;

import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Attaches a {@link Log4j2LogRecordAppender} to the root logger of Log4j2 when Log4j2
 * Core is the logging implementation.
 *
 * @author Dual Export contributors
 */
final class Log4j2AppenderInstaller extends AppenderInstaller {

	private static final AtomicLong INSTANCES = new AtomicLong();

	Log4j2AppenderInstaller(OpenTelemetry openTelemetry, LogCaptureProperties properties,
			SignalPipelines<LogCaptureStage> pipelines) {
		super(openTelemetry, properties, pipelines);
	}

	@Override
	@Nullable Runnable attach(LogRecordEmitter emitter) {
		if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
			return null;
		}
		return attach(context, emitter);
	}

	static Runnable attach(LoggerContext context, OpenTelemetry openTelemetry, List<String> mdcKeys) {
		return attach(context, new LogRecordEmitter(openTelemetry.getLogsBridge(), mdcKeys));
	}

	static Runnable attach(LoggerContext context, LogRecordEmitter emitter) {
		// Log4j2 keeps one appender per name: each application context in the JVM needs
		// its
		// own, removed by that name only
		String name = APPENDER_NAME + "-" + INSTANCES.incrementAndGet();
		Log4j2LogRecordAppender appender = new Log4j2LogRecordAppender(name, emitter);
		appender.start();
		Configuration configuration = context.getConfiguration();
		LoggerConfig root = configuration.getRootLogger();
		configuration.addAppender(appender);
		root.addAppender(appender, null, null);
		context.updateLoggers();
		return () -> {
			root.removeAppender(name);
			configuration.getAppenders().remove(name);
			context.updateLoggers();
			appender.stop();
		};
	}

}
