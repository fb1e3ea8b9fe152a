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
package io.github.dualexport.autoconfigure.selfmetrics;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.ExportListener;
import io.github.dualexport.autoconfigure.pipeline.ExportOutcome;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;

/**
 * Micrometer meters of every backend's export, tagged {@code backend} and {@code signal}:
 * {@code telemetry.backend.exported} (items, by {@code outcome}),
 * {@code telemetry.backend.export.duration} (one sample per export request, by
 * {@code outcome}), {@code telemetry.backend.queue.size} and
 * {@code telemetry.backend.queue.capacity}. One sample is recorded per request, never per
 * exported item, so exporting these meters cannot feed on itself.
 *
 * @author Dual Export contributors
 */
public final class ExportMetrics implements MeterBinder, ExportListener {

	static final String EXPORTED = "telemetry.backend.exported";

	static final String EXPORT_DURATION = "telemetry.backend.export.duration";

	static final String QUEUE_SIZE = "telemetry.backend.queue.size";

	static final String QUEUE_CAPACITY = "telemetry.backend.queue.capacity";

	static final String QUEUE_BYTES = "telemetry.backend.queue.bytes";

	private final ObjectProvider<BackendPipelines> pipelines;

	private volatile MeterRegistry registry;

	/**
	 * Create a new instance.
	 * @param pipelines the pipelines to measure, resolved when bound to a registry
	 */
	public ExportMetrics(ObjectProvider<BackendPipelines> pipelines) {
		this.pipelines = pipelines;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (SignalPipeline pipeline : this.pipelines.getObject().all()) {
			Tags tags = tags(pipeline.backend(), pipeline.signal());
			counter(registry, pipeline, tags, ExportOutcome.SUCCESS, PipelineSnapshot::exported);
			counter(registry, pipeline, tags, ExportOutcome.FAILURE, PipelineSnapshot::failed);
			counter(registry, pipeline, tags, ExportOutcome.DROPPED, PipelineSnapshot::dropped);
			Gauge.builder(QUEUE_SIZE, pipeline, (measured) -> measured.snapshot().queueSize())
				.description("Items waiting in the backend's queue")
				.tags(tags)
				.register(registry);
			Gauge.builder(QUEUE_CAPACITY, pipeline, (measured) -> measured.snapshot().queueCapacity())
				.description("Item capacity of the backend's queue, 0 when bounded by bytes only")
				.tags(tags)
				.register(registry);
			Gauge.builder(QUEUE_BYTES, pipeline, (measured) -> measured.snapshot().queueBytes())
				.description("Bytes of encoded requests waiting in the backend's queue")
				.baseUnit("bytes")
				.tags(tags)
				.register(registry);
		}
		this.registry = registry;
	}

	private static void counter(MeterRegistry registry, SignalPipeline pipeline, Tags tags, ExportOutcome outcome,
			ToDoubleFunction<PipelineSnapshot> count) {
		FunctionCounter.builder(EXPORTED, pipeline, (measured) -> count.applyAsDouble(measured.snapshot()))
			.description("Items exported to the backend, by outcome")
			.tags(tags.and("outcome", outcome.tagValue()))
			.register(registry);
	}

	@Override
	public void exported(String backend, Signal signal, int items, ExportOutcome outcome, Duration duration) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			Timer.builder(EXPORT_DURATION)
				.description("Time of one export request to the backend, retries included")
				.tags(tags(backend, signal).and("outcome", outcome.tagValue()))
				.register(registry)
				.record(duration);
		}
	}

	private static Tags tags(String backend, Signal signal) {
		return Tags.of("backend", backend, "signal", signal.id());
	}

}
