package io.github.dualexport.test;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Telemetry and raw requests shared by the tests.
 */
final class OtlpTestData {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final SdkTracerProvider TRACER_PROVIDER = SdkTracerProvider.builder()
		.addSpanProcessor(new RecordingSpanProcessor())
		.build();

	private static final HttpClient HTTP_CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(TIMEOUT)
		.build();

	private OtlpTestData() {
	}

	static SpanData spanData(String name) {
		Tracer tracer = TRACER_PROVIDER.get("test");
		io.opentelemetry.api.trace.Span span = tracer.spanBuilder(name).startSpan();
		span.end();
		return ((ReadableSpan) span).toSpanData();
	}

	static boolean succeeded(CompletableResultCode result) {
		return result.join(TIMEOUT.toSeconds(), TimeUnit.SECONDS).isSuccess();
	}

	static ExportTraceServiceRequest traceRequest(String traceIdHex, String... spanNames) {
		ScopeSpans.Builder scopeSpans = ScopeSpans.newBuilder();
		long spanId = 1;
		for (String spanName : spanNames) {
			scopeSpans.addSpans(Span.newBuilder()
				.setTraceId(OtlpIds.fromHex(traceIdHex))
				.setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(spanId++).array()))
				.setName(spanName));
		}
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scopeSpans))
			.build();
	}

	static ExportMetricsServiceRequest metricsRequest(String metricName) {
		return ExportMetricsServiceRequest.newBuilder()
			.addResourceMetrics(ResourceMetrics.newBuilder()
				.addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName(metricName))))
			.build();
	}

	static ExportLogsServiceRequest logsRequest(String body) {
		return ExportLogsServiceRequest.newBuilder()
			.addResourceLogs(ResourceLogs.newBuilder()
				.addScopeLogs(ScopeLogs.newBuilder()
					.addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue(body)))))
			.build();
	}

	static HttpResponse<byte[]> post(OtlpReceiver receiver, String path, Message message, String... headers)
			throws IOException, InterruptedException {
		return HTTP_CLIENT.send(request(receiver, path, message, headers), HttpResponse.BodyHandlers.ofByteArray());
	}

	static CompletableFuture<HttpResponse<byte[]>> postAsync(OtlpReceiver receiver, String path, Message message) {
		return HTTP_CLIENT.sendAsync(request(receiver, path, message), HttpResponse.BodyHandlers.ofByteArray());
	}

	static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return HTTP_CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Makes the tracer provider record spans, which it skips without a processor.
	 */
	private static final class RecordingSpanProcessor implements SpanProcessor {

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

	private static HttpRequest request(OtlpReceiver receiver, String path, Message message, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(receiver.httpEndpoint() + path))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/x-protobuf")
			.POST(HttpRequest.BodyPublishers.ofByteArray(message.toByteArray()));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return builder.build();
	}

}
