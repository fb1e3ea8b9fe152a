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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.otel.MicrometerBridge;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistry;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;

/**
 * Auto-configuration of one metric pipeline per backend that receives metrics: one
 * {@link PeriodicMetricReader} per collection interval, shared by the backends of that
 * interval, is registered in the one {@link SdkMeterProvider} that Spring Boot's
 * OpenTelemetry SDK picks up, so OpenTelemetry API meters reach every backend; the
 * Micrometer bridge forwards every Micrometer meter into the same provider.
 * <p>
 * It runs after the simple registry's auto-configuration and before the composite is
 * assembled: the bridge cannot read values back, so a registry that can (simple,
 * Prometheus, OTLP or the application's own) always stays in the composite beside it.
 * <p>
 * An application that defines its own {@link SdkMeterProvider} keeps it, and this
 * auto-configuration backs off: no reader would be registered in that provider.
 *
 * @author Dual Export contributors
 */
@AutoConfiguration(after = { DualExportAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		beforeName = {
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration" })
@ConditionalOnClass({ SdkMeterProvider.class, PeriodicMetricReader.class })
@ConditionalOnBean(ResolvedBackends.class)
@ConditionalOnMissingBean(SdkMeterProvider.class)
public final class DualExportMetricsAutoConfiguration {

	@Bean
	SignalPipelines<MetricCaptureStage> telemetryMetricPipelines(ResolvedBackends backends, SendStages sendStages) {
		return SignalPipelines.assemble(Signal.METRICS, backends, sendStages, MetricCaptureStage::stageKey,
				MetricCaptureStage::encodingKey, MetricCaptureStage::new);
	}

	@Bean
	SdkMeterProvider telemetrySdkMeterProvider(SignalPipelines<MetricCaptureStage> pipelines,
			ObjectProvider<Resource> resource, ObjectProvider<SdkMeterProviderBuilderCustomizer> customizers) {
		SdkMeterProviderBuilder builder = SdkMeterProvider.builder();
		resource.ifAvailable(builder::setResource);
		pipelines.stages().forEach((stage) -> builder.registerMetricReader(stage.metricReader()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * Forwards the application's Micrometer meters into the meter provider.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MeterRegistry.class, OpenTelemetryMeterRegistry.class })
	@ConditionalOnBean({ Clock.class, OpenTelemetry.class })
	static class MicrometerBridgeConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OpenTelemetryMeterRegistry telemetryOpenTelemetryMeterRegistry(OpenTelemetry openTelemetry, Clock clock) {
			return MicrometerBridge.create(openTelemetry, clock);
		}

	}

	/**
	 * The actuator {@code metrics} endpoint, reading values from the registries that hold
	 * them: Spring Boot's endpoint searches the composite's children in identity order
	 * and may take the bridge's meters, which answer {@code NaN}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint",
			"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(MetricsEndpoint.class)
		MetricsEndpoint metricsEndpoint(MeterRegistry registry, ObjectProvider<OpenTelemetryMeterRegistry> bridge) {
			return new MetricsEndpoint(MicrometerBridge.readableView(registry, bridge.getIfUnique()));
		}

	}

}
