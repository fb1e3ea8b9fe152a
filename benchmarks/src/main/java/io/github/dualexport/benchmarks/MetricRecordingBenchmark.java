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

package io.github.dualexport.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;

import io.github.dualexport.autoconfigure.backend.Compression;
import io.github.dualexport.autoconfigure.backend.Histogram;
import io.github.dualexport.autoconfigure.backend.Protocol;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.backend.Temporality;
import io.github.dualexport.autoconfigure.metrics.MetricCaptureStage;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;
import io.github.dualexport.test.OtlpSink;

/**
 * Measures what the second metrics backend of the seed's pair costs the threads that
 * record: 1,000 Micrometer meters (500 counters, 250 timers, 250 distribution summaries)
 * recorded on one thread through a composite and the OpenTelemetry bridge into the
 * starter's metric pipelines, with
 * <ul>
 * <li>{@code victoria}: one backend, cumulative with explicit histograms;</li>
 * <li>{@code victoria+uptrace}: the seed's pair on one interval, the second delta with
 * exponential histograms asked for: one reader, as the starter builds it;</li>
 * <li>{@code victoria+uptrace-own-interval}: the same pair on different intervals, so
 * each gets its own reader and aggregation (the design before one aggregation per
 * interval, and what a user gets by giving Uptrace an interval of its own).</li>
 * </ul>
 * Trials alternate over the setups; each line gives the median, minimum and maximum, and
 * the ratio of medians to {@code victoria}. Collection + export is the time one
 * collection takes to be aggregated, encoded and queued for every backend. The backends
 * are {@link OtlpSink}s.
 *
 * @author Dual Export contributors
 */
final class MetricRecordingBenchmark {

	private static final int COUNTERS = 500;

	private static final int TIMERS = 250;

	private static final int SUMMARIES = 250;

	private MetricRecordingBenchmark() {
	}

	static void run(int rounds, Duration trial) throws Exception {
		try (OtlpSink victoria = OtlpSink.start(); OtlpSink uptrace = OtlpSink.start()) {
			List<Setup> setups = List.of(
					new Setup("victoria",
							List.of(backend("victoria", victoria, Temporality.CUMULATIVE, Histogram.EXPLICIT,
									Duration.ofHours(1)))),
					new Setup("victoria+uptrace",
							List.of(backend("victoria", victoria, Temporality.CUMULATIVE, Histogram.EXPLICIT,
									Duration.ofHours(1)),
									backend("uptrace", uptrace, Temporality.DELTA, Histogram.EXPONENTIAL,
											Duration.ofHours(1)))),
					new Setup("victoria+uptrace-own-interval",
							List.of(backend("victoria", victoria, Temporality.CUMULATIVE, Histogram.EXPLICIT,
									Duration.ofHours(1)),
									backend("uptrace", uptrace, Temporality.DELTA, Histogram.EXPONENTIAL,
											Duration.ofHours(2)))));
			try {
				System.out.printf("Metric recording: %d cores, %s, %d rounds of %d ms, setups alternating%n",
						Runtime.getRuntime().availableProcessors(),
						System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), rounds,
						trial.toMillis());
				for (Setup setup : setups) {
					// Warm-up: the JIT, and every meter's first collection
					setup.record(trial);
					setup.collect();
				}
				for (int round = 1; round <= rounds; round++) {
					for (Setup setup : setups) {
						setup.throughputs.add(setup.record(trial));
						setup.collectMillis.add(setup.collect());
					}
				}
				double baseline = Stats.median(setups.get(0).throughputs);
				double baselineCollect = Stats.median(setups.get(0).collectMillis);
				System.out.printf("%-30s %8s %28s %8s %24s %8s%n", "setup", "readers", "recordings/s (min-max)",
						"/victoria", "collect+export ms", "/victoria");
				for (Setup setup : setups) {
					System.out.printf("%-30s %8d %12.0f (%.0f-%.0f) %8.2fx %10.1f (%.1f-%.1f) %8.2fx%n", setup.name,
							setup.readers, Stats.median(setup.throughputs), Stats.min(setup.throughputs),
							Stats.max(setup.throughputs), Stats.median(setup.throughputs) / baseline,
							Stats.median(setup.collectMillis), Stats.min(setup.collectMillis),
							Stats.max(setup.collectMillis), Stats.median(setup.collectMillis) / baselineCollect);
				}
			}
			finally {
				setups.forEach(Setup::close);
			}
		}
	}

	private static ResolvedBackend backend(String name, OtlpSink sink, Temporality temporality, Histogram histogram,
			Duration interval) {
		return new ResolvedBackend(name, "otlp", Protocol.HTTP_PROTOBUF, Compression.GZIP, Duration.ofSeconds(10),
				Map.of(), Set.of(Signal.METRICS), null,
				new ResolvedBackend.Metrics(sink.httpEndpoint() + "/v1/metrics", Map.of(), interval, temporality,
						histogram),
				null, new ResolvedBackend.Retry(false, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0),
				ResolvedBackend.Redaction.NONE, Map.of(),
				new ResolvedBackend.Buffer(false, 32 * 1024 * 1024, null, Duration.ofHours(1), 2880), null);
	}

	/**
	 * One set of backends, with its meter provider, bridge and meters.
	 */
	private static final class Setup {

		private final String name;

		private final int readers;

		private final List<Double> throughputs = new ArrayList<>();

		private final List<Double> collectMillis = new ArrayList<>();

		private final List<SignalPipeline> flushed = new ArrayList<>();

		private final BackendPipelines pipelines;

		private final SdkMeterProvider meterProvider;

		private final MeterRegistry registry;

		private final Counter[] counters = new Counter[COUNTERS];

		private final Timer[] timers = new Timer[TIMERS];

		private final DistributionSummary[] summaries = new DistributionSummary[SUMMARIES];

		Setup(String name, List<ResolvedBackend> backends) {
			this.name = name;
			SendStages sendStages = new SendStages(null, List.of(), Duration.ofSeconds(10), System.out);
			SignalPipelines<MetricCaptureStage> built = SignalPipelines.assemble(Signal.METRICS,
					new ResolvedBackends(backends, List.of()), sendStages, MetricCaptureStage::stageKey,
					MetricCaptureStage::encodingKey, MetricCaptureStage::new);
			SdkMeterProviderBuilder builder = SdkMeterProvider.builder();
			for (MetricCaptureStage stage : built.stages()) {
				builder.registerMetricReader(stage.metricReader());
				// Flushing one pipeline of a stage collects once for all its backends
				this.flushed.add(built.pipelines()
					.stream()
					.filter((pipeline) -> pipeline.group().equals(stage.id()))
					.findFirst()
					.orElseThrow());
			}
			this.readers = built.stages().size();
			this.pipelines = new BackendPipelines(built.pipelines(), Duration.ofSeconds(10));
			this.meterProvider = builder.build();
			CompositeMeterRegistry composite = new CompositeMeterRegistry();
			composite.add(OpenTelemetryMeterRegistry
				.create(OpenTelemetrySdk.builder().setMeterProvider(this.meterProvider).build()));
			this.registry = composite;
			for (int i = 0; i < COUNTERS; i++) {
				this.counters[i] = this.registry.counter("bench.counter", "meter", String.valueOf(i));
			}
			for (int i = 0; i < TIMERS; i++) {
				this.timers[i] = this.registry.timer("bench.timer", "meter", String.valueOf(i));
			}
			for (int i = 0; i < SUMMARIES; i++) {
				this.summaries[i] = this.registry.summary("bench.summary", "meter", String.valueOf(i));
			}
		}

		double record(Duration trial) {
			long deadline = System.nanoTime() + trial.toNanos();
			long recordings = 0;
			long start = System.nanoTime();
			int i = 0;
			while ((recordings & 1023) != 0 || System.nanoTime() < deadline) {
				int meter = i++ % (COUNTERS + TIMERS + SUMMARIES);
				if (meter < COUNTERS) {
					this.counters[meter].increment();
				}
				else if (meter < COUNTERS + TIMERS) {
					this.timers[meter - COUNTERS].record(1 + (i & 1023), TimeUnit.MICROSECONDS);
				}
				else {
					this.summaries[meter - COUNTERS - TIMERS].record(i & 4095);
				}
				recordings++;
			}
			return recordings / ((System.nanoTime() - start) / 1e9);
		}

		double collect() {
			long start = System.nanoTime();
			for (SignalPipeline pipeline : this.flushed) {
				if (!pipeline.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()) {
					throw new IllegalStateException("Collection failed for " + this.name);
				}
			}
			return (System.nanoTime() - start) / 1e6;
		}

		void close() {
			this.pipelines.close();
			this.meterProvider.close();
		}

	}

}
