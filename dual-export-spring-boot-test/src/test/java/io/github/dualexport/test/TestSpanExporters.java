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

import java.time.Duration;
import java.util.List;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * OpenTelemetry SDK span exporters without retries, so that a refused connection or
 * handshake fails an export at once, optionally speaking TLS.
 *
 * @author Dual Export contributors
 */
final class TestSpanExporters {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private TestSpanExporters() {
	}

	/**
	 * Create an exporter to the given endpoint of the receiver.
	 * @param receiver the receiver
	 * @param transport the transport, choosing the endpoint
	 * @return the exporter, to be shut down by the caller
	 */
	static SpanExporter create(OtlpReceiver receiver, Transport transport) {
		return create(receiver, transport, null, false);
	}

	/**
	 * Create an exporter to the given endpoint of the receiver.
	 * @param receiver the receiver
	 * @param transport the transport, choosing the endpoint
	 * @param trustedCertificatesPem the certificates to trust or {@code null} for the
	 * default trust
	 * @param clientCertificate whether to present the test client certificate
	 * @return the exporter, to be shut down by the caller
	 */
	static SpanExporter create(OtlpReceiver receiver, Transport transport, byte[] trustedCertificatesPem,
			boolean clientCertificate) {
		String endpoint = (transport == Transport.HTTP) ? receiver.httpEndpoint() + "/v1/traces"
				: receiver.grpcEndpoint();
		return create(endpoint, transport, trustedCertificatesPem, clientCertificate);
	}

	/**
	 * Create an exporter to the given endpoint.
	 * @param endpoint the endpoint, with the {@code /v1/traces} path for http
	 * @param transport the transport
	 * @param trustedCertificatesPem the certificates to trust or {@code null} for the
	 * default trust
	 * @param clientCertificate whether to present the test client certificate
	 * @return the exporter, to be shut down by the caller
	 */
	static SpanExporter create(String endpoint, Transport transport, byte[] trustedCertificatesPem,
			boolean clientCertificate) {
		if (transport == Transport.HTTP) {
			OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
				.setEndpoint(endpoint)
				.setTimeout(TIMEOUT)
				.setRetryPolicy(null);
			if (trustedCertificatesPem != null) {
				builder.setTrustedCertificates(trustedCertificatesPem);
			}
			if (clientCertificate) {
				builder.setClientTls(TestCertificates.clientPrivateKeyPem(), TestCertificates.clientCertificatePem());
			}
			return builder.build();
		}
		OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder()
			.setEndpoint(endpoint)
			.setTimeout(TIMEOUT)
			.setRetryPolicy(null);
		if (trustedCertificatesPem != null) {
			builder.setTrustedCertificates(trustedCertificatesPem);
		}
		if (clientCertificate) {
			builder.setClientTls(TestCertificates.clientPrivateKeyPem(), TestCertificates.clientCertificatePem());
		}
		return builder.build();
	}

	/**
	 * Export one span with the given name and wait for the result.
	 * @param exporter the exporter
	 * @param spanName the span name
	 * @return whether the export succeeded
	 */
	static boolean export(SpanExporter exporter, String spanName) {
		return OtlpTestData.succeeded(exporter.export(List.of(OtlpTestData.spanData(spanName))));
	}

	/**
	 * Export one span with the given name, wait for the result and shut the exporter
	 * down.
	 * @param exporter the exporter
	 * @param spanName the span name
	 * @return whether the export succeeded
	 */
	static boolean exportOnce(SpanExporter exporter, String spanName) {
		try {
			return export(exporter, spanName);
		}
		finally {
			exporter.shutdown();
		}
	}

}
