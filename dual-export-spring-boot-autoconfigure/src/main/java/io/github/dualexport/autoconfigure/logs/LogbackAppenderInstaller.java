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

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;

/**
 * Attaches the OpenTelemetry Logback appender to Logback's root logger.
 *
 * @author Dual Export contributors
 */
final class LogbackAppenderInstaller extends AppenderInstaller {

	LogbackAppenderInstaller(OpenTelemetry openTelemetry, LogCaptureProperties properties) {
		super(openTelemetry, properties);
	}

	@Override
	Runnable attach(OpenTelemetry openTelemetry, List<String> mdcKeys) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return null;
		}
		OpenTelemetryAppender appender = new OpenTelemetryAppender();
		appender.setContext(context);
		appender.setName(APPENDER_NAME);
		// Thread name and id
		appender.setCaptureExperimentalAttributes(true);
		appender.setMdcAttributesIncluded(String.join(",", mdcKeys));
		ExportersOwnLogFilter filter = new ExportersOwnLogFilter();
		filter.setContext(context);
		filter.start();
		appender.addFilter(filter);
		appender.setOpenTelemetry(openTelemetry);
		appender.start();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(appender);
		return () -> {
			root.detachAppender(appender);
			appender.stop();
		};
	}

	/**
	 * Leaves out the events of the OpenTelemetry SDK and its exporters.
	 */
	static final class ExportersOwnLogFilter extends Filter<ILoggingEvent> {

		@Override
		public FilterReply decide(ILoggingEvent event) {
			return isExportersOwnLogger(event.getLoggerName()) ? FilterReply.DENY : FilterReply.NEUTRAL;
		}

	}

}
