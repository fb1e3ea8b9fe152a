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

package io.github.dualexport.benchmarks;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.logs.DualExportLoggingAutoConfiguration;

/**
 * What the log benchmarks share: a context exporting logs only, and Logback with the
 * starter's capture appender alone, since the console appender would measure the console,
 * not the capture.
 *
 * @author Dual Export contributors
 */
final class LogCaptureOnly {

	// The name the starter gives the appender it installs into Logback
	static final String CAPTURE_APPENDER = "DualExportOpenTelemetry";

	private LogCaptureOnly() {
	}

	/**
	 * Return a runner of the OpenTelemetry SDK, Boot's log bridge and the starter,
	 * exporting logs only.
	 * @return the runner
	 */
	static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryLoggingAutoConfiguration.class, DualExportAutoConfiguration.class,
					DualExportLoggingAutoConfiguration.class))
			.withPropertyValues("telemetry.defaults.signals=logs");
	}

	/**
	 * Detach every root appender but the starter's.
	 * @return the appenders detached, for {@link #reattach(List)}
	 */
	static List<Appender<ILoggingEvent>> detachAppendersButCapture() {
		List<Appender<ILoggingEvent>> others = new ArrayList<>();
		rootLogger().iteratorForAppenders().forEachRemaining((appender) -> {
			if (!CAPTURE_APPENDER.equals(appender.getName())) {
				others.add(appender);
			}
		});
		others.forEach(rootLogger()::detachAppender);
		return others;
	}

	/**
	 * Attach appenders detached by {@link #detachAppendersButCapture()} again.
	 * @param appenders the appenders
	 */
	static void reattach(List<Appender<ILoggingEvent>> appenders) {
		appenders.forEach(rootLogger()::addAppender);
	}

	private static ch.qos.logback.classic.Logger rootLogger() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
	}

}
