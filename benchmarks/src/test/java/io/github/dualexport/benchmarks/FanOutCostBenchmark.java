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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.github.dualexport.autoconfigure.backend.BackendResolver;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;
import io.github.dualexport.autoconfigure.traces.TraceCaptureStage;
import io.github.dualexport.test.OtlpSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures what each more backend costs the application in CPU, for the obvious design
 * (one {@link BatchSpanProcessor} and official OTLP exporter per backend: each span
 * queued, batched and encoded once per backend) and for ours (one capture stage per
 * group: batched and encoded once, then one send queue per backend). Spans are emitted at
 * a fixed rate; the CPU time of the whole process (emitting, batching, encoding,
 * compressing, sending, garbage collection) is divided by the spans emitted, once as it
 * is and once without the threads of the backends: they are {@link OtlpSink}s in this
 * process, which read each request and keep nothing, where a real backend runs on another
 * machine. The designs and backend counts alternate round after round in one run, and the
 * report gives medians and ratios measured in that run.
 * <p>
 * Run with {@code mvn -Dbenchmark -pl benchmarks -am verify
 * -Dtest=FanOutCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; tune with
 * {@code -Dbenchmark.fanout.rounds} (5), {@code -Dbenchmark.fanout.rate} (spans per
 * second, 10000; a backend takes one request at a time, and a loopback request to the
 * JDK's HTTP server takes about 40 ms, so higher rates overflow the send queues) and
 * {@code -Dbenchmark.fanout.window} (seconds, 5).
 *
 * @author Dual Export contributors
 */
@Tag("benchmark")
class FanOutCostBenchmark {

	private static final int ROUNDS = Integer.getInteger("benchmark.fanout.rounds", 5);

	private static final int RATE = Integer.getInteger("benchmark.fanout.rate", 10_000);

	private static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("benchmark.fanout.window", 5));

	private static final int[] BACKENDS = { 1, 2, 4 };

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	@Test
	void cpuPerSpanWithOneTwoAndFourBackends() {
		List<OtlpSink> sinks = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			sinks.add(OtlpSink.start());
		}
		try {
			Map<String, List<Cost>> nanosPerSpan = new LinkedHashMap<>();
			measure(Design.OBVIOUS, 1, sinks);
			measure(Design.OURS, 1, sinks);
			for (int round = 0; round < ROUNDS; round++) {
				for (Design design : Design.values()) {
					for (int backends : BACKENDS) {
						nanosPerSpan.computeIfAbsent(design + "-" + backends, (key) -> new ArrayList<>())
							.add(measure(design, backends, sinks));
					}
				}
			}
			report(nanosPerSpan);
		}
		finally {
			sinks.forEach(OtlpSink::close);
		}
	}

	private Cost measure(Design design, int backends, List<OtlpSink> sinks) {
		long bytesBefore = sinks.stream().mapToLong(OtlpSink::bytes).sum();
		SdkTracerProviderBuilder builder = SdkTracerProvider.builder();
		List<SignalPipeline> pipelines = new ArrayList<>();
		if (design == Design.OBVIOUS) {
			for (int i = 0; i < backends; i++) {
				builder.addSpanProcessor(
						BatchSpanProcessor
							.builder(OtlpHttpSpanExporter.builder()
								.setEndpoint(sinks.get(i).httpEndpoint() + "/v1/traces")
								.setCompression("gzip")
								.build())
							.setMaxQueueSize(RATE)
							.build());
			}
		}
		else {
			List<ResolvedBackend> resolved = resolve(sinks.subList(0, backends));
			SignalPipelines<TraceCaptureStage> built = SignalPipelines.assemble(Signal.TRACES,
					new ResolvedBackends(resolved, List.of()),
					new SendStages(null, List.of(), Duration.ofSeconds(10), System.out), TraceCaptureStage::new);
			builder.addSpanProcessor(built.stages().get(0).spanProcessor());
			pipelines.addAll(built.pipelines());
		}
		SdkTracerProvider provider = builder.build();
		Tracer tracer = provider.get("io.github.dualexport.benchmark");
		emit(tracer, Duration.ofSeconds(1));
		provider.forceFlush().join(10, TimeUnit.SECONDS);
		pipelines.forEach((pipeline) -> pipeline.forceFlush().join(10, TimeUnit.SECONDS));
		long cpuBefore = OS.getProcessCpuTime();
		long sinksBefore = sinkThreadsCpu();
		long spans = emit(tracer, WINDOW);
		provider.forceFlush().join(10, TimeUnit.SECONDS);
		pipelines.forEach((pipeline) -> pipeline.forceFlush().join(10, TimeUnit.SECONDS));
		long cpu = OS.getProcessCpuTime() - cpuBefore;
		long sinksCpu = sinkThreadsCpu() - sinksBefore;
		provider.shutdown().join(10, TimeUnit.SECONDS);
		new BackendPipelines(pipelines, Duration.ofSeconds(10)).close();
		pipelines.forEach((pipeline) -> assertThat(pipeline.snapshot().dropped()).isZero());
		assertThat(sinks.stream().mapToLong(OtlpSink::bytes).sum()).isGreaterThan(bytesBefore);
		return new Cost((double) cpu / spans, (double) (cpu - sinksCpu) / spans);
	}

	/**
	 * Return the CPU time the backends' threads have used so far: the HTTP server's
	 * dispatcher and the handler threads of every {@link OtlpSink}, which live as long as
	 * the sinks.
	 * @return nanoseconds of CPU
	 */
	private static long sinkThreadsCpu() {
		long nanos = 0;
		for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
			if (thread != null && (thread.getThreadName().equals("otlp-sink")
					|| thread.getThreadName().startsWith("HTTP-Dispatcher"))) {
				nanos += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
			}
		}
		return nanos;
	}

	private static long emit(Tracer tracer, Duration duration) {
		long perMillisecond = Math.max(1, RATE / 1000);
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long emitted = 0;
		for (long tick = start; tick < end; tick += 1_000_000) {
			for (int i = 0; i < perMillisecond; i++) {
				Span span = tracer.spanBuilder("GET /orders/{id}")
					.setAttribute("http.request.method", "GET")
					.setAttribute("url.path", "/orders/" + emitted)
					.setAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
					.setAttribute("enduser.id", "user-" + (emitted % 100))
					.startSpan();
				span.end();
				emitted++;
			}
			long wait = tick + 1_000_000 - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
		}
		return emitted;
	}

	private static List<ResolvedBackend> resolve(List<OtlpSink> sinks) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("telemetry.defaults.signals", "traces");
		properties.put("telemetry.defaults.traces.max-queue-size", String.valueOf(RATE));
		for (int i = 0; i < sinks.size(); i++) {
			properties.put("telemetry.backends.b" + i + ".endpoint", sinks.get(i).httpEndpoint());
		}
		TelemetryProperties telemetry = new Binder(new MapConfigurationPropertySource(properties))
			.bind("telemetry", TelemetryProperties.class)
			.get();
		return BackendResolver.resolve(telemetry).backends();
	}

	private static void report(Map<String, List<Cost>> nanosPerSpan) {
		System.out.printf("%n%d cores, %s %s; %,d spans/s for %d s, %d rounds, median CPU per span%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
				System.getProperty("java.version"), RATE, WINDOW.toSeconds(), ROUNDS);
		System.out.printf("%-10s %9s %12s %14s %14s %16s %14s%n", "design", "backends", "process µs", "vs 1 backend",
				"vs obvious", "w/o sinks µs", "vs 1 backend");
		for (Design design : Design.values()) {
			List<Cost> one = nanosPerSpan.get(design + "-1");
			for (int backends : BACKENDS) {
				List<Cost> costs = nanosPerSpan.get(design + "-" + backends);
				double process = median(costs, Cost::process);
				double application = median(costs, Cost::application);
				System.out.printf("%-10s %9d %12.2f %13.2fx %13.2fx %16.2f %13.2fx%n", design.name().toLowerCase(),
						backends, process / 1000, process / median(one, Cost::process),
						process / median(nanosPerSpan.get(Design.OBVIOUS + "-" + backends), Cost::process),
						application / 1000, application / median(one, Cost::application));
			}
		}
		System.out.println("'vs 1 backend' > 1 is the cost of the extra backends; the throughput a CPU-bound"
				+ " application keeps is about its inverse. 'w/o sinks' leaves out the CPU of the"
				+ " backends' own threads, which run in this process.");
	}

	private static double median(List<Cost> costs, ToDoubleFunction<Cost> measure) {
		return Stats.median(costs.stream().map(measure::applyAsDouble).toList());
	}

	/**
	 * CPU per span of one measurement.
	 *
	 * @param process nanoseconds of the whole process
	 * @param application nanoseconds without the backends' threads
	 */
	private record Cost(double process, double application) {
	}

	private enum Design {

		OBVIOUS, OURS

	}

}
