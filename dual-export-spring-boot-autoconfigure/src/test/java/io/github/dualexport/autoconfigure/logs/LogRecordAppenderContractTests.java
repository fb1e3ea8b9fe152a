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
import java.util.Map.Entry;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The shared specification of the starter's appenders, {@link LogbackLogRecordAppender}
 * and {@link Log4j2LogRecordAppender}: each turns an event of its logging system into one
 * log record of the OpenTelemetry SDK, with the level's severity, the formatted message,
 * the logger's name as scope, the active span, the logging thread, the exception and the
 * selected MDC or context data, leaves out the events of the SDK and of the starter's
 * senders, and never throws into the logging thread.
 * <p>
 * A subclass runs the specification for one logging system through a few hooks that
 * attach an appender to that system's loggers, hand an event straight to an appender,
 * fill the thread's MDC or context data and read the failures the system reports. It adds
 * the tests of what only its logging system has.
 *
 * @author Dual Export contributors
 */
abstract class LogRecordAppenderContractTests {

	private final String loggerName;

	private final InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();

	private final SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
		.addLogRecordProcessor(SimpleLogRecordProcessor.create(this.exporter))
		.build();

	/**
	 * Create the specification for a logging system whose tests log with the logger of
	 * the given name.
	 * @param loggerName the name of the logger the tests log with
	 */
	protected LogRecordAppenderContractTests(String loggerName) {
		this.loggerName = loggerName;
	}

	@AfterEach
	void closeLoggerProvider() {
		this.loggerProvider.close();
	}

	@Test
	void everyLevelMapsToItsSeverityAndKeepsItsNameAsSeverityText() {
		TestLogger logger = attach(List.of()).getLogger(this.loggerName);
		List<Entry<String, Severity>> levels = levels();
		levels.forEach((level) -> logger.log(level.getKey(), null, level.getKey()));
		assertThat(records()).extracting(LogRecordData::getSeverity)
			.containsExactlyElementsOf(levels.stream().map(Entry::getValue).toList());
		assertThat(records()).extracting(LogRecordData::getSeverityText)
			.containsExactlyElementsOf(levels.stream().map(Entry::getKey).toList());
	}

	@Test
	void bodyIsTheFormattedMessageAndScopeIsTheLoggerName() {
		attach(List.of()).getLogger(this.loggerName).info("Order {} placed", 42);
		LogRecordData record = singleRecord();
		assertThat(record.getBodyValue().asString()).isEqualTo("Order 42 placed");
		assertThat(record.getInstrumentationScopeInfo().getName()).isEqualTo(this.loggerName);
	}

	@Test
	void timestampIsTheEventsInstantAndObservedTimestampWhenTheAppenderSawIt() {
		Instant instant = Instant.parse("2026-01-02T03:04:05.123456789Z");
		long before = nowNanos();
		appendDirectly(emitter(List.of()), "INFO", "Order placed", instant);
		long after = nowNanos();
		LogRecordData record = singleRecord();
		assertThat(record.getTimestampEpochNanos()).isEqualTo(1767323045123456789L)
			.isEqualTo(TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano());
		assertThat(record.getObservedTimestampEpochNanos()).isBetween(before, after);
	}

	@Test
	void recordCarriesTheTraceAndSpanIdOfTheActiveSpan() {
		TestLogger logger = attach(List.of()).getLogger(this.loggerName);
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
		attach(List.of()).getLogger(this.loggerName).info("Order placed");
		LogRecordData record = singleRecord();
		assertThat(record.getAttributes().get(LogRecordEmitter.THREAD_NAME))
			.isEqualTo(Thread.currentThread().getName());
		assertThat(record.getAttributes().get(LogRecordEmitter.THREAD_ID)).isEqualTo(Thread.currentThread().getId());
	}

	@Test
	void exceptionTypeMessageAndStacktraceArriveAsAttributes() {
		IllegalStateException exception = new IllegalStateException("card expired");
		attach(List.of()).getLogger(this.loggerName).error("Payment failed", exception);
		LogRecordData record = singleRecord();
		assertThat(record.getBodyValue().asString()).isEqualTo("Payment failed");
		assertThat(record.getAttributes().get(LogRecordEmitter.EXCEPTION_TYPE))
			.isEqualTo(IllegalStateException.class.getName());
		assertThat(record.getAttributes().get(LogRecordEmitter.EXCEPTION_MESSAGE)).isEqualTo("card expired");
		assertThat(record.getAttributes().get(LogRecordEmitter.EXCEPTION_STACKTRACE)).isEqualTo(stackTrace(exception));
	}

	@Test
	void recordWithoutAnExceptionHasNoExceptionAttributes() {
		attach(List.of()).getLogger(this.loggerName).info("Order placed");
		assertThat(singleRecord().getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.noneMatch((key) -> key.startsWith("exception."));
	}

	/**
	 * The specification that the selected keys of the MDC or context data arrive as
	 * string attributes and the others do not, which each subclass runs under the name
	 * its logging system gives that data.
	 */
	protected void assertSelectedKeysArriveAsStringAttributesAndOthersDoNot() {
		TestLogger logger = attach(List.of("tenant", "order.*", "region-?")).getLogger(this.loggerName);
		putContextData("tenant", "acme");
		putContextData("order.id", "o-42");
		putContextData("region-1", "eu");
		putContextData("region-12", "us");
		putContextData("session", "secret-session");
		logger.info("Order placed");
		assertThat(singleRecord().getAttributes().asMap()).containsEntry(AttributeKey.stringKey("tenant"), "acme")
			.containsEntry(AttributeKey.stringKey("order.id"), "o-42")
			.containsEntry(AttributeKey.stringKey("region-1"), "eu")
			.doesNotContainKey(AttributeKey.stringKey("region-12"))
			.doesNotContainKey(AttributeKey.stringKey("session"));
	}

	/**
	 * The specification that {@code *} selects every key of the MDC or context data.
	 */
	protected void assertStarSelectsEveryKey() {
		TestLogger logger = attach(List.of("*")).getLogger(this.loggerName);
		putContextData("tenant", "acme");
		putContextData("session", "s-1");
		logger.info("Order placed");
		assertThat(singleRecord().getAttributes().asMap()).containsEntry(AttributeKey.stringKey("tenant"), "acme")
			.containsEntry(AttributeKey.stringKey("session"), "s-1");
	}

	/**
	 * The specification that no configured key copies no entry of the MDC or context
	 * data.
	 */
	protected void assertNoConfiguredKeysCopyNoEntry() {
		TestLogger logger = attach(List.of()).getLogger(this.loggerName);
		putContextData("tenant", "acme");
		logger.info("Order placed");
		assertThat(singleRecord().getAttributes().asMap()).containsOnlyKeys(LogRecordEmitter.THREAD_NAME,
				LogRecordEmitter.THREAD_ID);
	}

	@Test
	void eventsOfTheSdkAndTheSendersAreLeftOut() {
		Loggers loggers = attach(List.of());
		loggers.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter").error("Export failed");
		loggers.getLogger("io.github.dualexport.autoconfigure.pipeline.send.SendQueue").warn("Backend down");
		loggers.getLogger(this.loggerName).info("Order placed");
		assertThat(records()).extracting((record) -> record.getInstrumentationScopeInfo().getName())
			.containsExactly(this.loggerName);
	}

	@Test
	void failureWhileEmittingNeverReachesTheLoggingCall() {
		try (SdkLoggerProvider failing = SdkLoggerProvider.builder().addLogRecordProcessor((context, record) -> {
			throw new IllegalStateException("processor failed");
		}).build()) {
			LogRecordEmitter emitter = new LogRecordEmitter(failing, List.of());
			assertThatNoException().isThrownBy(() -> appendDirectly(emitter, "ERROR", "Payment failed"));
			TestLogger logger = attach(emitter).getLogger(this.loggerName);
			assertThatNoException().isThrownBy(() -> logger.error("Payment failed"));
			assertNoAppenderFailureWasReported();
		}
	}

	@Test
	void failureOfTheLoggerProviderNeverReachesTheLoggingCall() {
		LoggerProvider failing = (name) -> {
			throw new IllegalStateException("provider failed");
		};
		LogRecordEmitter emitter = new LogRecordEmitter(failing, List.of());
		assertThatNoException().isThrownBy(() -> appendDirectly(emitter, "ERROR", "Payment failed"));
	}

	/**
	 * The levels of the logging system, lowest first, each with the severity its records
	 * must carry.
	 * @return the level names and their severities
	 */
	protected abstract List<Entry<String, Severity>> levels();

	/**
	 * Attach a started appender of the given emitter to the root logger of the logging
	 * system, which lets every level through.
	 * @param emitter the emitter of the appender
	 * @return the loggers of the logging system
	 */
	protected abstract Loggers attach(LogRecordEmitter emitter);

	/**
	 * Hand one event straight to the append method of a started appender of the given
	 * emitter, past the logging system and whatever guard it puts around its appenders.
	 * @param emitter the emitter of the appender
	 * @param level the name of the event's level
	 * @param message the event's message
	 * @param instant when the event happened
	 */
	protected abstract void appendDirectly(LogRecordEmitter emitter, String level, String message, Instant instant);

	/**
	 * Put an entry in the current thread's MDC or context data, which the test clears.
	 * @param key the key
	 * @param value the value
	 */
	protected abstract void putContextData(String key, String value);

	/**
	 * Assert that the logging system reported no failure of an appender, as it does for
	 * an exception that escapes one.
	 */
	protected abstract void assertNoAppenderFailureWasReported();

	/**
	 * Attach an appender that sends to the test's SDK and copies the selected MDC or
	 * context data, as {@link #attach(LogRecordEmitter)} does.
	 * @param mdcKeys the keys, or patterns of keys, to copy
	 * @return the loggers of the logging system
	 */
	protected final Loggers attach(List<String> mdcKeys) {
		return attach(emitter(mdcKeys));
	}

	/**
	 * An emitter to the test's SDK that copies the selected MDC or context data.
	 * @param mdcKeys the keys, or patterns of keys, to copy
	 * @return the emitter
	 */
	protected final LogRecordEmitter emitter(List<String> mdcKeys) {
		return new LogRecordEmitter(this.loggerProvider, mdcKeys);
	}

	protected final List<LogRecordData> records() {
		return this.exporter.getFinishedLogRecordItems();
	}

	protected final LogRecordData singleRecord() {
		assertThat(records()).hasSize(1);
		return records().get(0);
	}

	private void appendDirectly(LogRecordEmitter emitter, String level, String message) {
		appendDirectly(emitter, level, message, Instant.now());
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

	/**
	 * The loggers of a logging system whose root logger has the appender under test.
	 */
	@FunctionalInterface
	protected interface Loggers {

		TestLogger getLogger(String name);

	}

	/**
	 * A logger of the logging system, used the way an application uses it.
	 */
	@FunctionalInterface
	protected interface TestLogger {

		/**
		 * Log a message at the level of the given name.
		 * @param level the name of the level
		 * @param throwable the exception to log with the message, or {@code null}
		 * @param message the message, whose {@code {}} placeholders take the arguments
		 * @param arguments the arguments of the message
		 */
		void log(String level, Throwable throwable, String message, Object... arguments);

		default void info(String message, Object... arguments) {
			log("INFO", null, message, arguments);
		}

		default void warn(String message) {
			log("WARN", null, message);
		}

		default void error(String message) {
			log("ERROR", null, message);
		}

		default void error(String message, Throwable throwable) {
			log("ERROR", throwable, message);
		}

	}

}
