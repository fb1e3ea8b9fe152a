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
import java.util.ArrayList;
import java.util.List;
import java.util.Map.Entry;

import io.opentelemetry.api.logs.Severity;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.ErrorHandler;
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

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link Log4j2LogRecordAppender} turns each Log4j2 event into one log record
 * of the OpenTelemetry SDK, and never throws into the logging thread: the shared
 * specification of {@link LogRecordAppenderContractTests} for Log4j2, its FATAL level and
 * its context data.
 *
 * @author Dual Export contributors
 */
class Log4j2LogRecordAppenderTests extends LogRecordAppenderContractTests {

	private static final String LOGGER_NAME = "io.github.dualexport.apptest.Log4j2Orders";

	private final LoggerContext loggers = new LoggerContext("log4j2-appender-test");

	private final RecordingErrorHandler appenderFailures = new RecordingErrorHandler();

	Log4j2LogRecordAppenderTests() {
		super(LOGGER_NAME);
	}

	@AfterEach
	void stopLogging() {
		ThreadContext.clearMap();
		this.loggers.stop();
	}

	@Test
	void selectedContextDataKeysArriveAsStringAttributesAndOthersDoNot() {
		assertSelectedKeysArriveAsStringAttributesAndOthersDoNot();
	}

	@Test
	void starSelectsEveryContextDataKey() {
		assertStarSelectsEveryKey();
	}

	@Test
	void noConfiguredKeysCopyNoContextData() {
		assertNoConfiguredKeysCopyNoEntry();
	}

	@Override
	protected List<Entry<String, Severity>> levels() {
		return List.of(entry("TRACE", Severity.TRACE), entry("DEBUG", Severity.DEBUG), entry("INFO", Severity.INFO),
				entry("WARN", Severity.WARN), entry("ERROR", Severity.ERROR), entry("FATAL", Severity.FATAL));
	}

	@Override
	protected Loggers attach(LogRecordEmitter emitter) {
		this.loggers.start(new DefaultConfiguration());
		Configuration configuration = this.loggers.getConfiguration();
		LoggerConfig root = configuration.getRootLogger();
		// Only the appender under test, not the default console appender
		for (String name : new ArrayList<>(root.getAppenders().keySet())) {
			root.removeAppender(name);
		}
		root.setLevel(Level.ALL);
		Log4j2LogRecordAppender appender = new Log4j2LogRecordAppender("test", emitter);
		// Where Log4j2 reports an exception escaping the appender
		appender.setHandler(this.appenderFailures);
		appender.start();
		configuration.addAppender(appender);
		root.addAppender(appender, null, null);
		this.loggers.updateLoggers();
		return (name) -> {
			org.apache.logging.log4j.Logger logger = this.loggers.getLogger(name);
			return (level, throwable, message,
					arguments) -> logger.atLevel(Level.valueOf(level)).withThrowable(throwable).log(message, arguments);
		};
	}

	@Override
	protected void appendDirectly(LogRecordEmitter emitter, String level, String message, Instant instant) {
		Log4j2LogRecordAppender appender = new Log4j2LogRecordAppender("test", emitter);
		appender.start();
		MutableInstant eventInstant = new MutableInstant();
		eventInstant.initFromEpochSecond(instant.getEpochSecond(), instant.getNano());
		LogEvent event = Log4jLogEvent.newBuilder()
			.setLoggerName(LOGGER_NAME)
			.setLevel(Level.valueOf(level))
			.setMessage(new SimpleMessage(message))
			.setInstant(eventInstant)
			.build();
		appender.append(event);
	}

	@Override
	protected void putContextData(String key, String value) {
		ThreadContext.put(key, value);
	}

	@Override
	protected void assertNoAppenderFailureWasReported() {
		assertThat(this.appenderFailures.failures).isEmpty();
	}

	/**
	 * An {@link ErrorHandler} that keeps what Log4j2 reports instead of logging it.
	 */
	private static final class RecordingErrorHandler implements ErrorHandler {

		private final List<String> failures = new ArrayList<>();

		@Override
		public void error(String message) {
			this.failures.add(message);
		}

		@Override
		public void error(String message, Throwable throwable) {
			this.failures.add(message + ": " + throwable);
		}

		@Override
		public void error(String message, LogEvent event, Throwable throwable) {
			this.failures.add(message + ": " + throwable);
		}

	}

}
