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
import java.util.List;
import java.util.Map.Entry;
import java.util.Objects;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.LoggingEventVO;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyVO;
import ch.qos.logback.core.status.Status;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link LogbackLogRecordAppender} turns each Logback event into one log
 * record of the OpenTelemetry SDK, and never throws into the logging thread: the shared
 * specification of {@link LogRecordAppenderContractTests} for Logback and its MDC, and an
 * event that carries only the description of its exception.
 *
 * @author Dual Export contributors
 */
class LogbackLogRecordAppenderTests extends LogRecordAppenderContractTests {

	private static final String LOGGER_NAME = "io.github.dualexport.apptest.Orders";

	private final LoggerContext loggers = new LoggerContext();

	LogbackLogRecordAppenderTests() {
		super(LOGGER_NAME);
		// The MDC that SLF4J's own Logback context reads, which the tests fill
		this.loggers.setMDCAdapter(MDC.getMDCAdapter());
	}

	@AfterEach
	void stopLogging() {
		MDC.clear();
		this.loggers.stop();
	}

	@Test
	void exceptionOfAnEventThatOnlyCarriesItsDescriptionArrivesAsAttributes() {
		LogbackLogRecordAppender appender = startedAppender(emitter(List.of()));
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
	void selectedMdcKeysArriveAsStringAttributesAndOthersDoNot() {
		assertSelectedKeysArriveAsStringAttributesAndOthersDoNot();
	}

	@Test
	void starSelectsEveryMdcKey() {
		assertStarSelectsEveryKey();
	}

	@Test
	void noConfiguredKeysCopyNoMdcEntry() {
		assertNoConfiguredKeysCopyNoEntry();
	}

	@Override
	protected List<Entry<String, Severity>> levels() {
		return List.of(entry("TRACE", Severity.TRACE), entry("DEBUG", Severity.DEBUG), entry("INFO", Severity.INFO),
				entry("WARN", Severity.WARN), entry("ERROR", Severity.ERROR));
	}

	@Override
	protected Loggers attach(LogRecordEmitter emitter) {
		Logger root = this.loggers.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.ALL);
		root.addAppender(startedAppender(emitter));
		return (name) -> {
			Logger logger = this.loggers.getLogger(name);
			return (level, throwable, message, arguments) -> logger.atLevel(org.slf4j.event.Level.valueOf(level))
				.setCause(throwable)
				.log(message, arguments);
		};
	}

	@Override
	protected void appendDirectly(LogRecordEmitter emitter, String level, String message, Instant instant) {
		LoggingEvent event = event(Objects.requireNonNull(Level.toLevel(level, null), level), message);
		event.setInstant(instant);
		// Not doAppend, which would catch what the appender throws
		startedAppender(emitter).append(event);
	}

	@Override
	protected void putContextData(String key, String value) {
		MDC.put(key, value);
	}

	@Override
	protected void assertNoAppenderFailureWasReported() {
		// Logback would report an exception escaping the appender as an error status
		assertThat(this.loggers.getStatusManager().getCopyOfStatusList()).extracting(Status::getLevel)
			.doesNotContain(Status.ERROR);
	}

	private LogbackLogRecordAppender startedAppender(LogRecordEmitter emitter) {
		LogbackLogRecordAppender appender = new LogbackLogRecordAppender(emitter);
		appender.setContext(this.loggers);
		appender.setName("test");
		appender.start();
		return appender;
	}

	private LoggingEvent event(Level level, String message) {
		return new LoggingEvent(Logger.class.getName(), this.loggers.getLogger(LOGGER_NAME), level, message, null,
				null);
	}

}
