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

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

import io.github.dualexport.autoconfigure.backend.Signal;
import io.opentelemetry.sdk.common.export.RetryPolicy;

/**
 * What a transport needs to reach one backend's endpoint for one signal.
 *
 * @param endpoint the full endpoint URL
 * @param signal the signal, which names the gRPC method
 * @param grpc whether to send gRPC calls rather than http/protobuf requests
 * @param gzip whether the bodies handed to the transport are gzip-compressed
 * @param timeout the bound of one request, retries included
 * @param headers supplies the headers of each request
 * @param retryPolicy the retry policy, or {@code null} for no retry
 * @param sslContext the TLS context, or {@code null} for the JVM's
 * @param trustManager the trust manager, or {@code null} for the JVM's
 * @param enabledProtocols the TLS protocols allowed, or {@code null} for the JVM's
 * @author Dual Export contributors
 */
public record OtlpTransportSettings(URI endpoint, Signal signal, boolean grpc, boolean gzip, Duration timeout,
		Supplier<Map<String, String>> headers, @Nullable RetryPolicy retryPolicy, @Nullable SSLContext sslContext,
		@Nullable X509TrustManager trustManager, @Nullable List<String> enabledProtocols) {

	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Return the full name of the OTLP gRPC method of the signal.
	 * @return the method name, without a leading slash
	 */
	public String grpcFullMethodName() {
		return switch (this.signal) {
			case TRACES -> "opentelemetry.proto.collector.trace.v1.TraceService/Export";
			case METRICS -> "opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
			case LOGS -> "opentelemetry.proto.collector.logs.v1.LogsService/Export";
		};
	}

	/**
	 * Return the connect timeout: the request timeout, at most 10 seconds as in the
	 * official exporters.
	 * @return the connect timeout
	 */
	public Duration connectTimeout() {
		return (this.timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0) ? this.timeout : MAX_CONNECT_TIMEOUT;
	}

	/**
	 * Return whether TLS settings apply: only to https endpoints.
	 * @return whether the endpoint uses TLS
	 */
	public boolean tls() {
		return "https".equals(this.endpoint.getScheme());
	}

}
