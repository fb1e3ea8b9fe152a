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
package io.github.dualexport.autoconfigure.traces;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.exporter.SpanReporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.BackendProperties;
import io.github.dualexport.autoconfigure.backend.BackendResolver;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link DualExportTracingAutoConfiguration}: which beans it contributes and
 * when it backs off.
 *
 * @author Dual Export contributors
 */
class DualExportTracingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, DualExportAutoConfiguration.class,
				DualExportTracingAutoConfiguration.class))
		.withPropertyValues("telemetry.backends.a.endpoint=http://127.0.0.1:4318",
				"telemetry.backends.b.endpoint=http://127.0.0.1:4318",
				"telemetry.backends.metrics-only.endpoint=http://127.0.0.1:4318",
				"telemetry.backends.metrics-only.signals=metrics");

	@Test
	void onePipelinePerTracesBackendJoinsTheTracerProviderBootBuilds() {
		this.contextRunner.run((context) -> {
			SignalPipelines<?> pipelines = (SignalPipelines<?>) context.getBean("telemetryTracePipelines");
			assertThat(pipelines.pipelines()).extracting(SignalPipeline::backend).containsExactly("a", "b");
			assertThat(context).hasSingleBean(SdkTracerProviderBuilderCustomizer.class)
				.hasSingleBean(SdkTracerProvider.class);
			assertThat(context.getBean(SdkTracerProvider.class).toString())
				.contains(TraceCaptureStage.class.getSimpleName());
			assertThat(context.getBean(BackendPipelines.class).all()).extracting(SignalPipeline::backend)
				.containsExactly("a", "b");
		});
	}

	@Test
	void nothingWithoutBootsTracerProviderCustomizer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SdkTracerProviderBuilderCustomizer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ResolvedBackends.class)
				.doesNotHaveBean("telemetryTracePipelines"));
	}

	@Test
	void nothingWithoutTheTracingSdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SdkTracerProvider.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("telemetryTracePipelines"));
	}

	@Test
	void nothingWhenTelemetryIsSwitchedOff() {
		this.contextRunner.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("telemetryTracePipelines")
				.doesNotHaveBean(SdkTracerProviderBuilderCustomizer.class));
	}

	@Test
	void userResolvedBackendsDecideWhichBackendsReceiveTraces() {
		this.contextRunner.withUserConfiguration(UserBackendsConfiguration.class)
			.run((context) -> assertThat(((SignalPipelines<?>) context.getBean("telemetryTracePipelines")).pipelines())
				.extracting(SignalPipeline::backend)
				.containsExactly("mine"));
	}

	@Test
	void noTracesBackendLeavesTheTracerProviderWithoutOurProcessors() {
		this.contextRunner.withPropertyValues("telemetry.defaults.signals=metrics").run((context) -> {
			assertThat(((SignalPipelines<?>) context.getBean("telemetryTracePipelines")).pipelines()).isEmpty();
			assertThat(context.getBean(SdkTracerProvider.class).toString())
				.doesNotContain(TraceCaptureStage.class.getSimpleName());
		});
	}

	@Test
	void bootsBatchProcessorIsLeftOutOfTheTracerProviderWhenItExportsNowhere() {
		this.contextRunner.withUserConfiguration(UserSpanProcessorConfiguration.class).run((context) -> {
			BatchSpanProcessor boots = context.getBean("otelSpanProcessor", BatchSpanProcessor.class);
			assertThat(context.getBean(SpanProcessors.class).list()).doesNotContain(boots)
				.contains(context.getBean("userSpanProcessor", SpanProcessor.class));
			assertThat(context.getBean(SdkTracerProvider.class).toString()).doesNotContain("CompositeSpanExporter")
				.contains(TraceCaptureStage.class.getSimpleName());
		});
	}

	@Test
	void bootsBatchProcessorStaysWhenItHasASpanExporter() {
		this.contextRunner.withUserConfiguration(SpanExporterConfiguration.class)
			// No span to our backends, which do not listen
			.withPropertyValues("management.tracing.sampling.probability=1.0", "telemetry.defaults.signals=metrics")
			.run((context) -> {
				SpanProcessor boots = context.getBean("otelSpanProcessor", SpanProcessor.class);
				assertThat(spanProcessors(context)).contains(boots);
				context.getBean(SdkTracerProvider.class).get("test").spanBuilder("kept").startSpan().end();
				assertThat(boots.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
				assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).extracting("name")
					.containsExactly("kept");
			});
	}

	@Test
	void bootsBatchProcessorStaysWhenItHasASpanReporter() {
		this.contextRunner.withBean(SpanReporter.class, () -> (span) -> {
		})
			.run((context) -> assertThat(spanProcessors(context))
				.contains(context.getBean("otelSpanProcessor", SpanProcessor.class)));
	}

	@Test
	void userSpanProcessorsReplaceOurs() {
		SpanProcessors mine = SpanProcessors.of(List.of());
		this.contextRunner.withBean(SpanProcessors.class, () -> mine).run((context) -> {
			assertThat(context).doesNotHaveBean("telemetrySpanProcessors");
			assertThat(context.getBean(SpanProcessors.class)).isSameAs(mine);
		});
	}

	@Test
	void bootsSpanProcessorsWhenTelemetryIsSwitchedOff() {
		this.contextRunner.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(spanProcessors(context))
				.contains(context.getBean("otelSpanProcessor", SpanProcessor.class)));
	}

	private static List<SpanProcessor> spanProcessors(AssertableApplicationContext context) {
		return context.getBean(SpanProcessors.class).list();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSpanProcessorConfiguration {

		@Bean
		SpanProcessor userSpanProcessor() {
			return SimpleSpanProcessor.create(InMemorySpanExporter.create());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SpanExporterConfiguration {

		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBackendsConfiguration {

		@Bean
		ResolvedBackends userBackends() {
			TelemetryProperties properties = new TelemetryProperties();
			BackendProperties mine = new BackendProperties();
			mine.setEndpoint("http://127.0.0.1:4318");
			properties.getBackends().put("mine", mine);
			return BackendResolver.resolve(properties);
		}

	}

}
