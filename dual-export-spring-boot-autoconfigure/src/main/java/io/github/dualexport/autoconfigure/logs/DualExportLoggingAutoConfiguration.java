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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.SdkLoggerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;

/**
 * Auto-configuration of one log record pipeline per backend that receives logs, each
 * registered as its own processor in the logger provider that Spring Boot
 * auto-configures, beside (never inside) Boot's shared exporter; and of the appender that
 * captures the application's log events into that provider through the OpenTelemetry Logs
 * Bridge API.
 *
 * @author Dual Export contributors
 */
@AutoConfiguration(after = { DualExportAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class },
		before = OpenTelemetryLoggingAutoConfiguration.class)
@ConditionalOnClass({ SdkLoggerProvider.class, SdkLoggerProviderBuilderCustomizer.class })
@ConditionalOnBean(ResolvedBackends.class)
@EnableConfigurationProperties(LogCaptureProperties.class)
public final class DualExportLoggingAutoConfiguration {

	@Bean
	SignalPipelines<LogCaptureStage> telemetryLogPipelines(ResolvedBackends backends, SendStages sendStages) {
		return SignalPipelines.assemble(Signal.LOGS, backends, sendStages, LogCaptureStage::new);
	}

	@Bean
	SdkLoggerProviderBuilderCustomizer telemetryLoggerProviderCustomizer(SignalPipelines<LogCaptureStage> pipelines) {
		return (builder) -> pipelines.stages()
			.forEach((stage) -> builder.addLogRecordProcessor(stage.logRecordProcessor()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(OpenTelemetry.class)
	@ConditionalOnBooleanProperty(name = "telemetry.logs.capture.enabled", matchIfMissing = true)
	static class LogCaptureConfiguration {

		@Bean
		static AppenderDetacher telemetryAppenderDetacher() {
			return new AppenderDetacher();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(ch.qos.logback.classic.LoggerContext.class)
		static class LogbackCaptureConfiguration {

			@Bean
			LogbackAppenderInstaller telemetryLogbackAppenderInstaller(OpenTelemetry openTelemetry,
					LogCaptureProperties properties, SignalPipelines<LogCaptureStage> pipelines) {
				return new LogbackAppenderInstaller(openTelemetry, properties, pipelines);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(org.apache.logging.log4j.core.LoggerContext.class)
		static class Log4j2CaptureConfiguration {

			@Bean
			Log4j2AppenderInstaller telemetryLog4j2AppenderInstaller(OpenTelemetry openTelemetry,
					LogCaptureProperties properties, SignalPipelines<LogCaptureStage> pipelines) {
				return new Log4j2AppenderInstaller(openTelemetry, properties, pipelines);
			}

		}

	}

}
