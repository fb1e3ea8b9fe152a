package io.github.dualexport.test;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the answer modes of {@link OtlpReceiver}.
 */
class OtlpReceiverBehaviourTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@RegisterExtension
	static OtlpReceiverExtension receiver = new OtlpReceiverExtension();

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rejectedRequestsFailTheExportAndAreRecordedAsNotAccepted(Transport transport) {
		receiver.respondWithStatus(400);
		SpanExporter exporter = exporter(receiver.receiver(), transport, Duration.ofSeconds(10));
		try {
			assertThat(OtlpTestData.succeeded(exporter.export(List.of(OtlpTestData.spanData("rejected"))))).isFalse();
		}
		finally {
			exporter.shutdown();
		}
		assertThat(receiver.requests(Signal.TRACES)).singleElement().satisfies((request) -> {
			assertThat(request.accepted()).isFalse();
			assertThat(request.spans()).extracting((span) -> span.getName()).containsExactly("rejected");
		});
		OtlpAssertions.assertThat(receiver).hasReceivedNoSpans();
	}

	@Test
	void unavailableAnswersCarryRetryAfterAndAStatusBody() throws Exception {
		receiver.respondWithStatus(503, Duration.ofSeconds(1));
		HttpResponse<byte[]> response = OtlpTestData.post(receiver.receiver(), "/v1/traces",
				OtlpTestData.traceRequest(TRACE_ID, "throttled"));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
		assertThat(com.google.rpc.Status.parseFrom(response.body()).getCode())
			.isEqualTo(io.grpc.Status.Code.UNAVAILABLE.value());
		assertThat(receiver.requests()).singleElement()
			.satisfies((request) -> assertThat(request.accepted()).isFalse());
	}

	@Test
	void failuresWithoutRetryDelayHaveNoRetryAfterHeader() throws Exception {
		receiver.respondWithStatus(500);
		HttpResponse<byte[]> response = OtlpTestData.post(receiver.receiver(), "/v1/traces",
				OtlpTestData.traceRequest(TRACE_ID, "failed"));
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void failNextRequestsLetsTheSdkRetryDeliver(Transport transport) {
		receiver.failNextRequests(1, 503);
		SpanExporter exporter = exporter(receiver.receiver(), transport, Duration.ofSeconds(10));
		try {
			assertThat(OtlpTestData.succeeded(exporter.export(List.of(OtlpTestData.spanData("retried"))))).isTrue();
		}
		finally {
			exporter.shutdown();
		}
		assertThat(receiver.requests()).extracting(ReceivedRequest::accepted).containsExactly(false, true);
		OtlpAssertions.assertThat(receiver).hasReceivedSpansNamed("retried", 1);
	}

	@Test
	void failNextRequestsReturnsToNormalAfterTheGivenCount() throws Exception {
		receiver.failNextRequests(2, 429);
		ExportTraceServiceRequest request = OtlpTestData.traceRequest(TRACE_ID, "span");
		List<Integer> statuses = IntStream.range(0, 3).mapToObj((attempt) -> {
			try {
				return OtlpTestData.post(receiver.receiver(), "/v1/traces", request).statusCode();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
		assertThat(statuses).containsExactly(429, 429, 200);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void neverRespondTimesTheSenderOutAndRecordsTheRequest(Transport transport) {
		try (OtlpReceiver blackHole = OtlpReceiver.start()) {
			blackHole.neverRespond();
			// Without retries a timed out export fails at once rather than after several
			// attempts; the timeout leaves a loaded machine time to deliver the request
			SpanExporter exporter = exporter(blackHole, transport, Duration.ofSeconds(2), null);
			try {
				CompletableResultCode result = exporter.export(List.of(OtlpTestData.spanData("lost")));
				assertThat(OtlpTestData.succeeded(result)).isFalse();
			}
			finally {
				exporter.shutdown();
			}
			assertThat(blackHole.requests()).singleElement()
				.satisfies((request) -> assertThat(request.accepted()).isFalse());
			assertThat(blackHole.spans()).isEmpty();
		}
	}

	@Test
	void neverRespondHoldsSeveralRequestsAtOnceAndCloseReleasesThemPromptly() throws Exception {
		OtlpReceiver blackHole = OtlpReceiver.start();
		blackHole.neverRespond();
		List<CompletableFuture<HttpResponse<byte[]>>> responses = IntStream.range(0, 3)
			.mapToObj(
					(i) -> OtlpTestData.postAsync(blackHole, "/v1/traces", OtlpTestData.traceRequest(TRACE_ID, "held")))
			.toList();
		blackHole.awaitRequests(Signal.TRACES, 3, OtlpTestData.TIMEOUT);
		assertThat(responses).noneMatch(CompletableFuture::isDone);
		long start = System.nanoTime();
		blackHole.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		CompletableFuture.allOf(
				responses.stream().map((response) -> response.handle((r, ex) -> r)).toArray(CompletableFuture[]::new))
			.get(2, TimeUnit.SECONDS);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket("127.0.0.1", blackHole.httpPort()).close());
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket("127.0.0.1", blackHole.grpcPort()).close());
	}

	@Test
	void changingModeReleasesHeldRequestsWithUnavailable() throws Exception {
		receiver.neverRespond();
		CompletableFuture<HttpResponse<byte[]>> response = OtlpTestData.postAsync(receiver.receiver(), "/v1/traces",
				OtlpTestData.traceRequest(TRACE_ID, "held"));
		receiver.awaitRequests(Signal.TRACES, 1, OtlpTestData.TIMEOUT);
		receiver.respondNormally();
		assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
		assertThat(OtlpTestData.post(receiver.receiver(), "/v1/traces", OtlpTestData.traceRequest(TRACE_ID, "later"))
			.statusCode()).isEqualTo(200);
		assertThat(receiver.requests()).extracting(ReceivedRequest::accepted).containsExactly(false, true);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void respondAfterDeliversOnceTheDelayHasPassed(Transport transport) {
		receiver.respondAfter(Duration.ofSeconds(1));
		SpanExporter exporter = exporter(receiver.receiver(), transport, Duration.ofSeconds(10));
		try {
			long start = System.nanoTime();
			CompletableResultCode result = exporter.export(List.of(OtlpTestData.spanData("slow")));
			receiver.awaitRequests(Signal.TRACES, 1, OtlpTestData.TIMEOUT);
			assertThat(result.isDone()).isFalse();
			assertThat(OtlpTestData.succeeded(result)).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		}
		finally {
			exporter.shutdown();
		}
		assertThat(receiver.requests()).singleElement().satisfies((request) -> assertThat(request.accepted()).isTrue());
	}

	@Test
	void rejectsInvalidHttpStatuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> receiver.respondWithStatus(42));
		assertThatIllegalArgumentException().isThrownBy(() -> receiver.failNextRequests(-1, 503));
	}

	@Test
	void freePortHasNothingListening() {
		int port = OtlpReceiver.freePort();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", port).close());
	}

	private static SpanExporter exporter(OtlpReceiver target, Transport transport, Duration timeout) {
		return exporter(target, transport, timeout, RetryPolicy.getDefault());
	}

	private static SpanExporter exporter(OtlpReceiver target, Transport transport, Duration timeout,
			RetryPolicy retryPolicy) {
		if (transport == Transport.HTTP) {
			return OtlpHttpSpanExporter.builder()
				.setEndpoint(target.httpEndpoint() + "/v1/traces")
				.setTimeout(timeout)
				.setRetryPolicy(retryPolicy)
				.build();
		}
		return OtlpGrpcSpanExporter.builder()
			.setEndpoint(target.grpcEndpoint())
			.setTimeout(timeout)
			.setRetryPolicy(retryPolicy)
			.build();
	}

}
