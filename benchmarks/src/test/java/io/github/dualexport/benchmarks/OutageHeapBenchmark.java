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

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.logs.DualExportLoggingAutoConfiguration;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;
import io.github.dualexport.autoconfigure.shutdown.PipelinesShutdownAutoConfiguration;
import io.github.dualexport.autoconfigure.traces.DualExportTracingAutoConfiguration;
import io.github.dualexport.test.OtlpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures how much the heap grows while one of two backends is down for a long time
 * under a fixed load, as a ratio to the bound the configuration puts on that backend's
 * memory: {@code buffer.max-size} per signal, times the two signals sent (traces and
 * logs).
 * <p>
 * One application context per setup holds two backends over http/protobuf + gzip,
 * {@code healthy} and {@code down}, with the same traces and logs settings, so that each
 * signal has one capture stage (SDK batch processor) shared by both and each backend its
 * own send queue. Their item bound ({@code max-queue-size}) is set high enough that
 * {@code down}'s queues are bounded by bytes ({@code buffer.max-size}, 4MB unless
 * configured), the bound under test. One thread ends spans at a fixed rate, paced with
 * {@link LockSupport#parkNanos(long)}, and writes log lines inside them through Logback
 * and the starter's appender. Three setups run one after the other, each as long as the
 * outage:
 * <ul>
 * <li>none: both backends answer (the heap growth of the load alone)</li>
 * <li>connection refused: {@code down}'s receiver is stopped</li>
 * <li>black hole: {@code down}'s endpoint accepts connections and reads requests but
 * never answers. A socket that forgets what it reads rather than
 * {@link OtlpReceiver#neverRespond()}, which keeps each held request, its parsed message
 * and a thread until it is released: heap the benchmark would charge to the starter.</li>
 * </ul>
 * {@code down} takes nothing during the warm-up, so that its queues are empty when the
 * baseline is taken. The heap used after two {@link System#gc()} calls is sampled after
 * the warm-up (the baseline) and at a fixed interval during the outage; the growth is the
 * largest sample minus the baseline. Before each sample the emitting thread pauses, the
 * {@code healthy} pipelines are flushed and the receivers forget what they received
 * (their counts are kept), so that neither the test receivers nor the load's own
 * in-flight data are counted. The {@code healthy} receiver must have received every span
 * and log line emitted. Each setup starts once the previous one's application context is
 * garbage.
 * <p>
 * Not part of the normal build; run with
 * {@code mvn -B -Dbenchmark -pl benchmarks -am verify -Dtest=OutageHeapBenchmark -Dbenchmark.outage=60s -Dsurefire.failIfNoSpecifiedTests=false}.
 * System properties: {@code benchmark.outage} (the outage, and each setup's length:
 * ISO-8601 or {@code 60s} style, default {@code PT10M}),
 * {@code benchmark.outage.spans-per-second} (2000),
 * {@code benchmark.outage.logs-per-second} (500), {@code benchmark.outage.buffer}
 * ({@code down}'s {@code buffer.max-size}, 4MB), {@code benchmark.outage.sample-interval}
 * (10s) and {@code benchmark.outage.warm-up} (5s). The report is also written to
 * {@code target/outage-heap-benchmark.txt}.
 *
 * @author Dual Export contributors
 */
@Tag("benchmark")
class OutageHeapBenchmark {

	private static final String LOGGER_NAME = "io.github.dualexport.benchmark.Orders";

	private static final Logger logger = LoggerFactory.getLogger(OutageHeapBenchmark.class);

	private static final String HEALTHY = "healthy";

	private static final String DOWN = "down";

	private static final List<Signal> SIGNALS = List.of(Signal.TRACES, Signal.LOGS);

	private static final double MB = 1024.0 * 1024.0;

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(120);

	private static final double MAX_GROWTH_TO_BOUND = 3.0;

	private final Settings settings = Settings.fromSystemProperties();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class,
				DualExportAutoConfiguration.class, DualExportTracingAutoConfiguration.class,
				DualExportLoggingAutoConfiguration.class, PipelinesShutdownAutoConfiguration.class));

	@Test
	void heapGrowthDuringALongOutageOfOneBackend() throws IOException {
		List<Result> results = new ArrayList<>();
		for (Outage outage : Outage.values()) {
			results.add(measure(outage));
		}
		String report = report(results);
		System.out.println(report);
		Path file = Path.of("target", "outage-heap-benchmark.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);
		// Correctness, not timing: the other backend lost nothing, memory stayed bounded
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.receivedSpans()).as("spans at '%s' (%s)", HEALTHY, result.outage().description())
				.isEqualTo(result.emittedSpans());
			assertThat(result.receivedLogs()).as("log lines at '%s' (%s)", HEALTHY, result.outage().description())
				.isEqualTo(result.emittedLogs());
			assertThat((double) result.growth() / this.settings.bound())
				.as("heap growth / bound (%s)", result.outage().description())
				.isLessThan(MAX_GROWTH_TO_BOUND);
		});
	}

	private Result measure(Outage outage) throws IOException {
		try (OtlpReceiver healthy = OtlpReceiver.start();
				OtlpReceiver downReceiver = OtlpReceiver.start();
				BlackHole blackHole = new BlackHole()) {
			String downEndpoint = (outage == Outage.BLACK_HOLE) ? blackHole.endpoint() : downReceiver.httpEndpoint();
			List<Result> result = new ArrayList<>();
			List<WeakReference<Object>> released = new ArrayList<>();
			this.contextRunner.withPropertyValues(properties(healthy.httpEndpoint(), downEndpoint)).run((context) -> {
				BackendPipelines pipelines = context.getBean(BackendPipelines.class);
				List.of(context.getBean(OpenTelemetry.class), pipelines,
						((SignalPipelines<?>) context.getBean("telemetryTracePipelines")),
						((SignalPipelines<?>) context.getBean("telemetryLogPipelines")))
					.forEach((bean) -> released.add(new WeakReference<>(bean)));
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("benchmark");
				pipelines.setEnabled(DOWN, false);
				try (CapturedLogger logger = CapturedLogger.attach()) {
					Emitter emitter = new Emitter(tracer, logger.logger(), this.settings);
					emitter.emitUntil(System.nanoTime() + this.settings.warmUp().toNanos(), () -> {
					});
					Received received = new Received();
					received.drain(pipelines, healthy, downReceiver);
					long baseline = heapAfterGc();
					long spansBefore = emitter.spans();
					long logsBefore = emitter.logs();
					if (outage == Outage.REFUSED) {
						downReceiver.stop();
					}
					long start = System.nanoTime();
					DownMonitor monitor = new DownMonitor(pipelines, start);
					pipelines.setEnabled(DOWN, true);
					long end = start + this.settings.outage().toNanos();
					long interval = this.settings.sampleInterval().toNanos();
					List<Long> growthSamples = new ArrayList<>();
					List<Long> queuedSamples = new ArrayList<>();
					for (long sample = start + interval;; sample += interval) {
						long until = Math.min(sample, end);
						emitter.emitUntil(until, monitor::poll);
						received.drain(pipelines, healthy, downReceiver);
						growthSamples.add(heapAfterGc() - baseline);
						monitor.poll();
						queuedSamples.add(monitor.queuedBytes());
						if (until == end) {
							break;
						}
					}
					Duration measured = Duration.ofNanos(System.nanoTime() - start);
					result.add(new Result(outage, measured, emitter.spans() - spansBefore, emitter.logs() - logsBefore,
							growthSamples.stream().mapToLong(Long::longValue).max().orElse(0), growthSamples,
							queuedSamples, monitor.signals(), emitter.spans(), emitter.logs(), received.spans,
							received.logs, groups(pipelines), null));
				}
			});
			assertThat(result).as("result of '%s'", outage.description()).hasSize(1);
			// Logback's loggers keep their last copy of their appenders, the closed
			// context's appender and SDK with it, until an event goes through them
			logger.info("Setup '{}' done, waiting for its application context to be garbage", outage.description());
			return result.get(0).releasedAfter(awaitReleased(released));
		}
	}

	private String[] properties(String healthyEndpoint, String downEndpoint) {
		int itemBound = this.settings.itemBound();
		return new String[] { "management.tracing.sampling.probability=1.0", "telemetry.defaults.signals=traces,logs",
				// Same settings for both: one capture stage per signal, shared
				"telemetry.defaults.traces.max-queue-size=" + itemBound,
				"telemetry.defaults.logs.max-queue-size=" + itemBound, "telemetry.shutdown.timeout=2s",
				"telemetry.backends." + HEALTHY + ".endpoint=" + healthyEndpoint,
				"telemetry.backends." + DOWN + ".endpoint=" + downEndpoint,
				"telemetry.backends." + DOWN + ".buffer.max-size=" + this.settings.buffer().toBytes() + "B" };
	}

	private static String groups(BackendPipelines pipelines) {
		Map<String, List<String>> groups = new TreeMap<>();
		pipelines.snapshots()
			.forEach((snapshot) -> groups.computeIfAbsent(snapshot.group(), (group) -> new ArrayList<>())
				.add(snapshot.backend()));
		return groups.entrySet()
			.stream()
			.map((group) -> group.getKey() + " " + group.getValue())
			.collect(Collectors.joining(", "));
	}

	/**
	 * Wait until the closed context's SDK and pipelines are garbage: they can stay
	 * reachable for a while after the close (batch processor threads finishing), and
	 * would be in the next setup's baseline.
	 * @param references weak references to them
	 * @return how long it took, or {@code null} if they were still reachable at the
	 * timeout
	 */
	private static Duration awaitReleased(List<WeakReference<Object>> references) {
		long start = System.nanoTime();
		while (System.nanoTime() - start < RELEASE_TIMEOUT.toNanos()) {
			System.gc();
			if (references.stream().allMatch((reference) -> reference.get() == null)) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
		}
		return null;
	}

	private static long heapAfterGc() {
		System.gc();
		System.gc();
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

	private String report(List<Result> results) {
		Settings settings = this.settings;
		long none = results.stream()
			.filter((result) -> result.outage() == Outage.NONE)
			.mapToLong(Result::growth)
			.findFirst()
			.orElse(0);
		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT, "%nHeap growth during an outage of one of two backends%n"));
		report.append(String.format(Locale.ROOT, "Machine: %d cores, %s, %s %s, %s, max heap %,.0f MB%n",
				Runtime.getRuntime().availableProcessors(), BenchmarkMachine.cpuModel(),
				System.getProperty("java.vm.name"), System.getProperty("java.version"), garbageCollectors(),
				MEMORY.getHeapMemoryUsage().getMax() / MB));
		report.append(String.format(Locale.ROOT,
				"Load: %,d spans/s with %,d log lines/s inside them, one thread; warm-up %s, then %s per setup, "
						+ "heap used after System.gc() sampled every %s%n",
				settings.spansPerSecond(), settings.logsPerSecond(), seconds(settings.warmUp()),
				seconds(settings.outage()), seconds(settings.sampleInterval())));
		report.append(String.format(Locale.ROOT,
				"'%s': buffer.max-size %s per signal, bound %s (traces + logs); max-queue-size %,d for both "
						+ "backends, so bytes bind; capture groups: %s%n%n",
				DOWN, mb(settings.buffer().toBytes()), mb(settings.bound()), settings.itemBound(),
				results.get(0).groups()));
		report.append(String.format(Locale.ROOT,
				"| %-20s | %8s | %7s | %6s | %7s | %12s | %13s | %12s | %17s | %14s" + " | %15s | %23s | %-47s |%n",
				"outage of '" + DOWN + "'", "duration", "spans/s", "logs/s", "bound", "queued (max)", "dropped spans",
				"dropped logs", "heap growth (max)", "growth / bound", "growth / queued", "(growth - none) / bound",
				"'" + HEALTHY + "' received / emitted"));
		for (Result result : results) {
			double seconds = result.duration().toNanos() / 1e9;
			long queued = result.signals().values().stream().mapToLong(DownSignal::maxQueueBytes).sum();
			report.append(String.format(Locale.ROOT,
					"| %-20s | %8s | %,7.0f | %,6.0f | %7s | %12s | %,13d | %,12d | %17s | %14.2f | %15s | %23s"
							+ " | %-47s |%n",
					result.outage().description(), seconds(result.duration()), result.spans() / seconds,
					result.logs() / seconds, mb(settings.bound()), mb(queued), result.dropped(Signal.TRACES),
					result.dropped(Signal.LOGS), mb(result.growth()), (double) result.growth() / settings.bound(),
					(result.outage() != Outage.NONE && queued > 0)
							? String.format(Locale.ROOT, "%.2f", (double) result.growth() / queued) : "-",
					(result.outage() != Outage.NONE)
							? String.format(Locale.ROOT, "%.2f", (double) (result.growth() - none) / settings.bound())
							: "-",
					received(result)));
		}
		report.append(String.format(Locale.ROOT, "%n'%s' per signal:%n", DOWN));
		report.append(String.format(Locale.ROOT, "| %-20s | %-6s | %7s | %12s | %12s | %9s | %10s |%n", "outage",
				"signal", "bound", "queued (max)", "items (max)", "dropped", "full after"));
		for (Result result : results) {
			for (Signal signal : SIGNALS) {
				DownSignal down = result.signals().get(signal);
				report.append(String.format(Locale.ROOT, "| %-20s | %-6s | %7s | %12s | %,12d | %,9d | %10s |%n",
						result.outage().description(), signal.id(), mb(settings.buffer().toBytes()),
						mb(down.maxQueueBytes()), down.maxQueueItems(), down.dropped(),
						(down.fullAfter() != null) ? seconds(down.fullAfter()) : "not full"));
			}
		}
		report.append(String.format(Locale.ROOT, "%nSamples every %s, heap growth / bytes queued at '%s' (MB):%n",
				seconds(settings.sampleInterval()), DOWN));
		for (Result result : results) {
			StringBuilder samples = new StringBuilder();
			for (int i = 0; i < result.growthSamples().size(); i++) {
				samples.append(String.format(Locale.ROOT, " %.1f/%.1f", result.growthSamples().get(i) / MB,
						result.queuedSamples().get(i) / MB));
			}
			report.append(String.format(Locale.ROOT, "  %-20s%s%n", result.outage().description(), samples));
		}
		report.append(String.format(Locale.ROOT,
				"%nEach setup's SDK and pipelines were garbage after its close "
						+ "(waited for before the next setup): %s%n",
				results.stream()
					.map((result) -> result.outage().description() + " "
							+ ((result.releasedAfter() != null)
									? String.format(Locale.ROOT, "after %.1f s",
											result.releasedAfter().toMillis() / 1000.0)
									: "NOT within " + seconds(RELEASE_TIMEOUT)))
					.collect(Collectors.joining(", "))));
		return report.toString();
	}

	private static String received(Result result) {
		boolean all = result.receivedSpans() == result.emittedSpans() && result.receivedLogs() == result.emittedLogs();
		return String.format(Locale.ROOT, "%s %,d/%,d spans, %,d/%,d logs", all ? "all" : "MISSING",
				result.receivedSpans(), result.emittedSpans(), result.receivedLogs(), result.emittedLogs());
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.0f s", duration.toMillis() / 1000.0);
	}

	private static String garbageCollectors() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining(" + "));
	}

	/**
	 * What happens to the {@code down} backend after the warm-up.
	 */
	private enum Outage {

		NONE("none (both healthy)"), REFUSED("connection refused"), BLACK_HOLE("black hole");

		private final String description;

		Outage(String description) {
			this.description = description;
		}

		String description() {
			return this.description;
		}

	}

	/**
	 * The benchmark's settings, from system properties.
	 *
	 * @param outage how long each setup runs after the warm-up
	 * @param warmUp how long the load runs before the baseline
	 * @param sampleInterval how often the heap is sampled
	 * @param spansPerSecond the spans ended per second
	 * @param logsPerSecond the log lines written per second, inside the spans
	 * @param buffer the {@code buffer.max-size} of the {@code down} backend
	 */
	private record Settings(Duration outage, Duration warmUp, Duration sampleInterval, int spansPerSecond,
			int logsPerSecond, DataSize buffer) {

		static Settings fromSystemProperties() {
			Settings settings = new Settings(duration("benchmark.outage", "PT10M"),
					duration("benchmark.outage.warm-up", "5s"), duration("benchmark.outage.sample-interval", "10s"),
					Integer.parseInt(property("benchmark.outage.spans-per-second", "2000")),
					Integer.parseInt(property("benchmark.outage.logs-per-second", "500")),
					DataSize.parse(property("benchmark.outage.buffer", "4MB")));
			assertThat(settings.spansPerSecond()).as("spans per second").isPositive();
			assertThat(settings.logsPerSecond()).as("log lines per second").isNotNegative();
			assertThat(settings.sampleInterval()).as("sample interval").isPositive();
			return settings;
		}

		/**
		 * Return the bytes the {@code down} backend may hold: its buffer for each signal.
		 * @return the bound
		 */
		long bound() {
			return this.buffer.toBytes() * SIGNALS.size();
		}

		/**
		 * Return an item bound that a full byte bound cannot reach: no span or log record
		 * takes fewer than 16 bytes once encoded.
		 * @return the {@code max-queue-size} of both backends
		 */
		int itemBound() {
			return (int) Math.min(Integer.MAX_VALUE, Math.max(2048, this.buffer.toBytes() / 16));
		}

		private static Duration duration(String property, String defaultValue) {
			return DurationStyle.detectAndParse(property(property, defaultValue));
		}

		private static String property(String property, String defaultValue) {
			String value = System.getProperty(property);
			return (value != null && !value.isBlank()) ? value.trim() : defaultValue;
		}

	}

	/**
	 * Ends spans at a fixed rate from the calling thread, writing log lines inside them.
	 */
	private static final class Emitter {

		private final Tracer tracer;

		private final Logger logger;

		private final long intervalNanos;

		private final double logsPerSpan;

		private final long spansPerPoll;

		private double logCredit;

		private long spans;

		private long logs;

		Emitter(Tracer tracer, Logger logger, Settings settings) {
			this.tracer = tracer;
			this.logger = logger;
			this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / settings.spansPerSecond();
			this.logsPerSpan = (double) settings.logsPerSecond() / settings.spansPerSecond();
			this.spansPerPoll = Math.max(1, settings.spansPerSecond() / 10);
		}

		/**
		 * Emit at the configured rate, from now on, until the deadline.
		 * @param deadline the {@link System#nanoTime()} to stop at
		 * @param poll called about ten times a second
		 */
		void emitUntil(long deadline, Runnable poll) {
			long next = System.nanoTime();
			while (next - deadline < 0) {
				long wait = next - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				emit();
				if (this.spans % this.spansPerPoll == 0) {
					poll.run();
				}
				next += this.intervalNanos;
			}
		}

		private void emit() {
			long order = this.spans;
			Span span = this.tracer.spanBuilder("GET /orders/{id}")
				.setSpanKind(SpanKind.SERVER)
				.setAttribute("http.request.method", "GET")
				.setAttribute("http.route", "/orders/{id}")
				.setAttribute("url.path", "/orders/" + order)
				.setAttribute("http.response.status_code", 200L)
				.startSpan();
			try (Scope scope = span.makeCurrent()) {
				this.logCredit += this.logsPerSpan;
				while (this.logCredit >= 1) {
					this.logger.info("Order {} placed for customer {}", order, order % 9973);
					this.logCredit--;
					this.logs++;
				}
			}
			finally {
				span.end();
			}
			this.spans++;
		}

		long spans() {
			return this.spans;
		}

		long logs() {
			return this.logs;
		}

	}

	/**
	 * What the {@code healthy} receiver received, counted and then forgotten at each
	 * sample so that the receiver's own memory does not grow.
	 */
	private static final class Received {

		private long spans;

		private long logs;

		/**
		 * Count what the {@code healthy} backend received once everything emitted so far
		 * was sent, then make both receivers forget their requests. Called from the
		 * emitting thread: nothing of ours is in flight afterwards.
		 * @param pipelines the pipelines
		 * @param healthy the {@code healthy} receiver
		 * @param down the {@code down} receiver
		 */
		void drain(BackendPipelines pipelines, OtlpReceiver healthy, OtlpReceiver down) {
			List<CompletableResultCode> flushes = pipelines.of(HEALTHY)
				.stream()
				.map(SignalPipeline::forceFlush)
				.toList();
			CompletableResultCode.ofAll(flushes).join(FLUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			this.spans += healthy.spans().size();
			this.logs += healthy.logRecords(LOGGER_NAME).size();
			healthy.reset();
			down.reset();
		}

	}

	/**
	 * Follows the queues of the {@code down} backend.
	 */
	private static final class DownMonitor {

		private final BackendPipelines pipelines;

		private final long start;

		private final Map<Signal, DownSignal> signals = new EnumMap<>(Signal.class);

		private long queuedBytes;

		DownMonitor(BackendPipelines pipelines, long start) {
			this.pipelines = pipelines;
			this.start = start;
			SIGNALS.forEach((signal) -> this.signals.put(signal, new DownSignal(0, 0, 0, null)));
		}

		void poll() {
			long now = System.nanoTime();
			long queued = 0;
			for (PipelineSnapshot snapshot : this.pipelines.snapshots()) {
				if (snapshot.backend().equals(DOWN)) {
					DownSignal previous = this.signals.get(snapshot.signal());
					Duration fullAfter = (previous.fullAfter() == null && snapshot.dropped() > 0)
							? Duration.ofNanos(now - this.start) : previous.fullAfter();
					this.signals.put(snapshot.signal(),
							new DownSignal(Math.max(previous.maxQueueBytes(), snapshot.queueBytes()),
									Math.max(previous.maxQueueItems(), snapshot.queueSize()), snapshot.dropped(),
									fullAfter));
					queued += snapshot.queueBytes();
				}
			}
			this.queuedBytes = queued;
		}

		long queuedBytes() {
			return this.queuedBytes;
		}

		Map<Signal, DownSignal> signals() {
			return new EnumMap<>(this.signals);
		}

	}

	/**
	 * Routes the benchmark's logger to the starter's appender only, not to the console.
	 */
	private static final class CapturedLogger implements AutoCloseable {

		private final ch.qos.logback.classic.Logger logger;

		private final Appender<ILoggingEvent> appender;

		private CapturedLogger(ch.qos.logback.classic.Logger logger, Appender<ILoggingEvent> appender) {
			this.logger = logger;
			this.appender = appender;
		}

		static CapturedLogger attach() {
			LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
			List<Appender<ILoggingEvent>> capture = new ArrayList<>();
			loggers.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining((appender) -> {
				if (LogCaptureOnly.CAPTURE_APPENDER.equals(appender.getName())) {
					capture.add(appender);
				}
			});
			assertThat(capture).as("the starter's appender on the root logger").hasSize(1);
			ch.qos.logback.classic.Logger logger = loggers.getLogger(LOGGER_NAME);
			logger.setAdditive(false);
			logger.addAppender(capture.get(0));
			return new CapturedLogger(logger, capture.get(0));
		}

		Logger logger() {
			return this.logger;
		}

		@Override
		public void close() {
			this.logger.detachAppender(this.appender);
			this.logger.setAdditive(true);
			// Drops the logger's cached copy of its appenders, which holds the SDK
			this.logger.info("Benchmark load stopped");
		}

	}

	/**
	 * An endpoint that accepts connections and reads what is sent but never answers, and
	 * keeps nothing.
	 */
	private static final class BlackHole implements AutoCloseable {

		private final ServerSocket server;

		private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

		BlackHole() throws IOException {
			this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
			Thread acceptor = new Thread(this::accept, "black-hole-acceptor");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		String endpoint() {
			return "http://127.0.0.1:" + this.server.getLocalPort();
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket connection = this.server.accept();
					this.connections.add(connection);
					Thread reader = new Thread(() -> swallow(connection), "black-hole-connection");
					reader.setDaemon(true);
					reader.start();
				}
				catch (IOException ex) {
					// Closed
				}
			}
		}

		private void swallow(Socket connection) {
			byte[] buffer = new byte[8192];
			try (connection; InputStream input = connection.getInputStream()) {
				while (input.read(buffer) != -1) {
					// Read and forget, never answer
				}
			}
			catch (IOException ex) {
				// The sender gave up
			}
			finally {
				this.connections.remove(connection);
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket connection : this.connections) {
				connection.close();
			}
		}

	}

	/**
	 * One signal's queue of the {@code down} backend during the outage.
	 *
	 * @param maxQueueBytes the most bytes it held
	 * @param maxQueueItems the most items it held
	 * @param dropped the items it dropped
	 * @param fullAfter when it first dropped, from the start of the outage, or
	 * {@code null}
	 */
	private record DownSignal(long maxQueueBytes, long maxQueueItems, long dropped, Duration fullAfter) {

	}

	/**
	 * The outcome of one setup.
	 *
	 * @param outage what happened to the {@code down} backend
	 * @param duration how long the outage lasted, sampling pauses included
	 * @param spans the spans emitted during the outage
	 * @param logs the log lines emitted during the outage
	 * @param growth the largest heap growth over the baseline
	 * @param growthSamples the heap growth at each sample
	 * @param queuedSamples the bytes queued for {@code down} at each sample
	 * @param signals the queues of {@code down}
	 * @param emittedSpans the spans emitted, warm-up included
	 * @param emittedLogs the log lines emitted, warm-up included
	 * @param receivedSpans the spans the {@code healthy} receiver accepted
	 * @param receivedLogs the log lines the {@code healthy} receiver accepted
	 * @param groups the capture groups and their backends
	 * @param releasedAfter how long after the close the context's SDK and pipelines were
	 * garbage, or {@code null}
	 */
	private record Result(Outage outage, Duration duration, long spans, long logs, long growth,
			List<Long> growthSamples, List<Long> queuedSamples, Map<Signal, DownSignal> signals, long emittedSpans,
			long emittedLogs, long receivedSpans, long receivedLogs, String groups, Duration releasedAfter) {

		Result releasedAfter(Duration releasedAfter) {
			return new Result(this.outage, this.duration, this.spans, this.logs, this.growth, this.growthSamples,
					this.queuedSamples, this.signals, this.emittedSpans, this.emittedLogs, this.receivedSpans,
					this.receivedLogs, this.groups, releasedAfter);
		}

		long dropped(Signal signal) {
			return this.signals.get(signal).dropped();
		}

	}

}
