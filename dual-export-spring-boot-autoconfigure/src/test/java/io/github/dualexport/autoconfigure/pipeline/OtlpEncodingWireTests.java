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
package io.github.dualexport.autoconfigure.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.github.dualexport.autoconfigure.backend.BackendResolver;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;
import io.github.dualexport.autoconfigure.otel.OtlpMessage;
import io.github.dualexport.autoconfigure.pipeline.capture.CaptureStage;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.FanOut;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a request encoded once for a group of backends puts on the wire exactly what
 * the official OTLP exporter sends for the same batch.
 *
 * @author Dual Export contributors
 */
class OtlpEncodingWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(5);

	@RegisterExtension
	static final OtlpReceiverExtension official = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension ours = new OtlpReceiverExtension();

	private final List<SignalPipeline> pipelines = new ArrayList<>();

	@AfterEach
	void closePipelines() {
		new BackendPipelines(this.pipelines, Duration.ofSeconds(5)).close();
	}

	@Test
	void spansOverHttpAreTheOfficialExportersBytes() {
		List<SpanData> spans = spans();
		export(OtlpHttpSpanExporter.builder()
			.setEndpoint(official.httpEndpoint() + "/v1/traces")
			.setCompression("none")
			.build(), spans);
		send("compression=none", Signal.TRACES, OtlpMessage.ofSpans(spans), spans.size());
		assertSameBytes(io.github.dualexport.test.Signal.TRACES);
	}

	@Test
	void gzippedSpansOverHttpAreTheOfficialExportersBytesOnceDecompressed() {
		List<SpanData> spans = spans();
		export(OtlpHttpSpanExporter.builder()
			.setEndpoint(official.httpEndpoint() + "/v1/traces")
			.setCompression("gzip")
			.build(), spans);
		send("compression=gzip", Signal.TRACES, OtlpMessage.ofSpans(spans), spans.size());
		assertSameBytes(io.github.dualexport.test.Signal.TRACES);
		assertThat(ours.receiver().requests().get(0).compression()).isEqualTo("gzip");
	}

	@Test
	void spansOverGrpcAreTheOfficialExportersMessage() {
		List<SpanData> spans = spans();
		export(OtlpGrpcSpanExporter.builder().setEndpoint(official.grpcEndpoint()).setCompression("gzip").build(),
				spans);
		send("protocol=grpc", Signal.TRACES, OtlpMessage.ofSpans(spans), spans.size());
		ReceivedRequest theirs = official.receiver()
			.awaitRequests(io.github.dualexport.test.Signal.TRACES, 1, DELIVERY)
			.get(0);
		ReceivedRequest mine = ours.receiver()
			.awaitRequests(io.github.dualexport.test.Signal.TRACES, 1, DELIVERY)
			.get(0);
		assertThat(mine.message()).isEqualTo(theirs.message());
		assertThat(mine.body()).isEqualTo(theirs.body());
		assertThat(mine.path()).isEqualTo(theirs.path());
		assertThat(mine.compression()).isEqualTo(theirs.compression());
	}

	@Test
	void logRecordsOverHttpAreTheOfficialExportersBytes() {
		InMemoryLogRecordExporter collector = InMemoryLogRecordExporter.create();
		List<LogRecordData> logs;
		try (SdkLoggerProvider provider = SdkLoggerProvider.builder()
			.setResource(resource())
			.addLogRecordProcessor(SimpleLogRecordProcessor.create(collector))
			.build()) {
			for (int i = 0; i < 20; i++) {
				provider.get("io.github.dualexport.encoding")
					.logRecordBuilder()
					.setSeverity((i % 2 == 0) ? Severity.INFO : Severity.WARN)
					.setBody("order " + i + " placed")
					.setAttribute(AttributeKey.longKey("order.id"), (long) i)
					.emit();
			}
			logs = collector.getFinishedLogRecordItems();
		}
		export(OtlpHttpLogRecordExporter.builder().setEndpoint(official.httpEndpoint() + "/v1/logs").build(), logs);
		send("compression=gzip", Signal.LOGS, OtlpMessage.ofLogs(logs), logs.size());
		assertSameBytes(io.github.dualexport.test.Signal.LOGS);
	}

	@Test
	void metricsOverHttpAreTheOfficialExportersBytes() {
		InMemoryMetricReader reader = InMemoryMetricReader.create();
		try (SdkMeterProvider provider = SdkMeterProvider.builder()
			.setResource(resource())
			.registerMetricReader(reader)
			.build()) {
			provider.get("io.github.dualexport.encoding").counterBuilder("orders").build().add(3);
			provider.get("io.github.dualexport.encoding")
				.histogramBuilder("order.amount")
				.build()
				.record(42.5, Attributes.of(AttributeKey.stringKey("currency"), "EUR"));
			Collection<MetricData> metrics = reader.collectAllMetrics();
			export(OtlpHttpMetricExporter.builder().setEndpoint(official.httpEndpoint() + "/v1/metrics").build(),
					metrics);
			send("compression=gzip", Signal.METRICS, OtlpMessage.ofMetrics(metrics), 2);
		}
		assertSameBytes(io.github.dualexport.test.Signal.METRICS);
	}

	private void assertSameBytes(io.github.dualexport.test.Signal signal) {
		ReceivedRequest theirs = official.receiver().awaitRequests(signal, 1, DELIVERY).get(0);
		ReceivedRequest mine = ours.receiver().awaitRequests(signal, 1, DELIVERY).get(0);
		assertThat(mine.body()).isNotEmpty().isEqualTo(theirs.body());
		assertThat(mine.path()).isEqualTo(theirs.path());
		assertThat(mine.header("content-type")).isEqualTo(theirs.header("content-type"));
	}

	private void send(String setting, Signal signal, OtlpMessage request, int items) {
		ResolvedBackend backend = backend(setting);
		SignalPipelines<DirectCapture> built = SignalPipelines.assemble(signal,
				new ResolvedBackends(List.of(backend), List.of()),
				new SendStages(null, List.of(), Duration.ofSeconds(5), System.out), DirectCapture::new);
		this.pipelines.addAll(built.pipelines());
		assertThat(built.stages().get(0).deliver(request, items).isSuccess()).isTrue();
		assertThat(built.pipelines().get(0).forceFlush().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
	}

	private static ResolvedBackend backend(String setting) {
		String protocol = setting.equals("protocol=grpc") ? "grpc" : "http/protobuf";
		String endpoint = protocol.equals("grpc") ? ours.grpcEndpoint() : ours.httpEndpoint();
		Map<String, String> properties = Map.of("telemetry.backends.ours.endpoint", endpoint,
				"telemetry.backends.ours.protocol", protocol, "telemetry.backends.ours.compression",
				setting.equals("compression=none") ? "none" : "gzip");
		TelemetryProperties telemetry = new Binder(new MapConfigurationPropertySource(properties))
			.bind("telemetry", TelemetryProperties.class)
			.get();
		return BackendResolver.resolve(telemetry).backends().get(0);
	}

	private static <T> void export(Object exporter, Collection<T> items) {
		Function<Collection<T>, CompletableResultCode> export = exportMethod(exporter);
		assertThat(export.apply(items).join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
	}

	@SuppressWarnings("unchecked")
	private static <T> Function<Collection<T>, CompletableResultCode> exportMethod(Object exporter) {
		if (exporter instanceof SpanExporter spans) {
			return (items) -> spans.export((Collection<SpanData>) items);
		}
		if (exporter instanceof LogRecordExporter logs) {
			return (items) -> logs.export((Collection<LogRecordData>) items);
		}
		return (items) -> ((io.opentelemetry.sdk.metrics.export.MetricExporter) exporter)
			.export((Collection<MetricData>) items);
	}

	private static List<SpanData> spans() {
		InMemorySpanExporter collector = InMemorySpanExporter.create();
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.setResource(resource())
			.addSpanProcessor(SimpleSpanProcessor.create(collector))
			.build()) {
			Tracer tracer = provider.get("io.github.dualexport.encoding");
			for (int i = 0; i < 20; i++) {
				Span parent = tracer.spanBuilder("GET /orders/" + i)
					.setAttribute("http.request.method", "GET")
					.startSpan();
				Span child = tracer.spanBuilder("orders.lookup")
					.setParent(io.opentelemetry.context.Context.current().with(parent))
					.setAttribute(AttributeKey.longKey("order.id"), (long) i)
					.addLink(parent.getSpanContext())
					.startSpan();
				child.addEvent("cache.miss", Attributes.of(AttributeKey.stringKey("cache"), "orders"));
				child.setStatus((i % 3 == 0) ? StatusCode.ERROR : StatusCode.OK);
				child.end();
				parent.end();
			}
			// Read before the provider's shutdown clears the exporter
			return collector.getFinishedSpanItems();
		}
	}

	private static Resource resource() {
		return Resource.getDefault()
			.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "encoding-test")));
	}

	/**
	 * A capture stage that holds nothing: the test hands requests to the fan-out itself.
	 */
	private static final class DirectCapture extends CaptureStage {

		DirectCapture(String id, ResolvedBackend settings, FanOut fanOut) {
			super(id, fanOut);
		}

		CompletableResultCode deliver(OtlpMessage request, int items) {
			return fanOut().deliver(request, items);
		}

		@Override
		public QueueState state() {
			return QueueState.NONE;
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		protected CompletableResultCode doShutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
