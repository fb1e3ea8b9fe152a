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

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Attaches a {@link LogbackLogRecordAppender} to Logback's root logger when Logback is
 * the logging implementation.
 *
 * @author Dual Export contributors
 */
final class LogbackAppenderInstaller extends AppenderInstaller {

	LogbackAppenderInstaller(OpenTelemetry openTelemetry, LogCaptureProperties properties,
			SignalPipelines<LogCaptureStage> pipelines) {
		super(openTelemetry, properties, pipelines);
	}

	@Override
	@Nullable Runnable attach(LogRecordEmitter emitter) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return null;
		}
		LogbackLogRecordAppender appender = new LogbackLogRecordAppender(emitter);
		appender.setContext(context);
		appender.setName(APPENDER_NAME);
		appender.start();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(appender);
		return () -> {
			root.detachAppender(appender);
			appender.stop();
		};
	}

}
