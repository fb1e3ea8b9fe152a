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

package io.github.dualexport.autoconfigure.otel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.test.OtlpReceiver;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link OtlpTransports} sends encoded requests through the sender of the
 * OpenTelemetry version on the classpath, over real sockets, and reports failures as
 * {@link OtlpExportException}s. Run on every supported version set.
 *
 * @author Dual Export contributors
 */
class OtlpTransportsWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	@RegisterExtension
	static final OtlpReceiverExtension backend = new OtlpReceiverExtension();

	private final List<OtlpTransport> transports = new ArrayList<>();

	@AfterEach
	void shutdown() {
		this.transports.forEach((transport) -> transport.shutdown().join(5, TimeUnit.SECONDS));
	}

	@Test
	void senderInterfaceIsTheOneTheOpenTelemetryVersionOffers() {
		OtlpTransport transport = transport(false, false, backend.httpEndpoint() + "/v1/traces");
		boolean publicSenders = OpenTelemetryVersions.compare(OpenTelemetryVersions.detect().sdkVersion(),
				"1.59.0") >= 0;
		assertThat(transport).isInstanceOf(publicSenders ? SdkSenderTransport.class : LegacySenderTransport.class);
	}

	@Test
	void httpRequestArrivesWithItsHeadersAndUserAgent() {
		ReceivedRequest request = delivered(transport(false, false, backend.httpEndpoint() + "/v1/traces"), false);
		assertThat(request.spans()).extracting(Span::getName).containsExactly("checkout");
		assertThat(request.header("x-api-key")).isEqualTo("secret");
		assertThat(request.header("user-agent")).isEqualTo(
				"OTel-OTLP-Exporter-Java/" + OpenTelemetryVersions.detect().version("opentelemetry-exporter-otlp"));
		assertThat(request.header("content-encoding")).isNull();
	}

	@Test
	void gzippedHttpBodyIsSentAsItIsAndMarkedAsGzip() {
		ReceivedRequest request = delivered(transport(false, true, backend.httpEndpoint() + "/v1/traces"), true);
		assertThat(request.header("content-encoding")).isEqualTo("gzip");
		assertThat(request.spans()).extracting(Span::getName).containsExactly("checkout");
	}

	@Test
	void grpcCallArrives() {
		ReceivedRequest request = delivered(transport(true, true, backend.grpcEndpoint()), true);
		assertThat(request.spans()).extracting(Span::getName).containsExactly("checkout");
		assertThat(request.header("x-api-key")).isEqualTo("secret");
	}

	@Test
	void httpStatusIsReported() {
		backend.receiver().respondWithStatus(400);
		CompletableResultCode result = send(transport(false, false, backend.httpEndpoint() + "/v1/traces"), false);
		assertThat(result.join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
		assertThat(result.getFailureThrowable()).isInstanceOfSatisfying(OtlpExportException.class, (failure) -> {
			assertThat(failure.hasResponse()).isTrue();
			assertThat(failure.isGrpc()).isFalse();
			assertThat(failure.status()).isEqualTo(400);
			assertThat(failure.getMessage()).startsWith("HTTP 400");
		});
	}

	@Test
	void grpcStatusIsReported() {
		backend.receiver().respondWithStatus(401);
		CompletableResultCode result = send(transport(true, false, backend.grpcEndpoint()), false);
		assertThat(result.join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
		assertThat(result.getFailureThrowable()).isInstanceOfSatisfying(OtlpExportException.class, (failure) -> {
			assertThat(failure.isGrpc()).isTrue();
			assertThat(failure.status()).isEqualTo(16);
			assertThat(failure.getMessage()).startsWith("gRPC UNAUTHENTICATED");
		});
	}

	@Test
	void unreachableBackendIsReportedWithoutAResponse() {
		String endpoint = "http://127.0.0.1:" + OtlpReceiver.freePort() + "/v1/traces";
		CompletableResultCode result = send(transport(false, false, endpoint), false);
		assertThat(result.join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
		assertThat(result.getFailureThrowable()).isInstanceOfSatisfying(OtlpExportException.class, (failure) -> {
			assertThat(failure.hasResponse()).isFalse();
			assertThat(failure.status()).isEqualTo(-1);
			assertThat(failure.getCause()).isNotNull();
		});
	}

	private OtlpTransport transport(boolean grpc, boolean gzip, String endpoint) {
		OtlpTransport transport = OtlpTransports.create(new OtlpTransportSettings(URI.create(endpoint), Signal.TRACES,
				grpc, gzip, Duration.ofSeconds(5), () -> Map.of("x-api-key", "secret"), null, null, null, null));
		this.transports.add(transport);
		return transport;
	}

	private static ReceivedRequest delivered(OtlpTransport transport, boolean gzip) {
		assertThat(send(transport, gzip).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		return backend.receiver().awaitRequests(io.github.dualexport.test.Signal.TRACES, 1, DELIVERY).get(0);
	}

	private static CompletableResultCode send(OtlpTransport transport, boolean gzip) {
		CompletableResultCode result = new CompletableResultCode();
		transport.send(body(gzip), result);
		return result;
	}

	private static byte[] body(boolean gzip) {
		byte[] bytes = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.addScopeSpans(ScopeSpans.newBuilder()
					.addSpans(Span.newBuilder()
						.setName("checkout")
						.setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c80319c"))
						.setSpanId(ByteString.fromHex("b7ad6b7169203331")))))
			.build()
			.toByteArray();
		if (!gzip) {
			return bytes;
		}
		try {
			ByteArrayOutputStream compressed = new ByteArrayOutputStream();
			try (GZIPOutputStream output = new GZIPOutputStream(compressed)) {
				output.write(bytes);
			}
			return compressed.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
