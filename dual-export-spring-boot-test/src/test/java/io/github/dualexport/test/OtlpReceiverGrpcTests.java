package io.github.dualexport.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the gRPC transport of {@link OtlpReceiver}.
 */
class OtlpReceiverGrpcTests {

	private static final MethodDescriptor<Message, Message> TRACE_EXPORT = MethodDescriptor
		.<Message, Message>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
		.setRequestMarshaller(ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
		.setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
		.build();

	private static final Metadata.Key<String> RETRY_PUSHBACK = Metadata.Key.of("grpc-retry-pushback-ms",
			Metadata.ASCII_STRING_MARSHALLER);

	@RegisterExtension
	static OtlpReceiverExtension receiver = new OtlpReceiverExtension();

	private ManagedChannel channel;

	@BeforeEach
	void openChannel() {
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.grpcPort()).usePlaintext().build();
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void receivesGzipCompressedTracesWithHeadersFromTheSdkExporter() {
		SpanData span = OtlpTestData.spanData("grpc-span");
		OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
			.setEndpoint(receiver.grpcEndpoint())
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
		assertThat(request.transport()).isEqualTo(Transport.GRPC);
		assertThat(request.path()).isEqualTo("opentelemetry.proto.collector.trace.v1.TraceService/Export");
		assertThat(request.compression()).isEqualTo("gzip");
		assertThat(request.headers()).containsEntry("x-tenant", "acme");
		OtlpAssertions.assertThat(receiver)
			.hasReceivedSpansNamed("grpc-span", 1)
			.hasReceivedTrace(span.getTraceId())
			.hasReceivedHeader("x-tenant", "acme")
			.hasReceivedCompression("gzip");
	}

	@Test
	void receivesMetricsFromTheSdkExporter() {
		OtlpGrpcMetricExporter exporter = OtlpGrpcMetricExporter.builder()
			.setEndpoint(receiver.grpcEndpoint())
			.setCompression("gzip")
			.build();
		try (SdkMeterProvider meterProvider = SdkMeterProvider.builder()
			.registerMetricReader(PeriodicMetricReader.builder(exporter).build())
			.build()) {
			meterProvider.get("test").counterBuilder("grpc.orders").build().add(5);
			assertThat(OtlpTestData.succeeded(meterProvider.forceFlush())).isTrue();
			assertThat(receiver.receiver().awaitMetricNamed("grpc.orders", OtlpTestData.TIMEOUT)).hasSize(1);
		}
		OtlpAssertions.assertThat(receiver).hasReceivedMetricNamed("grpc.orders").hasReceivedCompression("gzip");
		assertThat(receiver.requests(Signal.METRICS))
			.allSatisfy((request) -> assertThat(request.transport()).isEqualTo(Transport.GRPC));
	}

	@Test
	void receivesLogRecordsFromTheSdkExporter() {
		OtlpGrpcLogRecordExporter exporter = OtlpGrpcLogRecordExporter.builder()
			.setEndpoint(receiver.grpcEndpoint())
			.build();
		try (SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
			.addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
			.build()) {
			loggerProvider.get("test").logRecordBuilder().setBody("payment captured").emit();
			assertThat(OtlpTestData.succeeded(loggerProvider.forceFlush())).isTrue();
			assertThat(receiver.receiver().awaitLogRecords(1, OtlpTestData.TIMEOUT)).hasSize(1);
		}
		OtlpAssertions.assertThat(receiver)
			.hasReceivedLogRecordWithBody("payment captured")
			.hasReceivedCompression("none");
		assertThat(receiver.requests(Signal.LOGS)).singleElement()
			.extracting(ReceivedRequest::path)
			.isEqualTo("opentelemetry.proto.collector.logs.v1.LogsService/Export");
	}

	@Test
	void acceptsGzipCompressedMessagesFromAPlainGrpcClient() {
		Message response = ClientCalls.blockingUnaryCall(this.channel, TRACE_EXPORT,
				callOptions().withCompression("gzip"),
				OtlpTestData.traceRequest("0af7651916cd43dd8448eb211c80319c", "plain-grpc"));
		assertThat(response).isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
		OtlpAssertions.assertThat(receiver)
			.hasReceivedTrace("0af7651916cd43dd8448eb211c80319c")
			.hasReceivedCompression("gzip");
	}

	@ParameterizedTest
	@CsvSource({ "400, INVALID_ARGUMENT", "401, UNAUTHENTICATED", "403, PERMISSION_DENIED", "413, RESOURCE_EXHAUSTED",
			"429, UNAVAILABLE", "502, UNAVAILABLE", "503, UNAVAILABLE", "504, UNAVAILABLE", "500, INTERNAL" })
	void mapsHttpStatusesToGrpcStatuses(int httpStatus, Status.Code expected) {
		receiver.respondWithStatus(httpStatus);
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> ClientCalls.blockingUnaryCall(this.channel, TRACE_EXPORT, callOptions(),
					OtlpTestData.traceRequest("0af7651916cd43dd8448eb211c80319c", "rejected")))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(expected));
		assertThat(receiver.requests()).singleElement()
			.satisfies((request) -> assertThat(request.accepted()).isFalse());
		OtlpAssertions.assertThat(receiver).hasReceivedNoSpans();
	}

	@Test
	void advertisesTheRetryDelayOfUnavailableAnswers() {
		receiver.respondWithStatus(503, Duration.ofMillis(1500));
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> ClientCalls.blockingUnaryCall(this.channel, TRACE_EXPORT, callOptions(),
					OtlpTestData.traceRequest("0af7651916cd43dd8448eb211c80319c", "throttled")))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
				assertThat(ex.getTrailers().get(RETRY_PUSHBACK)).isEqualTo("1500");
				com.google.rpc.Status status = StatusProto.fromThrowable(ex);
				assertThat(status.getDetails(0).unpack(RetryInfo.class).getRetryDelay().getNanos())
					.isEqualTo(500_000_000);
			});
	}

	private static CallOptions callOptions() {
		return CallOptions.DEFAULT.withDeadlineAfter(OtlpTestData.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

}
