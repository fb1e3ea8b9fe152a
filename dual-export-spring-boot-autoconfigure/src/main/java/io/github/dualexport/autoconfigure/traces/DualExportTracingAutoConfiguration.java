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

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.pipeline.CaptureStage;
import io.github.dualexport.autoconfigure.pipeline.FanOut;
import io.github.dualexport.autoconfigure.pipeline.SendStages;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;
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
	TracePipelines telemetryTracePipelines(ResolvedBackends backends, SendStages sendStages) {
		List<SignalPipeline> pipelines = new ArrayList<>();
		List<TraceCaptureStage> stages = new ArrayList<>();
		// Backends that need the same spans share one capture stage
		for (List<ResolvedBackend> group : SendStages.group(backends.exporting(Signal.TRACES),
				(backend) -> List.of(backend.spanSelection(), backend.redaction(), backend.traces()))) {
			FanOut fanOut = sendStages.fanOut(group, Signal.TRACES);
			stages.add(new TraceCaptureStage(CaptureStage.id(Signal.TRACES, stages.size() + 1), group.get(0), fanOut));
			pipelines.addAll(fanOut.members());
		}
		return new TracePipelines(pipelines, stages);
	}

	@Bean
	SdkTracerProviderBuilderCustomizer telemetryTracerProviderCustomizer(TracePipelines pipelines) {
		return (builder) -> pipelines.stages().forEach((stage) -> builder.addSpanProcessor(stage.spanProcessor()));
	}

}
