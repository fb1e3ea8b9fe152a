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

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Severity;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.TriConsumer;

/**
 * Emits one OpenTelemetry log record per Log4j2 event through the Logs Bridge API,
 * leaving out the events of the OpenTelemetry SDK and its exporters.
 *
 * @author Dual Export contributors
 */
final class Log4j2LogRecordAppender extends AbstractAppender {

	private final LogRecordEmitter emitter;

	private final TriConsumer<String, Object, LogRecordBuilder> contextDataCopier;

	Log4j2LogRecordAppender(String name, LogRecordEmitter emitter) {
		super(name, null, null, true, Property.EMPTY_ARRAY);
		this.emitter = emitter;
		this.contextDataCopier = (key, value, builder) -> {
			// Only string values, as the official appender does
			if (value instanceof String string) {
				emitter.setMdcAttribute(builder, key, string);
			}
		};
	}

	@Override
	public void append(LogEvent event) {
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

	private void emit(LogEvent event) {
		LogRecordBuilder builder = this.emitter.logRecordBuilder(event.getLoggerName());
		Instant instant = event.getInstant();
		if (instant != null) {
			builder.setTimestamp(
					TimeUnit.MILLISECONDS.toNanos(instant.getEpochMillisecond()) + instant.getNanoOfMillisecond(),
					TimeUnit.NANOSECONDS);
		}
		else {
			builder.setTimestamp(event.getTimeMillis(), TimeUnit.MILLISECONDS);
		}
		Level level = event.getLevel();
		if (level != null) {
			builder.setSeverity(severity(level)).setSeverityText(level.name());
		}
		Message message = event.getMessage();
		if (message != null) {
			String body = message.getFormattedMessage();
			if (body != null) {
				builder.setBody(body);
			}
		}
		String threadName = event.getThreadName();
		if (threadName != null) {
			builder.setAttribute(LogRecordEmitter.THREAD_NAME, threadName);
		}
		builder.setAttribute(LogRecordEmitter.THREAD_ID, event.getThreadId());
		Throwable thrown = event.getThrown();
		if (thrown != null) {
			LogRecordEmitter.setException(builder, thrown);
		}
		if (this.emitter.capturesMdc()) {
			ReadOnlyStringMap contextData = event.getContextData();
			if (contextData != null) {
				contextData.forEach(this.contextDataCopier, builder);
			}
		}
		builder.emit();
	}

	static Severity severity(Level level) {
		return switch (level.getStandardLevel()) {
			case ALL, TRACE -> Severity.TRACE;
			case DEBUG -> Severity.DEBUG;
			case INFO -> Severity.INFO;
			case WARN -> Severity.WARN;
			case ERROR -> Severity.ERROR;
			case FATAL -> Severity.FATAL;
			default -> Severity.UNDEFINED_SEVERITY_NUMBER;
		};
	}

}
