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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

/**
 * Auto-configuration of one span pipeline per backend that receives traces, each
 * registered as its own processor in the tracer provider that Spring Boot
 * auto-configures, beside (never inside) Boot's shared exporter.
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

}
