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

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Severity;

/**
 * Emits one OpenTelemetry log record per Logback event through the Logs Bridge API,
 * leaving out the events of the OpenTelemetry SDK and its exporters.
 *
 * @author Dual Export contributors
 */
final class LogbackLogRecordAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	private final LogRecordEmitter emitter;

	LogbackLogRecordAppender(LogRecordEmitter emitter) {
		this.emitter = emitter;
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (AppenderInstaller.isExportersOwnLogger(event.getLoggerName())) {
			return;
		}
		Level level = event.getLevel();
		if (this.emitter
			.dropIfCaptureShutdown((level != null) ? severity(level) : Severity.UNDEFINED_SEVERITY_NUMBER)) {
			return;
		}
		try {
			emit(event);
		}
		catch (RuntimeException ex) {
			// Logging must never fail the application: the event is dropped
		}
	}

	private void emit(ILoggingEvent event) {
		LogRecordBuilder builder = this.emitter.logRecordBuilder(event.getLoggerName());
		Instant instant = event.getInstant();
		if (instant != null) {
			builder.setTimestamp(instant);
		}
		else {
			builder.setTimestamp(event.getTimeStamp(), TimeUnit.MILLISECONDS);
		}
		Level level = event.getLevel();
		if (level != null) {
			builder.setSeverity(severity(level)).setSeverityText(level.levelStr);
		}
		String message = event.getFormattedMessage();
		if (message != null) {
			builder.setBody(message);
		}
		setThread(builder, event.getThreadName());
		IThrowableProxy throwable = event.getThrowableProxy();
		if (throwable instanceof ThrowableProxy proxy) {
			LogRecordEmitter.setException(builder, proxy.getThrowable());
		}
		else if (throwable != null) {
			LogRecordEmitter.setException(builder, throwable.getClassName(), throwable.getMessage(),
					ThrowableProxyUtil.asString(throwable));
		}
		if (this.emitter.capturesMdc()) {
			Map<String, String> mdc = event.getMDCPropertyMap();
			if (mdc != null) {
				mdc.forEach((key, value) -> this.emitter.setMdcAttribute(builder, key, value));
			}
		}
		builder.emit();
	}

	private static void setThread(LogRecordBuilder builder, String threadName) {
		if (threadName != null) {
			builder.setAttribute(LogRecordEmitter.THREAD_NAME, threadName);
			// Logback events carry no thread id: the current thread's is the logging
			// thread's as long as the event was not handed to another thread
			Thread current = Thread.currentThread();
			if (threadName.equals(current.getName())) {
				builder.setAttribute(LogRecordEmitter.THREAD_ID, current.getId());
			}
		}
	}

	static Severity severity(Level level) {
		return switch (level.levelInt) {
			case Level.ALL_INT, Level.TRACE_INT -> Severity.TRACE;
			case Level.DEBUG_INT -> Severity.DEBUG;
			case Level.INFO_INT -> Severity.INFO;
			case Level.WARN_INT -> Severity.WARN;
			case Level.ERROR_INT -> Severity.ERROR;
			default -> Severity.UNDEFINED_SEVERITY_NUMBER;
		};
	}

}
