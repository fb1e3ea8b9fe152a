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
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.LoggingEventVO;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyVO;
import ch.qos.logback.core.status.Status;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests that {@link LogbackLogRecordAppender} turns each Logback event into one log
 * record of the OpenTelemetry SDK, and never throws into the logging thread.
 *
 * @author Dual Export contributors
 */
class LogbackLogRecordAppenderTests {

	private static final String LOGGER_NAME = "io.github.dualexport.apptest.Orders";

	private final InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();

	private final SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
		.addLogRecordProcessor(SimpleLogRecordProcessor.create(this.exporter))
		.build();

	private final LoggerContext loggers = new LoggerContext();

	LogbackLogRecordAppenderTests() {
		// The MDC that SLF4J's own Logback context reads, which the tests fill
		this.loggers.setMDCAdapter(MDC.getMDCAdapter());
	}

	@AfterEach
	void close() {
		MDC.clear();
		this.loggers.stop();
		this.loggerProvider.close();
	}

	@Test
	void everyLevelMapsToItsSeverityAndKeepsItsNameAsSeverityText() {
		Logger logger = attach(List.of()).getLogger(LOGGER_NAME);
		logger.trace("t");
		logger.debug("d");
		logger.info("i");
		logger.warn("w");
		logger.error("e");
		assertThat(records()).extracting(LogRecordData::getSeverity)
			.containsExactly(Severity.TRACE, Severity.DEBUG, Severity.INFO, Severity.WARN, Severity.ERROR);
		assertThat(records()).extracting(LogRecordData::getSeverityText)
			.containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
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
		LogbackLogRecordAppender appender = startedAppender(List.of());
		LoggingEvent event = event(Level.INFO, "Order placed");
		Instant instant = Instant.parse("2026-01-02T03:04:05.123456789Z");
		event.setInstant(instant);
		long before = nowNanos();
		appender.doAppend(event);
		long after = nowNanos();
		LogRecordData record = singleRecord();
		assertThat(record.getTimestampEpochNanos())
			.isEqualTo(TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano());
		assertThat(record.getObservedTimestampEpochNanos()).isBetween(before, after);
	}

	@Test
	void recordCarriesTheTraceAndSpanIdOfTheActiveSpan() {
		Logger logger = attach(List.of()).getLogger(LOGGER_NAME);
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
	void exceptionOfAnEventThatOnlyCarriesItsDescriptionArrivesAsAttributes() {
		LogbackLogRecordAppender appender = startedAppender(List.of());
		LoggingEvent event = event(Level.ERROR, "Payment failed");
		event.setThrowableProxy(new ThrowableProxy(new IllegalStateException("card expired")));
		// As received from another process: the exception's description, not the
		// exception
		LoggingEventVO received = LoggingEventVO.build(event);
		assertThat(received.getThrowableProxy()).isInstanceOf(ThrowableProxyVO.class);
		appender.doAppend(received);
		LogRecordData record = singleRecord();
		assertThat(record.getAttributes().get(LogRecordEmitter.EXCEPTION_TYPE))
			.isEqualTo(IllegalStateException.class.getName());
		assertThat(record.getAttributes().get(LogRecordEmitter.EXCEPTION_MESSAGE)).isEqualTo("card expired");
		assertThat(record.getAttributes().get(LogRecordEmitter.EXCEPTION_STACKTRACE))
			.startsWith("java.lang.IllegalStateException: card expired")
			.contains("exceptionOfAnEventThatOnlyCarriesItsDescriptionArrivesAsAttributes");
	}

	@Test
	void recordWithoutAnExceptionHasNoExceptionAttributes() {
		attach(List.of()).getLogger(LOGGER_NAME).info("Order placed");
		assertThat(singleRecord().getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.noneMatch((key) -> key.startsWith("exception."));
	}

	@Test
	void selectedMdcKeysArriveAsStringAttributesAndOthersDoNot() {
		Logger logger = attach(List.of("tenant", "order.*", "region-?")).getLogger(LOGGER_NAME);
		MDC.put("tenant", "acme");
		MDC.put("order.id", "o-42");
		MDC.put("region-1", "eu");
		MDC.put("region-12", "us");
		MDC.put("session", "secret-session");
		logger.info("Order placed");
		assertThat(singleRecord().getAttributes().asMap()).containsEntry(AttributeKey.stringKey("tenant"), "acme")
			.containsEntry(AttributeKey.stringKey("order.id"), "o-42")
			.containsEntry(AttributeKey.stringKey("region-1"), "eu")
			.doesNotContainKey(AttributeKey.stringKey("region-12"))
			.doesNotContainKey(AttributeKey.stringKey("session"));
	}

	@Test
	void starSelectsEveryMdcKey() {
		Logger logger = attach(List.of("*")).getLogger(LOGGER_NAME);
		MDC.put("tenant", "acme");
		MDC.put("session", "s-1");
		logger.info("Order placed");
		assertThat(singleRecord().getAttributes().asMap()).containsEntry(AttributeKey.stringKey("tenant"), "acme")
			.containsEntry(AttributeKey.stringKey("session"), "s-1");
	}

	@Test
	void noConfiguredKeysCopyNoMdcEntry() {
		Logger logger = attach(List.of()).getLogger(LOGGER_NAME);
		MDC.put("tenant", "acme");
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
			LogbackLogRecordAppender appender = new LogbackLogRecordAppender(new LogRecordEmitter(failing, List.of()));
			appender.setContext(this.loggers);
			appender.start();
			assertThatNoException().isThrownBy(() -> appender.append(event(Level.ERROR, "Payment failed")));
			Logger logger = this.loggers.getLogger(LOGGER_NAME);
			logger.addAppender(appender);
			assertThatNoException().isThrownBy(() -> logger.error("Payment failed"));
			// Logback would report an exception escaping the appender as an error status
			assertThat(this.loggers.getStatusManager().getCopyOfStatusList()).extracting(Status::getLevel)
				.doesNotContain(Status.ERROR);
		}
	}

	@Test
	void failureOfTheLoggerProviderNeverReachesTheLoggingCall() {
		LoggerProvider failing = (name) -> {
			throw new IllegalStateException("provider failed");
		};
		LogbackLogRecordAppender appender = new LogbackLogRecordAppender(new LogRecordEmitter(failing, List.of()));
		appender.setContext(this.loggers);
		appender.start();
		assertThatNoException().isThrownBy(() -> appender.append(event(Level.ERROR, "Payment failed")));
	}

	private LoggerContext attach(List<String> mdcKeys) {
		Logger root = this.loggers.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.ALL);
		root.addAppender(startedAppender(mdcKeys));
		return this.loggers;
	}

	private LogbackLogRecordAppender startedAppender(List<String> mdcKeys) {
		LogbackLogRecordAppender appender = new LogbackLogRecordAppender(
				new LogRecordEmitter(this.loggerProvider, mdcKeys));
		appender.setContext(this.loggers);
		appender.setName("test");
		appender.start();
		return appender;
	}

	private LoggingEvent event(Level level, String message) {
		return new LoggingEvent(Logger.class.getName(), this.loggers.getLogger(LOGGER_NAME), level, message, null,
				null);
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
