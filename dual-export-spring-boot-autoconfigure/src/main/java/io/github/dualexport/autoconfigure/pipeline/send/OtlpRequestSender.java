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
import java.net.URI;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

import io.github.dualexport.autoconfigure.backend.Compression;
import io.github.dualexport.autoconfigure.backend.Protocol;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.otel.OtlpExportException;
import io.github.dualexport.autoconfigure.otel.OtlpTransport;
import io.github.dualexport.autoconfigure.otel.OtlpTransportSettings;
import io.github.dualexport.autoconfigure.otel.OtlpTransports;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Sends a backend's encoded OTLP requests over http/protobuf or gRPC through the SDK's
 * own sender (the one the official OTLP exporters use): the same connection handling,
 * TLS, timeouts and retry, fed with bytes encoded once for every backend.
 *
 * @author Dual Export contributors
 */
final class OtlpRequestSender implements RequestSender {

	// The OTLP specification's retryable statuses: "Failures" of OTLP/HTTP and OTLP/gRPC
	private static final Set<Integer> RETRYABLE_HTTP_STATUSES = Set.of(429, 502, 503, 504);

	// CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS
	private static final Set<Integer> RETRYABLE_GRPC_STATUSES = Set.of(1, 4, 10, 11, 14, 15);

	private static final int GRPC_RESOURCE_EXHAUSTED = 8;

	private final Encoding encoding;

	private final OtlpTransport transport;

	private OtlpRequestSender(Encoding encoding, OtlpTransport transport) {
		this.encoding = encoding;
		this.transport = transport;
	}

	/**
	 * Create the sender of a backend's signal.
	 * @param backend the resolved backend
	 * @param signal the signal
	 * @param tls the TLS material of the backend's SSL bundle, or {@code null} for the
	 * JVM's defaults
	 * @param sender the endpoint, headers and timeout, as the customizers left them
	 * @return the sender
	 */
	static OtlpRequestSender create(ResolvedBackend backend, Signal signal, Tls tls, OtlpSenderBuilder sender) {
		boolean gzip = backend.compression() == Compression.GZIP;
		OtlpTransportSettings settings = new OtlpTransportSettings(URI.create(sender.endpoint()), signal,
				backend.protocol() == Protocol.GRPC, gzip, sender.timeout(), sender.headersSupplier(),
				RetryPolicies.of(backend.retry()), (tls != null) ? tls.sslContext() : null,
				(tls != null) ? tls.trustManager() : null, (tls != null) ? tls.enabledProtocols() : null);
		return new OtlpRequestSender(gzip ? Encoding.PROTOBUF_GZIP : Encoding.PROTOBUF,
				OtlpTransports.create(settings));
	}

	@Override
	public Encoding encoding() {
		return this.encoding;
	}

	@Override
	public CompletableResultCode send(BufferedRequest request) {
		CompletableResultCode result = new CompletableResultCode();
		try {
			this.transport.send(request.body(), result);
		}
		catch (RuntimeException ex) {
			// The client's message may quote a header value, which may be a secret
			result.failExceptionally(new IllegalStateException(
					"The HTTP client refused the request (" + ex.getClass().getSimpleName() + ")"));
		}
		return result;
	}

	@Override
	public boolean isTransient(@Nullable Throwable failure) {
		if (!(failure instanceof OtlpExportException export)) {
			// Refused by the client before it reached the wire: it would be refused again
			return false;
		}
		if (!export.hasResponse()) {
			// Unreachable, reset or timed out; anything else is no network failure
			return export.getCause() instanceof IOException;
		}
		if (export.isGrpc()) {
			// RESOURCE_EXHAUSTED is a backend out of capacity only when it says when to
			// come back; without RetryInfo the request is too large for it
			return RETRYABLE_GRPC_STATUSES.contains(export.status())
					|| (export.status() == GRPC_RESOURCE_EXHAUSTED && export.retryDelay() != null);
		}
		return RETRYABLE_HTTP_STATUSES.contains(export.status());
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.transport.shutdown();
	}

	/**
	 * The TLS material of a backend.
	 *
	 * @param sslContext the SSL context, holding the client's key when mutual TLS is used
	 * @param trustManager the manager of the trusted certificates, or {@code null} for
	 * the JVM's
	 * @param enabledProtocols the TLS protocols allowed, or {@code null} for the JVM's
	 */
	public record Tls(SSLContext sslContext, X509TrustManager trustManager, List<String> enabledProtocols) {
	}

}
