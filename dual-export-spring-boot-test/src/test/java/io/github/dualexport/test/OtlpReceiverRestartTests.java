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
package io.github.dualexport.test;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link OtlpReceiver#stop()} and {@link OtlpReceiver#restart()}, with the
 * OpenTelemetry SDK exporters as senders.
 *
 * @author Dual Export contributors
 */
class OtlpReceiverRestartTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@ParameterizedTest
	@EnumSource(Transport.class)
	void sameExporterDeliversAgainAfterARestartOnTheSamePorts(Transport transport) {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			SpanExporter exporter = TestSpanExporters.create(receiver, transport);
			try {
				assertStopRestartCycle(receiver, exporter);
			}
			finally {
				exporter.shutdown();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void sameExporterDeliversAgainAfterARestartOfAMutualTlsReceiver(Transport transport) {
		try (OtlpReceiver receiver = OtlpReceiver.startTls(TestCertificates.mutualTls())) {
			SpanExporter exporter = TestSpanExporters.create(receiver, transport, TestCertificates.caCertificatePem(),
					true);
			try {
				assertStopRestartCycle(receiver, exporter);
				assertThat(receiver.httpEndpoint()).startsWith("https://");
				assertThat(receiver.grpcEndpoint()).startsWith("https://");
			}
			finally {
				exporter.shutdown();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void survivesRepeatedRestarts(Transport transport) {
		try (OtlpReceiver receiver = OtlpReceiver.startTls(TestCertificates.serverTls())) {
			SpanExporter exporter = TestSpanExporters.create(receiver, transport, TestCertificates.caCertificatePem(),
					false);
			try {
				for (int i = 0; i < 5; i++) {
					assertThat(TestSpanExporters.export(exporter, "round-" + i)).isTrue();
					receiver.restart();
				}
				assertThat(TestSpanExporters.export(exporter, "last")).isTrue();
			}
			finally {
				exporter.shutdown();
			}
			assertThat(receiver.spans()).extracting((span) -> span.getName())
				.containsExactly("round-0", "round-1", "round-2", "round-3", "round-4", "last");
		}
	}

	@Test
	void restartOfARunningReceiverServesOnTheSamePorts() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			int httpPort = receiver.httpPort();
			int grpcPort = receiver.grpcPort();
			receiver.restart();
			assertThat(receiver.isRunning()).isTrue();
			assertThat(receiver.httpPort()).isEqualTo(httpPort);
			assertThat(receiver.grpcPort()).isEqualTo(grpcPort);
			assertThat(OtlpTestData.post(receiver, "/v1/traces", OtlpTestData.traceRequest(TRACE_ID, "after"))
				.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void restartKeepsTheAnswerMode() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			receiver.respondWithStatus(503);
			receiver.stop();
			receiver.restart();
			assertThat(OtlpTestData.post(receiver, "/v1/traces", OtlpTestData.traceRequest(TRACE_ID, "refused"))
				.statusCode()).isEqualTo(503);
		}
	}

	@Test
	void stopAnswersHeldRequestsPromptly() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			receiver.neverRespond();
			CompletableFuture<HttpResponse<byte[]>> response = OtlpTestData.postAsync(receiver, "/v1/traces",
					OtlpTestData.traceRequest(TRACE_ID, "held"));
			receiver.awaitRequests(Signal.TRACES, 1, OtlpTestData.TIMEOUT);
			long start = System.nanoTime();
			receiver.stop();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			response.handle((result, ex) -> result).get(2, TimeUnit.SECONDS);
			assertThat(receiver.requests()).singleElement()
				.satisfies((request) -> assertThat(request.accepted()).isFalse());
		}
	}

	@Test
	void stopAndRestartAreIdempotentAndAClosedReceiverCannotBeRestarted() {
		OtlpReceiver receiver = OtlpReceiver.start();
		receiver.stop();
		receiver.stop();
		assertThat(receiver.isRunning()).isFalse();
		receiver.close();
		receiver.stop();
		assertThat(receiver.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(receiver::restart);
		assertNothingListensOn(receiver.httpPort());
		assertNothingListensOn(receiver.grpcPort());
	}

	private static void assertStopRestartCycle(OtlpReceiver receiver, SpanExporter exporter) {
		int httpPort = receiver.httpPort();
		int grpcPort = receiver.grpcPort();
		assertThat(receiver.isRunning()).isTrue();
		assertThat(TestSpanExporters.export(exporter, "before-stop")).isTrue();
		receiver.stop();
		assertThat(receiver.isRunning()).isFalse();
		assertNothingListensOn(httpPort);
		assertNothingListensOn(grpcPort);
		assertThat(TestSpanExporters.export(exporter, "while-stopped")).isFalse();
		assertThat(receiver.spans()).extracting((span) -> span.getName()).containsExactly("before-stop");
		receiver.restart();
		assertThat(receiver.isRunning()).isTrue();
		assertThat(receiver.httpPort()).isEqualTo(httpPort);
		assertThat(receiver.grpcPort()).isEqualTo(grpcPort);
		assertThat(TestSpanExporters.export(exporter, "after-restart")).isTrue();
		assertThat(receiver.spans()).extracting((span) -> span.getName())
			.containsExactly("before-stop", "after-restart");
		assertThat(receiver.requests()).hasSize(2).allSatisfy((request) -> assertThat(request.accepted()).isTrue());
	}

	private static void assertNothingListensOn(int port) {
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", port).close());
	}

}
