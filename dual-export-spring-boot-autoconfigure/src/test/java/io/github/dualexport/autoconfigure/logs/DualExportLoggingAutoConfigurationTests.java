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

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.SdkLoggerProviderBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests which parts of {@link DualExportLoggingAutoConfiguration} apply depending on the
 * classpath and properties.
 *
 * @author Dual Export contributors
 */
class DualExportLoggingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryLoggingAutoConfiguration.class, DualExportAutoConfiguration.class,
				DualExportLoggingAutoConfiguration.class))
		.withPropertyValues("telemetry.backends.a.endpoint=http://127.0.0.1:4318");

	@Test
	void withBothLoggingSystemsOnTheClasspathBothInstallersAreReady() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(LogbackAppenderInstaller.class)
			.hasSingleBean(Log4j2AppenderInstaller.class)
			.hasBean("telemetryLogPipelines"));
	}

	@Test
	void withoutLogbackOnlyTheLog4j2AppenderIsConfigured() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("ch.qos.logback"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LogbackAppenderInstaller.class)
				.hasSingleBean(Log4j2AppenderInstaller.class));
	}

	@Test
	void withoutLog4j2CoreOnlyTheLogbackAppenderIsConfigured() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.apache.logging.log4j.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(LogbackAppenderInstaller.class)
				.doesNotHaveBean(Log4j2AppenderInstaller.class));
	}

	@Test
	void withoutLogbackAndLog4j2CoreNoAppenderIsConfiguredButThePipelinesAre() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("ch.qos.logback", "org.apache.logging.log4j.core"))
			.run((context) -> assertThat(context).doesNotHaveBean(AppenderInstaller.class)
				.hasBean("telemetryLogPipelines")
				.hasSingleBean(SdkLoggerProviderBuilderCustomizer.class));
	}

	@Test
	void masterSwitchOffConfiguresNeitherPipelinesNorAppenders() {
		this.contextRunner.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("telemetryLogPipelines")
				.doesNotHaveBean(AppenderInstaller.class));
	}

}
