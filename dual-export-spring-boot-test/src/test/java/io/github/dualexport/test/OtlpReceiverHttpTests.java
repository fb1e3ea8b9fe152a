package io.github.dualexport.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the http/protobuf transport of {@link OtlpReceiver}.
 */
class OtlpReceiverHttpTests {

	@RegisterExtension
	static OtlpReceiverExtension receiver = new OtlpReceiverExtension();

	@Test
	void receivesGzipCompressedTracesWithHeadersFromTheSdkExporter() {
		SpanData span = OtlpTestData.spanData("http-span");
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(receiver.httpEndpoint() + "/v1/traces")
			.setCompression("gzip")
			.addHeader("X-Tenant", "acme")
			.build();
		try {
			assertThat(OtlpTestData.succeeded(exporter.export(List.of(span)))).isTrue();
		}
		finally {
			exporter.shutdown();
		}
		ReceivedRequest request = receiver.requests().get(0);
		assertThat(request.signal()).isEqualTo(Signal.TRACES);
		assertThat(request.transport()).isEqualTo(Transport.HTTP);
		assertThat(request.path()).isEqualTo("/v1/traces");
		assertThat(request.compression()).isEqualTo("gzip");
		assertThat(request.headers()).containsEntry("x-tenant", "acme");
		assertThat(request.accepted()).isTrue();
		OtlpAssertions.assertThat(receiver)
			.hasReceivedSpansNamed("http-span", 1)
			.hasReceivedTrace(span.getTraceId())
			.hasReceivedHeader("X-Tenant", "acme")
			.hasReceivedCompression("gzip");
		assertThat(receiver.spanIds()).containsExactly(span.getSpanId());
	}

	@Test
	void receivesMetricsFromTheSdkExporter() {
		OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder()
			.setEndpoint(receiver.httpEndpoint() + "/v1/metrics")
			.setCompression("gzip")
			.build();
		try (SdkMeterProvider meterProvider = SdkMeterProvider.builder()
			.registerMetricReader(PeriodicMetricReader.builder(exporter).build())
			.build()) {
			LongCounter counter = meterProvider.get("test").counterBuilder("http.orders").build();
			counter.add(3);
			assertThat(OtlpTestData.succeeded(meterProvider.forceFlush())).isTrue();
			assertThat(receiver.receiver().awaitMetricNamed("http.orders", OtlpTestData.TIMEOUT)).hasSize(1);
		}
		OtlpAssertions.assertThat(receiver).hasReceivedMetricNamed("http.orders").hasReceivedCompression("gzip");
		assertThat(receiver.requests(Signal.METRICS))
			.allSatisfy((request) -> assertThat(request.metricsRequest().getResourceMetricsCount()).isPositive());
	}

	@Test
	void receivesLogRecordsFromTheSdkExporter() {
		try (SdkLoggerProvider loggerProvider = httpLoggerProvider()) {
			Logger logger = loggerProvider.get("test");
			logger.logRecordBuilder().setBody("order placed").emit();
			assertThat(OtlpTestData.succeeded(loggerProvider.forceFlush())).isTrue();
			assertThat(receiver.receiver().awaitLogRecords(1, OtlpTestData.TIMEOUT)).hasSize(1);
		}
		OtlpAssertions.assertThat(receiver)
			.hasReceivedLogRecordWithBody("order placed")
			.hasReceivedCompression("none")
			.hasReceivedNoRequests(Signal.TRACES);
	}

	@Test
	void selectsTheLogRecordsOfOneInstrumentationScope() {
		try (SdkLoggerProvider loggerProvider = httpLoggerProvider()) {
			loggerProvider.get("com.example.Orders").logRecordBuilder().setBody("order placed").emit();
			loggerProvider.get("com.example.Payments").logRecordBuilder().setBody("payment captured").emit();
			loggerProvider.get("com.example.Orders").logRecordBuilder().setBody("order shipped").emit();
			assertThat(receiver.awaitLogRecords("com.example.Orders", 2, OtlpTestData.TIMEOUT))
				.extracting((record) -> record.getBody().getStringValue())
				.containsExactlyInAnyOrder("order placed", "order shipped");
		}
		assertThat(receiver.logRecords("com.example.Payments")).singleElement()
			.satisfies((record) -> assertThat(record.getBody().getStringValue()).isEqualTo("payment captured"));
		assertThat(receiver.logRecords("com.example.Unknown")).isEmpty();
	}

	private static SdkLoggerProvider httpLoggerProvider() {
		OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
			.setEndpoint(receiver.httpEndpoint() + "/v1/logs")
			.build();
		return SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/insert/opentelemetry/v1/traces", "/opentelemetry/v1/metrics",
			"/insert/opentelemetry/v1/logs", "/otlp/v1/logs", "/v1/traces/" })
	void acceptsVendorPathsEndingInTheSignalPath(String path) throws Exception {
		Signal signal = Signal.forHttpPath(path);
		HttpResponse<byte[]> response = OtlpTestData.post(receiver.receiver(), path,
				signal.requestPrototype().getDefaultInstanceForType());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
		assertThat(receiver.requests(signal)).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo(path);
			assertThat(request.accepted()).isTrue();
		});
	}

	@Test
	void acceptsVendorPathsFromTheSdkExporter() {
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(receiver.httpEndpoint() + "/insert/opentelemetry/v1/traces")
			.build();
		try {
			assertThat(OtlpTestData.succeeded(exporter.export(List.of(OtlpTestData.spanData("vendor"))))).isTrue();
		}
		finally {
			exporter.shutdown();
		}
		assertThat(receiver.requests()).singleElement()
			.extracting(ReceivedRequest::path)
			.isEqualTo("/insert/opentelemetry/v1/traces");
		OtlpAssertions.assertThat(receiver).hasReceivedSpanNamed("vendor");
	}

	@Test
	void acceptsOtlpJsonWithHexadecimalIds() throws Exception {
		String json = """
				{"resourceSpans":[{"scopeSpans":[{"spans":[{
				  "traceId":"5B8EFFF798038103D269B633813FC60C",
				  "spanId":"eee19b7ec3c1b174",
				  "name":"json-span",
				  "kind":2,
				  "unknownField":true
				}]}]}]}
				""";
		HttpResponse<String> response = OtlpTestData
			.send(HttpRequest.newBuilder(URI.create(receiver.httpEndpoint() + "/v1/traces"))
				.header("Content-Type", "application/json; charset=utf-8")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(receiver.traceIds()).containsExactly("5b8efff798038103d269b633813fc60c");
		assertThat(receiver.spanIds()).containsExactly("eee19b7ec3c1b174");
		OtlpAssertions.assertThat(receiver).hasReceivedSpanNamed("json-span");
	}

	@Test
	void rejectsPathsThatNameNoSignal() throws Exception {
		HttpResponse<byte[]> response = OtlpTestData.post(receiver.receiver(), "/v1/profiles",
				ExportTraceServiceRequest.getDefaultInstance());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(receiver.requests()).isEmpty();
	}

	@Test
	void rejectsMethodsOtherThanPost() throws Exception {
		HttpResponse<String> response = OtlpTestData
			.send(HttpRequest.newBuilder(URI.create(receiver.httpEndpoint() + "/v1/traces")).GET().build());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(receiver.requests()).isEmpty();
	}

	@Test
	void rejectsBodiesThatAreNotOtlp() throws Exception {
		HttpResponse<String> response = OtlpTestData
			.send(HttpRequest.newBuilder(URI.create(receiver.httpEndpoint() + "/v1/traces"))
				.header("Content-Type", "application/x-protobuf")
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { (byte) 0xff, 0x01 }))
				.build());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(receiver.requests()).isEmpty();
	}

	@Test
	void exposesEphemeralLoopbackEndpoints() {
		assertThat(receiver.httpEndpoint()).isEqualTo("http://127.0.0.1:" + receiver.httpPort());
		assertThat(receiver.grpcEndpoint()).isEqualTo("http://127.0.0.1:" + receiver.grpcPort());
		assertThat(receiver.httpPort()).isPositive().isNotEqualTo(receiver.grpcPort());
	}

}
