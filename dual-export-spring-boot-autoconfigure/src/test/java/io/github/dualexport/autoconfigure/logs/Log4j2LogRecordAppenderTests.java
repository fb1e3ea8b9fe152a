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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests that {@link Log4j2LogRecordAppender} turns each Log4j2 event into one log record
 * of the OpenTelemetry SDK, and never throws into the logging thread.
 *
 * @author Dual Export contributors
 */
class Log4j2LogRecordAppenderTests {

	private static final String LOGGER_NAME = "io.github.dualexport.apptest.Log4j2Orders";

	private final InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();

	private final SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
		.addLogRecordProcessor(SimpleLogRecordProcessor.create(this.exporter))
		.build();

	private final LoggerContext loggers = new LoggerContext("log4j2-appender-test");

	@AfterEach
	void close() {
		ThreadContext.clearMap();
		this.loggers.stop();
		this.loggerProvider.close();
	}

	@Test
	void everyLevelMapsToItsSeverityAndKeepsItsNameAsSeverityText() {
		org.apache.logging.log4j.Logger logger = attach(List.of()).getLogger(LOGGER_NAME);
		logger.trace("t");
		logger.debug("d");
		logger.info("i");
		logger.warn("w");
		logger.error("e");
		logger.fatal("f");
		assertThat(records()).extracting(LogRecordData::getSeverity)
			.containsExactly(Severity.TRACE, Severity.DEBUG, Severity.INFO, Severity.WARN, Severity.ERROR,
					Severity.FATAL);
		assertThat(records()).extracting(LogRecordData::getSeverityText)
			.containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
	}

	@Test
	void bodyIsTheFormattedMessageAndScopeIsTheLoggerName() {
		attach(List.of()).getLogger(LOGGER_NAME).info("Order {} placed", 42);
		LogRecordData record = singleRecord();
		assertThat(record.getBodyValue().asString()).isEqualTo("Order 42 placed");
		assertThat(record.getInstrumentationScopeInfo().getName()).isEqualTo(LOGGER_NAME);
	}

	@Test
	void timestampIsTheEventsInstantAndObservedTimestampWhenTheAppenderSawIt() {
		Log4j2LogRecordAppender appender = startedAppender(List.of());
		MutableInstant instant = new MutableInstant();
		instant.initFromEpochMilli(1767323045123L, 456789);
		LogEvent event = Log4jLogEvent.newBuilder()
			.setLoggerName(LOGGER_NAME)
			.setLevel(Level.INFO)
			.setMessage(new SimpleMessage("Order placed"))
			.setInstant(instant)
			.build();
		long before = nowNanos();
		appender.append(event);
		long after = nowNanos();
		LogRecordData record = singleRecord();
		assertThat(record.getTimestampEpochNanos()).isEqualTo(1767323045123456789L);
		assertThat(record.getObservedTimestampEpochNanos()).isBetween(before, after);
	}

	@Test
	void recordCarriesTheTraceAndSpanIdOfTheActiveSpan() {
		org.apache.logging.log4j.Logger logger = attach(List.of()).getLogger(LOGGER_NAME);
		SpanContext spanContext = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getSampled(), TraceState.getDefault());
		try (Scope scope = Span.wrap(spanContext).makeCurrent()) {
			logger.info("Inside the span");
		}
		logger.info("Outside any span");
		assertThat(records().get(0).getSpanContext()).isEqualTo(spanContext);
		assertThat(records().get(1).getSpanContext().isValid()).isFalse();
	}

	@Test
	void recordCarriesTheLoggingThreadsNameAndId() {
		attach(List.of()).getLogger(LOGGER_NAME).info("Order placed");
		LogRecordData record = singleRecord();
		assertThat(record.getAttributes().get(LogRecordEmitter.THREAD_NAME))
			.isEqualTo(Thread.currentThread().getName());
		assertThat(record.getAttributes().get(LogRecordEmitter.THREAD_ID)).isEqualTo(Thread.currentThread().getId());
	}

	@Test
	void exceptionTypeMessageAndStacktraceArriveAsAttributes() {
		IllegalStateException exception = new IllegalStateException("card expired");
		attach(List.of()).getLogger(LOGGER_NAME).error("Payment failed", exception);
		LogRecordData record = singleRecord();
		assertThat(record.getBodyValue().asString()).isEqualTo("Payment failed");
		assertThat(record.getAttributes().get(LogRecordEmitter.EXCEPTION_TYPE))
			.isEqualTo(IllegalStateException.class.getName());
		assertThat(record.getAttributes().get(LogRecordEmitter.EXCEPTION_MESSAGE)).isEqualTo("card expired");
		assertThat(record.getAttributes().get(LogRecordEmitter.EXCEPTION_STACKTRACE)).isEqualTo(stackTrace(exception));
	}

	@Test
	void recordWithoutAnExceptionHasNoExceptionAttributes() {
		attach(List.of()).getLogger(LOGGER_NAME).info("Order placed");
		assertThat(singleRecord().getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.noneMatch((key) -> key.startsWith("exception."));
	}

	@Test
	void selectedContextDataKeysArriveAsStringAttributesAndOthersDoNot() {
		org.apache.logging.log4j.Logger logger = attach(List.of("tenant", "order.*", "region-?"))
			.getLogger(LOGGER_NAME);
		ThreadContext.put("tenant", "acme");
		ThreadContext.put("order.id", "o-42");
		ThreadContext.put("region-1", "eu");
		ThreadContext.put("region-12", "us");
		ThreadContext.put("session", "secret-session");
		logger.info("Order placed");
		assertThat(singleRecord().getAttributes().asMap()).containsEntry(AttributeKey.stringKey("tenant"), "acme")
			.containsEntry(AttributeKey.stringKey("order.id"), "o-42")
			.containsEntry(AttributeKey.stringKey("region-1"), "eu")
			.doesNotContainKey(AttributeKey.stringKey("region-12"))
			.doesNotContainKey(AttributeKey.stringKey("session"));
	}

	@Test
	void starSelectsEveryContextDataKey() {
		org.apache.logging.log4j.Logger logger = attach(List.of("*")).getLogger(LOGGER_NAME);
		ThreadContext.put("tenant", "acme");
		ThreadContext.put("session", "s-1");
		logger.info("Order placed");
		assertThat(singleRecord().getAttributes().asMap()).containsEntry(AttributeKey.stringKey("tenant"), "acme")
			.containsEntry(AttributeKey.stringKey("session"), "s-1");
	}

	@Test
	void noConfiguredKeysCopyNoContextData() {
		org.apache.logging.log4j.Logger logger = attach(List.of()).getLogger(LOGGER_NAME);
		ThreadContext.put("tenant", "acme");
		logger.info("Order placed");
		assertThat(singleRecord().getAttributes().asMap()).containsOnlyKeys(LogRecordEmitter.THREAD_NAME,
				LogRecordEmitter.THREAD_ID);
	}

	@Test
	void eventsOfTheSdkAndTheSendersAreLeftOut() {
		LoggerContext loggers = attach(List.of());
		loggers.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter").error("Export failed");
		loggers.getLogger("io.github.dualexport.autoconfigure.pipeline.SendQueue").warn("Backend down");
		loggers.getLogger(LOGGER_NAME).info("Order placed");
		assertThat(records()).extracting((record) -> record.getInstrumentationScopeInfo().getName())
			.containsExactly(LOGGER_NAME);
	}

	@Test
	void failureWhileEmittingNeverReachesTheLoggingCall() {
		try (SdkLoggerProvider failing = SdkLoggerProvider.builder().addLogRecordProcessor((context, record) -> {
			throw new IllegalStateException("processor failed");
		}).build()) {
			Log4j2LogRecordAppender appender = new Log4j2LogRecordAppender("failing",
					new LogRecordEmitter(failing, List.of()));
			appender.start();
			assertThatNoException().isThrownBy(() -> appender.append(event(Level.ERROR, "Payment failed")));
		}
	}

	@Test
	void failureOfTheLoggerProviderNeverReachesTheLoggingCall() {
		LoggerProvider failing = (name) -> {
			throw new IllegalStateException("provider failed");
		};
		Log4j2LogRecordAppender appender = new Log4j2LogRecordAppender("failing",
				new LogRecordEmitter(failing, List.of()));
		appender.start();
		assertThatNoException().isThrownBy(() -> appender.append(event(Level.ERROR, "Payment failed")));
	}

	private LoggerContext attach(List<String> mdcKeys) {
		this.loggers.start(new DefaultConfiguration());
		Configuration configuration = this.loggers.getConfiguration();
		LoggerConfig root = configuration.getRootLogger();
		// Only the appender under test, not the default console appender
		for (String name : new ArrayList<>(root.getAppenders().keySet())) {
			root.removeAppender(name);
		}
		root.setLevel(Level.ALL);
		Log4j2LogRecordAppender appender = startedAppender(mdcKeys);
		configuration.addAppender(appender);
		root.addAppender(appender, null, null);
		this.loggers.updateLoggers();
		return this.loggers;
	}

	private Log4j2LogRecordAppender startedAppender(List<String> mdcKeys) {
		Log4j2LogRecordAppender appender = new Log4j2LogRecordAppender("test",
				new LogRecordEmitter(this.loggerProvider, mdcKeys));
		appender.start();
		return appender;
	}

	private static LogEvent event(Level level, String message) {
		return Log4jLogEvent.newBuilder()
			.setLoggerName(LOGGER_NAME)
			.setLevel(level)
			.setMessage(new SimpleMessage(message))
			.build();
	}

	private List<LogRecordData> records() {
		return this.exporter.getFinishedLogRecordItems();
	}

	private LogRecordData singleRecord() {
		assertThat(records()).hasSize(1);
		return records().get(0);
	}

	private static long nowNanos() {
		Instant now = Instant.now();
		return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
	}

	private static String stackTrace(Throwable throwable) {
		StringWriter writer = new StringWriter();
		throwable.printStackTrace(new PrintWriter(writer));
		return writer.toString();
	}

}
