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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;

/**
 * What the Logback and Log4j2 appenders share: one OpenTelemetry {@link Logger} per
 * logger name, which becomes the instrumentation scope, the selection of MDC keys, and
 * the attributes every record may carry. Only the stable Logs Bridge API is used, so that
 * any OpenTelemetry version a supported Spring Boot line manages fits.
 *
 * @author Dual Export contributors
 */
final class LogRecordEmitter {

	static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");

	static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");

	static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

	static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

	// The scope name of events whose logger has no name, as the official appenders use
	private static final String ROOT_SCOPE_NAME = "ROOT";

	private final LoggerProvider loggerProvider;

	private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

	private final MdcKeySelector mdcKeys;

	private final List<LogCaptureStage> stages;

	private final AtomicLong droppedAfterShutdown = new AtomicLong();

	LogRecordEmitter(LoggerProvider loggerProvider, List<String> mdcKeys) {
		this(loggerProvider, mdcKeys, List.of());
	}

	/**
	 * Create an emitter that knows the capture stages its records reach, so that events
	 * logged once they are all shut down (the SDK then drops records unseen) are counted.
	 * @param loggerProvider the provider to emit to
	 * @param mdcKeys the MDC keys to copy into attributes
	 * @param stages the log capture stages the provider feeds
	 */
	LogRecordEmitter(LoggerProvider loggerProvider, List<String> mdcKeys, List<LogCaptureStage> stages) {
		this.loggerProvider = loggerProvider;
		this.mdcKeys = new MdcKeySelector(mdcKeys);
		this.stages = List.copyOf(stages);
	}

	/**
	 * Count an event as dropped by every capture stage that would have taken it, if they
	 * are all shut down.
	 * @param severity the event's severity
	 * @return whether the capture is shut down, and the event must not be emitted
	 */
	boolean dropIfCaptureShutdown(Severity severity) {
		// Runs for every line logged: a loop, not a stream
		if (this.stages.isEmpty()) {
			return false;
		}
		for (LogCaptureStage stage : this.stages) {
			if (!stage.isShutdown()) {
				return false;
			}
		}
		this.stages.forEach((stage) -> stage.dropIfShutdown(severity));
		this.droppedAfterShutdown.incrementAndGet();
		return true;
	}

	/**
	 * Return the number of events logged after the capture stages were shut down.
	 * @return the events dropped after the shutdown
	 */
	long droppedAfterShutdown() {
		return this.droppedAfterShutdown.get();
	}

	/**
	 * Start a log record in the scope named after the given logger, observed now, in the
	 * current context, which carries the active span.
	 * @param loggerName the name of the logger the event was logged with
	 * @return the record's builder
	 */
	LogRecordBuilder logRecordBuilder(String loggerName) {
		String scopeName = (loggerName != null && !loggerName.isEmpty()) ? loggerName : ROOT_SCOPE_NAME;
		Logger logger = this.loggers.get(scopeName);
		if (logger == null) {
			logger = this.loggers.computeIfAbsent(scopeName, (name) -> this.loggerProvider.loggerBuilder(name).build());
		}
		return logger.logRecordBuilder().setObservedTimestamp(Instant.now()).setContext(Context.current());
	}

	/**
	 * Return whether any MDC key can be copied, so that an appender skips reading the MDC
	 * when none can.
	 * @return whether MDC keys are configured
	 */
	boolean capturesMdc() {
		return !this.mdcKeys.isEmpty();
	}

	/**
	 * Copy an MDC entry into the record as a string attribute of the same name if its key
	 * is selected.
	 * @param builder the record's builder
	 * @param key the MDC key
	 * @param value the MDC value
	 */
	void setMdcAttribute(LogRecordBuilder builder, String key, String value) {
		if (key != null && value != null && this.mdcKeys.isSelected(key)) {
			builder.setAttribute(key, value);
		}
	}

	static void setException(LogRecordBuilder builder, Throwable throwable) {
		StringWriter stackTrace = new StringWriter();
		throwable.printStackTrace(new PrintWriter(stackTrace));
		setException(builder, throwable.getClass().getName(), throwable.getMessage(), stackTrace.toString());
	}

	static void setException(LogRecordBuilder builder, String type, String message, String stackTrace) {
		builder.setAttribute(EXCEPTION_TYPE, type);
		if (message != null) {
			builder.setAttribute(EXCEPTION_MESSAGE, message);
		}
		builder.setAttribute(EXCEPTION_STACKTRACE, stackTrace);
	}

}
