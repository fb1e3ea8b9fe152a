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
package io.github.dualexport.autoconfigure.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.proto.logs.v1.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.logs.DualExportLoggingAutoConfiguration;
import io.github.dualexport.autoconfigure.metrics.DualExportMetricsAutoConfiguration;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.selfmetrics.ExportMetricsAutoConfiguration;
import io.github.dualexport.autoconfigure.shutdown.PipelinesShutdownAutoConfiguration;
import io.github.dualexport.autoconfigure.traces.DualExportTracingAutoConfiguration;
import io.github.dualexport.test.OtlpIds;
import io.github.dualexport.test.OtlpReceiverExtension;

/**
 * What the fault-injection wire tests share: an application with every signal's pipelines
 * and short schedules, emitters that time the application's own calls, and readers of
 * what a backend received and of what a pipeline counted.
 *
 * @author Dual Export contributors
 */
final class FaultInjection {

	/**
	 * The longest the tests wait for data that should arrive.
	 */
	static final Duration DELIVERY = Duration.ofSeconds(10);

	/**
	 * The most time the application's own calls may take, far below every export timeout
	 * in play: they must never wait for a backend.
	 */
	static final Duration NON_BLOCKING = Duration.ofSeconds(1);

	/**
	 * The name of the logger whose lines the tests emit and look for.
	 */
	static final String LOGGER_NAME = "io.github.dualexport.reliability.Orders";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private FaultInjection() {
	}

	/**
	 * Return a runner of an application with the pipelines of every signal, the export
	 * self-metrics and the bounded shutdown, as the starter sets them up, with short
	 * schedules, short retry backoffs and a short shutdown timeout; each test chooses its
	 * signals with {@code telemetry.defaults.signals}.
	 * @return the runner
	 */
	static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class,
					MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, DualExportAutoConfiguration.class,
					DualExportTracingAutoConfiguration.class, DualExportLoggingAutoConfiguration.class,
					DualExportMetricsAutoConfiguration.class, ExportMetricsAutoConfiguration.class,
					PipelinesShutdownAutoConfiguration.class))
			.withPropertyValues("management.tracing.sampling.probability=1.0",
					"telemetry.defaults.traces.schedule-delay=100ms", "telemetry.defaults.logs.schedule-delay=100ms",
					"telemetry.defaults.metrics.interval=200ms", "telemetry.defaults.retry.initial-backoff=100ms",
					"telemetry.defaults.retry.max-backoff=200ms", "telemetry.shutdown.timeout=2s");
	}

	/**
	 * Return the property that chooses the signals of every backend.
	 * @param signals the signals, such as {@code traces,logs}
	 * @return the property
	 */
	static String signals(String signals) {
		return "telemetry.defaults.signals=" + signals;
	}

	/**
	 * End spans through the application's {@link OpenTelemetry} bean, each its own trace,
	 * timing the loop.
	 * @param context the application context
	 * @param count the number of spans
	 * @return the span ids, in order, and the time the loop took
	 */
	static Emitted emitSpans(ApplicationContext context, int count) {
		Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("fault-injection");
		List<String> spanIds = new ArrayList<>(count);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			Span span = tracer.spanBuilder("operation-" + i).startSpan();
			spanIds.add(span.getSpanContext().getSpanId());
			span.end();
		}
		return new Emitted(spanIds, Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Log lines at INFO through SLF4J, as application code would, timing the loop.
	 * @param prefix what starts every line, to tell the lines of one call apart
	 * @param count the number of lines
	 * @return the bodies of the lines, in order, and the time the loop took
	 */
	static Emitted logLines(String prefix, int count) {
		List<String> bodies = new ArrayList<>(count);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			String body = prefix + " " + i;
			logger.info(body);
			bodies.add(body);
		}
		return new Emitted(bodies, Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Return the ids of the spans a receiver accepted.
	 * @param receiver the receiver
	 * @return the span ids
	 */
	static Set<String> receivedSpanIds(OtlpReceiverExtension receiver) {
		Set<String> ids = new LinkedHashSet<>();
		receiver.spans().forEach((span) -> ids.add(OtlpIds.toHex(span.getSpanId())));
		return ids;
	}

	/**
	 * Return the bodies of the records of {@link #LOGGER_NAME} a receiver accepted.
	 * @param receiver the receiver
	 * @return the bodies, in arrival order
	 */
	static List<String> receivedLogBodies(OtlpReceiverExtension receiver) {
		return receiver.logRecords(LOGGER_NAME)
			.stream()
			.map(LogRecord::getBody)
			.map((body) -> body.getStringValue())
			.toList();
	}

	/**
	 * Return the state of a backend's pipeline of a signal.
	 * @param context the application context
	 * @param backend the backend name
	 * @param signal the signal
	 * @return the snapshot
	 */
	static PipelineSnapshot snapshot(ApplicationContext context, String backend, Signal signal) {
		return context.getBean(BackendPipelines.class).find(backend, signal).orElseThrow().snapshot();
	}

	/**
	 * Return the request files a disk buffer holds.
	 * @param directory the directory of one backend and signal
	 * @return the request files, empty when the directory does not exist
	 */
	static List<Path> requestFiles(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".req")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What the application emitted in one loop, and how long the loop took.
	 *
	 * @param ids the span ids or log bodies, in order
	 * @param took the time the application's calls took
	 */
	record Emitted(List<String> ids, Duration took) {

	}

}
