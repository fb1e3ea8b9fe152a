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
package io.github.dualexport.autoconfigure.pipeline.send;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.github.dualexport.autoconfigure.backend.BackendResolver;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;
import io.github.dualexport.autoconfigure.otel.OtlpExportException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures {@link OtlpRequestSender} calls retryable: those the OTLP specification
 * calls so, and no other.
 *
 * @author Dual Export contributors
 */
class OtlpRequestSenderTests {

	private final OtlpRequestSender sender = OtlpRequestSender.create(backend(), Signal.TRACES, null,
			new OtlpSenderBuilder(backend(), Signal.TRACES));

	@AfterEach
	void shutdown() {
		this.sender.shutdown();
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 429, 502, 503, 504 })
	void httpStatusesTheSpecificationCallsRetryableAreRetryable(int status) {
		assertThat(this.sender.isTransient(OtlpExportException.httpResponse(status, null))).isTrue();
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 400, 401, 403, 404, 408, 413, 500, 501 })
	void otherHttpStatusesAreNotRetryable(int status) {
		assertThat(this.sender.isTransient(OtlpExportException.httpResponse(status, null))).isFalse();
	}

	@ParameterizedTest(name = "gRPC code {0}")
	// CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS
	@ValueSource(ints = { 1, 4, 10, 11, 14, 15 })
	void grpcCodesTheSpecificationCallsRetryableAreRetryable(int code) {
		assertThat(this.sender.isTransient(OtlpExportException.grpcResponse(code, null))).isTrue();
	}

	@ParameterizedTest(name = "gRPC code {0}")
	// UNKNOWN, INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED,
	// FAILED_PRECONDITION, UNIMPLEMENTED, INTERNAL, UNAUTHENTICATED
	@ValueSource(ints = { 2, 3, 5, 6, 7, 9, 12, 13, 16 })
	void otherGrpcCodesAreNotRetryable(int code) {
		assertThat(this.sender.isTransient(OtlpExportException.grpcResponse(code, null))).isFalse();
	}

	@Test
	void resourceExhaustedWithoutRetryInfoIsNotRetryable() {
		assertThat(this.sender.isTransient(OtlpExportException.grpcResponse(8, "message too large"))).isFalse();
	}

	@Test
	void aBackendThatCouldNotBeReachedIsRetryable() {
		assertThat(this.sender.isTransient(OtlpExportException.noResponse(false, new ConnectException("refused"))))
			.isTrue();
		assertThat(this.sender.isTransient(OtlpExportException.noResponse(true, new IOException("reset")))).isTrue();
	}

	@Test
	void failuresThatAreNeitherHttpNorGrpcAreNotRetryable() {
		assertThat(this.sender.isTransient(new IllegalStateException("The HTTP client refused the request"))).isFalse();
		assertThat(this.sender.isTransient(OtlpExportException.noResponse(false, new IllegalArgumentException("bad"))))
			.isFalse();
		assertThat(this.sender.isTransient(null)).isFalse();
	}

	private static io.github.dualexport.autoconfigure.backend.ResolvedBackend backend() {
		Map<String, String> properties = Map.of("telemetry.backends.a.endpoint", "http://127.0.0.1:4318");
		TelemetryProperties telemetry = new Binder(new MapConfigurationPropertySource(properties))
			.bind("telemetry", TelemetryProperties.class)
			.get();
		return BackendResolver.resolve(telemetry).backends().get(0);
	}

}
