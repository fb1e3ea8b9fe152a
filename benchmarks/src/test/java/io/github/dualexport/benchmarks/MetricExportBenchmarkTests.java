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

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.dualexport.autoconfigure.backend.Compression;
import io.github.dualexport.autoconfigure.backend.Histogram;
import io.github.dualexport.autoconfigure.backend.Protocol;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.backend.Temporality;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;
import io.github.dualexport.autoconfigure.metrics.MetricCaptureStage;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;
import io.github.dualexport.test.OtlpReceiver;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistry;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures, in one run, what one more metrics backend costs with 1,000 Micrometer meters
 * (500 counters, 250 timers, 250 distribution summaries), for the two ways of bridging
 * Micrometer to several OTLP backends:
 * <ul>
 * <li>{@code otel-bridge}: the OpenTelemetry Micrometer bridge into one
 * {@link SdkMeterProvider} with one {@link MetricCaptureStage} (one reader for the
 * backends' common interval, one encoding per temporality) and an OTLP sender per
 * backend, as this starter does;</li>
 * <li>{@code micrometer-otlp}: one Micrometer {@link OtlpMeterRegistry} per backend in a
 * composite.</li>
 * </ul>
 * Each way runs with one backend (cumulative, explicit histograms, like VictoriaMetrics),
 * with a second identical backend, and with a second delta backend with exponential
 * histograms (like Uptrace); once with Micrometer's default meters and once with
 * percentile histograms published. Backends receive over http/protobuf with gzip, on
 * loopback, from an in-JVM receiver. It reports recording throughput on the calling
 * thread and the time of one collection and export of every backend, and their ratios.
 * Not part of the normal build: run it with {@code mvn -B -pl
 * benchmarks -am verify -Dbenchmark
 * -Dtest=MetricExportBenchmarkTests -Dsurefire.failIfNoSpecifiedTests=false}; the report
 * is also written to {@code target/metric-export-benchmark.txt}.
 *
 * @author Dual Export contributors
 */
@Tag("benchmark")
class MetricExportBenchmarkTests {

	private static final int COUNTERS = 500;

	private static final int TIMERS = 250;

	private static final int SUMMARIES = 250;

	private static final Duration TRIAL = Duration.ofMillis(700);

	private static final int TRIALS = 7;

	private static final int EXPORT_WARM_UP = 10;

	private static final int EXPORTS = 40;

	private static final OtlpReceiver firstReceiver = OtlpReceiver.start();

	private static final OtlpReceiver secondReceiver = OtlpReceiver.start();

	private static final Backend VICTORIA = new Backend(Temporality.CUMULATIVE, Histogram.EXPLICIT);

	private static final Backend UPTRACE = new Backend(Temporality.DELTA, Histogram.EXPONENTIAL);

	@AfterAll
	static void closeReceivers() {
		firstReceiver.close();
		secondReceiver.close();
	}

	@Test
	void oneMoreMetricsBackend() throws Exception {
		StringBuilder report = new StringBuilder();
		report
			.append(String.format("%nEnvironment: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
					BenchmarkMachine.cpuModel(), System.getProperty("java.version")));
		report.append(String.format(
				"1,000 meters (%d counters, %d timers, %d summaries); medians of %d trials of "
						+ "%d ms and of %d collections%n",
				COUNTERS, TIMERS, SUMMARIES, TRIALS, TRIAL.toMillis(), EXPORTS));
		for (boolean percentileHistograms : new boolean[] { false, true }) {
			List<Setup> setups = new ArrayList<>();
			for (List<Backend> backends : List.of(List.of(VICTORIA), List.of(VICTORIA, VICTORIA),
					List.of(VICTORIA, UPTRACE))) {
				setups.add(bridge(backends, percentileHistograms));
				setups.add(micrometerOtlp(backends, percentileHistograms));
			}
			try {
				measure(setups);
				report(report, setups, percentileHistograms);
			}
			finally {
				setups.forEach(Setup::close);
			}
		}
		System.out.println(report);
		Path file = Path.of("target", "metric-export-benchmark.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);
	}

	private static void measure(List<Setup> setups) {
		// Every trial and collection in turn over the setups, so that the machine's drift
		// and the JIT's progress touch every setup alike
		setups.forEach(Setup::recordingThroughput);
		for (int trial = 0; trial < TRIALS; trial++) {
			setups.forEach((setup) -> setup.throughputs.add(setup.recordingThroughput()));
		}
		for (int cycle = 0; cycle < EXPORT_WARM_UP + EXPORTS; cycle++) {
			for (Setup setup : setups) {
				double millis = setup.exportOnce();
				if (cycle >= EXPORT_WARM_UP) {
					setup.exportMillis.add(millis);
				}
			}
		}
		// What each setup sends, read before the next setup's export resets the receivers
		for (Setup setup : setups) {
			setup.exportOnce();
			setup.describeLastExport();
		}
	}

	private static void report(StringBuilder report, List<Setup> setups, boolean percentileHistograms) {
		report.append(String.format("%n== %s ==%n", percentileHistograms ? "percentile histograms published"
				: "Micrometer's default meters (no percentile histograms)"));
		report.append(String.format("%-16s %-34s %14s %14s%n", "bridge", "backends", "recordings/s", "collect+export"));
		for (Setup setup : setups) {
			report.append(String.format("%-16s %-34s %14.0f %11.1f ms%n", setup.name, setup.backends(),
					median(setup.throughputs), median(setup.exportMillis)));
		}
		for (String name : List.of("otel-bridge", "micrometer-otlp")) {
			Setup one = find(setups, name, 1, false);
			for (boolean uptrace : new boolean[] { false, true }) {
				Setup two = find(setups, name, 2, uptrace);
				report.append(String.format(
						"%-16s + %-9s backend vs 1: recording throughput %.2fx, " + "collect+export time %.2fx%n", name,
						uptrace ? "an Uptrace" : "a Victoria", median(two.throughputs) / median(one.throughputs),
						median(two.exportMillis) / median(one.exportMillis)));
			}
		}
		Setup bridge = find(setups, "otel-bridge", 2, true);
		Setup micrometer = find(setups, "micrometer-otlp", 2, true);
		report.append(String.format(
				"micrometer-otlp vs otel-bridge, Victoria + Uptrace: recording throughput %.2fx, "
						+ "collect+export time %.2fx%n",
				median(micrometer.throughputs) / median(bridge.throughputs),
				median(micrometer.exportMillis) / median(bridge.exportMillis)));
		report.append("What each backend received (Victoria + Uptrace):\n");
		for (Setup setup : List.of(bridge, micrometer)) {
			setup.received.forEach((line) -> report.append(String.format("    %-16s %s%n", setup.name, line)));
		}
	}

	private static Setup find(List<Setup> setups, String name, int backends, boolean uptrace) {
		return setups.stream()
			.filter((setup) -> setup.name.equals(name) && setup.backends.size() == backends
					&& setup.backends.contains(UPTRACE) == uptrace)
			.findFirst()
			.orElseThrow();
	}

	private static Setup bridge(List<Backend> backends, boolean percentileHistograms) {
		SdkMeterProviderBuilder builder = SdkMeterProvider.builder();
		List<Runnable> exports = new ArrayList<>();
		List<SignalPipeline> pipelines = new ArrayList<>();
		SendStages sendStages = new SendStages(null, List.of(), Duration.ofSeconds(10), System.out);
		List<ResolvedBackend> resolved = new ArrayList<>();
		for (int i = 0; i < backends.size(); i++) {
			resolved.add(backends.get(i).resolve("backend-" + i, receiver(i)));
		}
		SignalPipelines<MetricCaptureStage> built = SignalPipelines.assemble(Signal.METRICS,
				new ResolvedBackends(resolved, List.of()), sendStages, MetricCaptureStage::stageKey,
				MetricCaptureStage::encodingKey, MetricCaptureStage::new);
		built.stages().forEach((stage) -> builder.registerMetricReader(stage.metricReader()));
		pipelines.addAll(built.pipelines());
		// One collection per stage: flushing one pipeline collects for every backend of
		// its stage
		for (MetricCaptureStage stage : built.stages()) {
			SignalPipeline pipeline = built.pipelines()
				.stream()
				.filter((candidate) -> candidate.group().equals(stage.id()))
				.findFirst()
				.orElseThrow();
			exports.add(() -> assertThat(pipeline.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue());
		}
		SdkMeterProvider meterProvider = builder.build();
		MeterRegistry bridge = OpenTelemetryMeterRegistry
			.create(OpenTelemetrySdk.builder().setMeterProvider(meterProvider).build());
		return new Setup("otel-bridge", backends, percentileHistograms, List.of(bridge), exports,
				() -> new BackendPipelines(pipelines, Duration.ofSeconds(10)).close());
	}

	private static Setup micrometerOtlp(List<Backend> backends, boolean percentileHistograms)
			throws NoSuchMethodException {
		Method publish = OtlpMeterRegistry.class.getDeclaredMethod("publish");
		publish.setAccessible(true);
		List<MeterRegistry> registries = new ArrayList<>();
		List<Runnable> exports = new ArrayList<>();
		for (int i = 0; i < backends.size(); i++) {
			OtlpMeterRegistry registry = backends.get(i).otlpMeterRegistry(receiver(i));
			registries.add(registry);
			exports.add(() -> {
				try {
					publish.invoke(registry);
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		return new Setup("micrometer-otlp", backends, percentileHistograms, registries, exports,
				() -> registries.forEach(MeterRegistry::close));
	}

	private static OtlpReceiver receiver(int index) {
		return (index == 0) ? firstReceiver : secondReceiver;
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[sorted.length / 2];
	}

	/**
	 * A backend's temporality and histogram aggregation.
	 *
	 * @param temporality the temporality
	 * @param histogram the histogram aggregation
	 */
	private record Backend(Temporality temporality, Histogram histogram) {

		ResolvedBackend resolve(String name, OtlpReceiver receiver) {
			return new ResolvedBackend(name, "otlp", Protocol.HTTP_PROTOBUF, Compression.GZIP, Duration.ofSeconds(10),
					Map.of(), Set.of(Signal.METRICS), null,
					new ResolvedBackend.Metrics(receiver.httpEndpoint() + "/v1/metrics", Map.of(), Duration.ofHours(1),
							this.temporality, this.histogram),
					null, new ResolvedBackend.Retry(false, 2, Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0),
					ResolvedBackend.Redaction.NONE, Map.of(),
					new ResolvedBackend.Buffer(false, 32 * 1024 * 1024, null, Duration.ofHours(1), 2880), null);
		}

		OtlpMeterRegistry otlpMeterRegistry(OtlpReceiver receiver) {
			Map<String, String> properties = Map.of(
					"otlp.url", receiver.httpEndpoint() + "/v1/metrics", "otlp.aggregationTemporality",
					this.temporality.name(), "otlp.histogramFlavor", (this.histogram == Histogram.EXPONENTIAL)
							? "BASE2_EXPONENTIAL_BUCKET_HISTOGRAM" : "EXPLICIT_BUCKET_HISTOGRAM",
					"otlp.compressionMode", "GZIP", "otlp.step", "1h");
			OtlpConfig config = properties::get;
			return OtlpMeterRegistry.builder(config).build();
		}

		@Override
		public String toString() {
			return this.temporality + "/" + this.histogram;
		}

	}

	/**
	 * One way of bridging to some backends, with its meters registered through a
	 * composite as Spring Boot does.
	 */
	private static final class Setup {

		private final String name;

		private final List<Backend> backends;

		private final List<Runnable> exports;

		private final Runnable close;

		private final Counter[] counters = new Counter[COUNTERS];

		private final Timer[] timers = new Timer[TIMERS];

		private final DistributionSummary[] summaries = new DistributionSummary[SUMMARIES];

		private final List<Double> throughputs = new ArrayList<>();

		private final List<Double> exportMillis = new ArrayList<>();

		private final List<String> received = new ArrayList<>();

		private long sequence;

		Setup(String name, List<Backend> backends, boolean percentileHistograms, List<MeterRegistry> registries,
				List<Runnable> exports, Runnable close) {
			this.name = name;
			this.backends = backends;
			this.exports = exports;
			this.close = close;
			CompositeMeterRegistry composite = new CompositeMeterRegistry(Clock.SYSTEM, registries);
			for (int i = 0; i < COUNTERS; i++) {
				this.counters[i] = composite.counter("bench.counter." + i, "index", String.valueOf(i));
			}
			for (int i = 0; i < TIMERS; i++) {
				this.timers[i] = Timer.builder("bench.timer." + i)
					.publishPercentileHistogram(percentileHistograms)
					.register(composite);
			}
			for (int i = 0; i < SUMMARIES; i++) {
				this.summaries[i] = DistributionSummary.builder("bench.summary." + i)
					.publishPercentileHistogram(percentileHistograms)
					.register(composite);
			}
		}

		String backends() {
			return this.backends.size() + " (" + this.backends.stream().map(Backend::toString).toList() + ")";
		}

		double recordingThroughput() {
			long recordings = 0;
			long start = System.nanoTime();
			long end = start + TRIAL.toNanos();
			long now;
			do {
				recordOnce();
				recordings += COUNTERS + TIMERS + SUMMARIES;
				now = System.nanoTime();
			}
			while (now < end);
			return recordings / ((now - start) / 1e9);
		}

		private void recordOnce() {
			long value = ++this.sequence;
			for (Counter counter : this.counters) {
				counter.increment();
			}
			for (Timer timer : this.timers) {
				timer.record(1000 + (value % 1_000_000), TimeUnit.MICROSECONDS);
			}
			for (DistributionSummary summary : this.summaries) {
				summary.record(value % 10_000);
			}
		}

		double exportOnce() {
			firstReceiver.reset();
			secondReceiver.reset();
			recordOnce();
			long start = System.nanoTime();
			this.exports.forEach(Runnable::run);
			return (System.nanoTime() - start) / 1e6;
		}

		void describeLastExport() {
			for (int i = 0; i < this.backends.size(); i++) {
				List<Metric> metrics = receiver(i).metrics();
				this.received.add(this.backends.get(i) + ": " + metrics.size() + " metrics; counter "
						+ kind(metrics, "bench.counter.0") + "; timer " + kind(metrics, "bench.timer.0") + "; summary "
						+ kind(metrics, "bench.summary.0"));
			}
		}

		private static String kind(List<Metric> metrics, String name) {
			return metrics.stream()
				.filter((metric) -> metric.getName().equals(name))
				.findFirst()
				.map((metric) -> switch (metric.getDataCase()) {
					case SUM -> "Sum " + temporality(metric.getSum().getAggregationTemporality());
					case HISTOGRAM -> "Histogram " + temporality(metric.getHistogram().getAggregationTemporality())
							+ " " + metric.getHistogram().getDataPoints(0).getExplicitBoundsCount() + " bounds";
					case EXPONENTIAL_HISTOGRAM -> "ExponentialHistogram "
							+ temporality(metric.getExponentialHistogram().getAggregationTemporality());
					default -> metric.getDataCase().toString();
				})
				.orElse("missing");
		}

		private static String temporality(AggregationTemporality temporality) {
			return temporality.name().replace("AGGREGATION_TEMPORALITY_", "").toLowerCase(Locale.ROOT);
		}

		void close() {
			this.close.run();
		}

	}

}
