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
package io.github.dualexport.autoconfigure.pipeline.capture;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.otel.BatchProcessorTelemetry;
import io.github.dualexport.autoconfigure.pipeline.QueueState;
import io.github.dualexport.autoconfigure.pipeline.send.FanOut;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Base of the capture stages whose items wait in the bounded queue of an SDK batch
 * processor before they are encoded; the queue's state is read from the processor's own
 * metrics.
 *
 * @author Dual Export contributors
 */
public abstract class QueuedCaptureStage extends CaptureStage {

	private final String itemKind;

	private volatile BatchProcessorTelemetry queueTelemetry;

	private volatile Supplier<CompletableResultCode> forceFlush = CompletableResultCode::ofSuccess;

	private volatile Supplier<CompletableResultCode> shutdown = CompletableResultCode::ofSuccess;

	/**
	 * Create a new instance.
	 * @param id the group's id
	 * @param fanOut hands the encoded requests to the group's backends
	 * @param itemKind the processor's item kind in its metric names, 'span' or 'log'
	 */
	protected QueuedCaptureStage(String id, FanOut fanOut, String itemKind) {
		super(id, fanOut);
		this.itemKind = itemKind;
	}

	/**
	 * Build this stage's batch processor: the group's batching and the queue telemetry
	 * are applied to the builder, and the processor built is the one
	 * {@link #forceFlush()} and {@link #shutdown()} act on. Called once, from the
	 * subclass constructor.
	 * @param <B> the builder type
	 * @param <P> the processor type
	 * @param builder the processor's builder, holding the exporter
	 * @param batch the group's batching of this signal
	 * @param methods the methods of the builder and processor types
	 * @return the processor
	 */
	protected final <B, P> P buildProcessor(B builder, ResolvedBackend.Batch batch,
			BatchProcessorMethods<B, P> methods) {
		methods.maxQueueSize().accept(builder, batch.maxQueueSize());
		methods.maxExportBatchSize().accept(builder, batch.maxExportBatchSize());
		methods.scheduleDelay().accept(builder, batch.scheduleDelay());
		methods.exporterTimeout().accept(builder, batch.exportTimeout());
		// Queue size, capacity and drops are read back from the processor's own metrics
		BatchProcessorTelemetry telemetry = new BatchProcessorTelemetry(this.itemKind, batch.maxQueueSize());
		methods.meterProvider().accept(builder, telemetry.meterProvider());
		BatchProcessorTelemetry.preferSemanticConventions(builder);
		this.queueTelemetry = telemetry;
		P processor = methods.build().apply(builder);
		this.forceFlush = () -> methods.forceFlush().apply(processor);
		this.shutdown = () -> methods.shutdown().apply(processor);
		return processor;
	}

	@Override
	public QueueState state() {
		BatchProcessorTelemetry telemetry = this.queueTelemetry;
		if (telemetry == null) {
			return QueueState.NONE;
		}
		BatchProcessorTelemetry.Reading queue = telemetry.read();
		return new QueueState(queue.size(), queue.capacity(), queue.dropped() + droppedAfterShutdown(), 0);
	}

	@Override
	public CompletableResultCode forceFlush() {
		return this.forceFlush.get();
	}

	@Override
	protected CompletableResultCode doShutdown() {
		return this.shutdown.get();
	}

	/**
	 * Base of the processor a stage registers with the SDK in front of its batch
	 * processor, which decides what enters the queue; flushing and shutting it down act
	 * on the stage.
	 */
	protected abstract class Gate {

		/**
		 * Flush the stage.
		 * @return the result of the flush
		 */
		public CompletableResultCode forceFlush() {
			return QueuedCaptureStage.this.forceFlush();
		}

		/**
		 * Shut the stage down.
		 * @return the result of the shutdown
		 */
		public CompletableResultCode shutdown() {
			return QueuedCaptureStage.this.shutdown();
		}

	}

	/**
	 * The methods of one SDK batch processor type and its builder. The batch processors
	 * of each signal share method names but no interface, so they are reached through
	 * method references.
	 *
	 * @param <B> the builder type
	 * @param <P> the processor type
	 * @param maxQueueSize sets the queue capacity
	 * @param maxExportBatchSize sets the items per request
	 * @param scheduleDelay sets the delay between exports of partial batches
	 * @param exporterTimeout sets the bound of one batch export
	 * @param meterProvider sets the meter provider of the processor's own metrics
	 * @param build builds the processor
	 * @param forceFlush flushes the processor
	 * @param shutdown shuts the processor down
	 */
	public record BatchProcessorMethods<B, P>(BiConsumer<B, Integer> maxQueueSize,
			BiConsumer<B, Integer> maxExportBatchSize, BiConsumer<B, Duration> scheduleDelay,
			BiConsumer<B, Duration> exporterTimeout, BiConsumer<B, MeterProvider> meterProvider, Function<B, P> build,
			Function<P, CompletableResultCode> forceFlush, Function<P, CompletableResultCode> shutdown) {

	}

}
