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

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.context.annotation.Bean;
import org.springframework.core.type.MethodMetadata;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;
import io.micrometer.tracing.exporter.SpanReporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * Auto-configuration of one span pipeline per backend that receives traces, each
 * registered as its own processor in the tracer provider that Spring Boot
 * auto-configures, beside (never inside) Boot's shared exporter. When Boot's own batch
 * processor has nowhere to export to, it is left out of the tracer provider.
 *
 * @author Dual Export contributors
 */
@AutoConfiguration(after = DualExportAutoConfiguration.class, before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({ SdkTracerProvider.class, SdkTracerProviderBuilderCustomizer.class })
@ConditionalOnBean(ResolvedBackends.class)
public final class DualExportTracingAutoConfiguration {

	@Bean
	SignalPipelines<TraceCaptureStage> telemetryTracePipelines(ResolvedBackends backends, SendStages sendStages) {
		return SignalPipelines.assemble(Signal.TRACES, backends, sendStages, TraceCaptureStage::new);
	}

	@Bean
	SdkTracerProviderBuilderCustomizer telemetryTracerProviderCustomizer(SignalPipelines<TraceCaptureStage> pipelines) {
		return (builder) -> pipelines.stages().forEach((stage) -> builder.addSpanProcessor(stage.spanProcessor()));
	}

	/**
	 * The span processors Boot's tracer provider starts with: every {@link SpanProcessor}
	 * bean, as Boot orders them, except Boot's own batch processor when it exports
	 * nowhere. Boot builds that processor even with no {@code SpanExporter} and no
	 * {@link SpanReporter}; it would then still queue every ended span and, on its own
	 * thread, copy each into Micrometer's form and drop it.
	 * @param beanFactory the bean factory, to recognize Boot's processor
	 * @param spanProcessors the span processor beans
	 * @param spanExporters the exporters Boot's processor exports to
	 * @param spanReporters the reporters Boot's processor reports to
	 * @return the span processors
	 */
	@Bean
	@ConditionalOnMissingBean
	SpanProcessors telemetrySpanProcessors(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<SpanProcessor> spanProcessors, ObjectProvider<SpanExporters> spanExporters,
			ObjectProvider<SpanReporter> spanReporters) {
		SpanExporters exporters = spanExporters.getIfAvailable();
		boolean exportsNowhere = exporters != null && exporters.list().isEmpty()
				&& spanReporters.stream().findAny().isEmpty();
		@Nullable SpanProcessor idle = exportsNowhere ? bootsBatchProcessor(beanFactory) : null;
		return SpanProcessors.of(spanProcessors.orderedStream().filter((processor) -> processor != idle).toList());
	}

	private static @Nullable SpanProcessor bootsBatchProcessor(ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanNamesForType(BatchSpanProcessor.class, false, false)) {
			if (beanFactory.containsBeanDefinition(name)
					&& isBootsBatchProcessor(beanFactory.getBeanDefinition(name))) {
				return beanFactory.getBean(name, SpanProcessor.class);
			}
		}
		return null;
	}

	private static boolean isBootsBatchProcessor(BeanDefinition definition) {
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null
				&& OpenTelemetryTracingAutoConfiguration.class.getName().equals(factoryMethod.getDeclaringClassName());
	}

}
