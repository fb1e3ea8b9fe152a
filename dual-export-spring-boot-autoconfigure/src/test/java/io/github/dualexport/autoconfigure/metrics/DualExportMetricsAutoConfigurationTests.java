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
package io.github.dualexport.autoconfigure.metrics;

import java.util.List;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;
import io.github.dualexport.autoconfigure.pipeline.capture.CaptureStage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link DualExportMetricsAutoConfiguration}: which beans it contributes and
 * when it backs off.
 *
 * @author Dual Export contributors
 */
class DualExportMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class, MetricsAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						DualExportAutoConfiguration.class, DualExportMetricsAutoConfiguration.class))
		.withPropertyValues("telemetry.backends.a.endpoint=http://localhost:4318",
				"telemetry.backends.b.endpoint=http://localhost:4318",
				"telemetry.backends.traces-only.endpoint=http://localhost:4318",
				"telemetry.backends.traces-only.signals=traces");

	@Test
	void bootsOpenTelemetrySdkUsesTheMeterProviderCarryingTheMetricReaders() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(OpenTelemetry.class).hasSingleBean(SdkMeterProvider.class);
			assertThat(context.getBean(OpenTelemetrySdk.class).getSdkMeterProvider())
				.isSameAs(context.getBean(SdkMeterProvider.class));
			assertThat(((SignalPipelines<?>) context.getBean("telemetryMetricPipelines")).pipelines())
				.extracting(SignalPipeline::backend)
				.containsExactly("a", "b");
			assertThat(context.getBean(SdkMeterProvider.class).toString()).contains("PeriodicMetricReader")
				.doesNotContain("traces-only");
		});
	}

	@Test
	void oneReaderPerIntervalWhateverTheTemporalitiesHistogramsAndRedactionOfItsBackends() {
		this.contextRunner.withPropertyValues("telemetry.backends.b.metrics.temporality=delta",
				"telemetry.backends.b.metrics.histogram=exponential",
				"telemetry.backends.redacted.endpoint=http://localhost:4318",
				"telemetry.backends.redacted.redact.attributes=tenant",
				"telemetry.backends.slow.endpoint=http://localhost:4318", "telemetry.backends.slow.metrics.interval=5m",
				"telemetry.backends.low-memory.endpoint=http://localhost:4318",
				"telemetry.backends.low-memory.metrics.temporality=low-memory")
			.run((context) -> {
				SignalPipelines<?> pipelines = (SignalPipelines<?>) context.getBean("telemetryMetricPipelines");
				assertThat(pipelines.stages()).extracting(CaptureStage::backends)
					.containsExactly(List.of("a", "b", "redacted"), List.of("slow"), List.of("low-memory"));
				String provider = context.getBean(SdkMeterProvider.class).toString();
				assertThat(provider.split("PeriodicMetricReader", -1)).hasSize(4);
			});
	}

	@Test
	void metricPipelinesJoinTheOtherPipelinesOfTheirBackends() {
		this.contextRunner.run((context) -> assertThat(context.getBean(BackendPipelines.class).all())
			.extracting(SignalPipeline::backend)
			.containsExactly("a", "b"));
	}

	@Test
	void micrometerBridgeSitsBesideARegistryThatCanReadValues() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(OpenTelemetryMeterRegistry.class)
			.hasSingleBean(SimpleMeterRegistry.class));
	}

	@Test
	void userSdkMeterProviderTakesPrecedenceAndMetricsBackOff() {
		this.contextRunner.withUserConfiguration(UserMeterProviderConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SdkMeterProvider.class)
				.doesNotHaveBean("telemetryMetricPipelines")
				.doesNotHaveBean(OpenTelemetryMeterRegistry.class);
			assertThat(context.getBean(SdkMeterProvider.class))
				.isSameAs(context.getBean(UserMeterProviderConfiguration.class).meterProvider);
		});
	}

	@Test
	void userOpenTelemetryMeterRegistryTakesPrecedence() {
		this.contextRunner.withUserConfiguration(UserMeterRegistryConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(OpenTelemetryMeterRegistry.class)
				.hasBean("userOpenTelemetryMeterRegistry"));
	}

	@Test
	void customizersTuneTheMeterProvider() {
		AtomicBoolean customized = new AtomicBoolean();
		this.contextRunner.withBean(SdkMeterProviderBuilderCustomizer.class, () -> (builder) -> customized.set(true))
			.run((context) -> {
				assertThat(context).hasSingleBean(SdkMeterProvider.class);
				assertThat(customized).isTrue();
			});
	}

	@Test
	void noBridgeWithoutMicrometerMetrics() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					DualExportAutoConfiguration.class, DualExportMetricsAutoConfiguration.class))
			.withPropertyValues("telemetry.backends.a.endpoint=http://localhost:4318")
			.run((context) -> assertThat(context).hasSingleBean(SdkMeterProvider.class)
				.doesNotHaveBean(OpenTelemetryMeterRegistry.class));
	}

	@Test
	void noBridgeWhenTheBridgeIsNotOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OpenTelemetryMeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(SdkMeterProvider.class)
				.doesNotHaveBean("telemetryOpenTelemetryMeterRegistry"));
	}

	@Test
	void nothingWhenTelemetryIsSwitchedOff() {
		this.contextRunner.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("telemetryMetricPipelines")
				.doesNotHaveBean(SdkMeterProvider.class)
				.doesNotHaveBean(OpenTelemetryMeterRegistry.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMeterProviderConfiguration {

		final SdkMeterProvider meterProvider = SdkMeterProvider.builder().build();

		@Bean
		SdkMeterProvider userSdkMeterProvider() {
			return this.meterProvider;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMeterRegistryConfiguration {

		@Bean
		OpenTelemetryMeterRegistry userOpenTelemetryMeterRegistry() {
			return (OpenTelemetryMeterRegistry) OpenTelemetryMeterRegistry.create(OpenTelemetry.noop());
		}

	}

}
