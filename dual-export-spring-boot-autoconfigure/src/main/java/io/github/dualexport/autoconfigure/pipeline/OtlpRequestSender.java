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

package io.github.dualexport.autoconfigure.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import io.github.dualexport.autoconfigure.backend.Protocol;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.internal.SenderUtil;
import io.opentelemetry.exporter.otlp.internal.OtlpUserAgent;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;

/**
 * Sends a backend's encoded OTLP requests over http/protobuf or gRPC through the SDK's
 * own sender (the one the official OTLP exporters use, found through
 * {@link io.opentelemetry.sdk.common.export.HttpSenderProvider} and
 * {@link io.opentelemetry.sdk.common.export.GrpcSenderProvider}): the same connection
 * handling, TLS, timeouts and retry with {@code Retry-After}, fed with bytes encoded once
 * for every backend.
 *
 * @author Dual Export contributors
 */
public final class OtlpRequestSender implements RequestSender {

	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final long MAX_RESPONSE_BODY_SIZE = 4 * 1024L * 1024L;

	private static final Set<Integer> TRANSIENT_HTTP_STATUSES = Set.of(429, 502, 503, 504);

	private static final Set<GrpcStatusCode> TRANSIENT_GRPC_STATUSES = Set.of(GrpcStatusCode.CANCELLED,
			GrpcStatusCode.DEADLINE_EXCEEDED, GrpcStatusCode.RESOURCE_EXHAUSTED, GrpcStatusCode.ABORTED,
			GrpcStatusCode.OUT_OF_RANGE, GrpcStatusCode.UNAVAILABLE, GrpcStatusCode.DATA_LOSS);

	/**
	 * Tells the sender the body is gzip-compressed: it was compressed once for every
	 * backend when the request was encoded.
	 */
	private static final Compressor ALREADY_GZIPPED = new Compressor() {

		@Override
		public String getEncoding() {
			return "gzip";
		}

		@Override
		public OutputStream compress(OutputStream outputStream) {
			return outputStream;
		}

	};

	private final Encoding encoding;

	private final Transport transport;

	private OtlpRequestSender(Encoding encoding, Transport transport) {
		this.encoding = encoding;
		this.transport = transport;
	}

	/**
	 * Create the sender of a backend's signal.
	 * @param backend the resolved backend
	 * @param signal the signal
	 * @param tls the TLS material of the backend's SSL bundle, or {@code null} for the
	 * JVM's defaults
	 * @return the sender
	 */
	public static OtlpRequestSender create(ResolvedBackend backend, Signal signal, Tls tls) {
		boolean gzip = "gzip".equals(backend.compression());
		Config config = new Config(URI.create(backend.endpoint(signal)), signal, gzip ? ALREADY_GZIPPED : null,
				backend.timeout(), headers(backend.headers()), RetryPolicies.of(backend.retry()), tls);
		ComponentLoader loader = ComponentLoader.forClassLoader(OtlpRequestSender.class.getClassLoader());
		Transport transport = (backend.protocol() == Protocol.GRPC)
				? new GrpcTransport(SenderUtil.resolveGrpcSenderProvider(loader).createSender(config))
				: new HttpTransport(SenderUtil.resolveHttpSenderProvider(loader).createSender(config));
		return new OtlpRequestSender(gzip ? Encoding.PROTOBUF_GZIP : Encoding.PROTOBUF, transport);
	}

	private static Map<String, List<String>> headers(Map<String, String> headers) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		headers.forEach((name, value) -> result.put(name, List.of(value)));
		OtlpUserAgent.addUserAgentHeader((name, value) -> result.put(name, List.of(value)));
		return Collections.unmodifiableMap(result);
	}

	@Override
	public Encoding encoding() {
		return this.encoding;
	}

	@Override
	public CompletableResultCode send(BufferedRequest request) {
		CompletableResultCode result = new CompletableResultCode();
		try {
			this.transport.send(new Body(request.body()), result);
		}
		catch (RuntimeException ex) {
			// The client's message may quote a header value, which may be a secret
			result.failExceptionally(new IllegalStateException(
					"The HTTP client refused the request (" + ex.getClass().getSimpleName() + ")"));
		}
		return result;
	}

	@Override
	public boolean isTransient(Throwable failure) {
		if (failure instanceof FailedExportException.HttpExportException http) {
			return !http.failedWithResponse() || TRANSIENT_HTTP_STATUSES.contains(http.getResponse().getStatusCode());
		}
		if (failure instanceof FailedExportException.GrpcExportException grpc) {
			return !grpc.failedWithResponse() || TRANSIENT_GRPC_STATUSES.contains(grpc.getResponse().getStatusCode());
		}
		return true;
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

	private record Body(byte[] bytes) implements MessageWriter {

		@Override
		public void writeMessage(OutputStream output) throws IOException {
			output.write(this.bytes);
		}

		@Override
		public int getContentLength() {
			return this.bytes.length;
		}

	}

	private interface Transport {

		void send(MessageWriter body, CompletableResultCode result);

		CompletableResultCode shutdown();

	}

	private record HttpTransport(HttpSender sender) implements Transport {

		@Override
		public void send(MessageWriter body, CompletableResultCode result) {
			this.sender.send(body, (response) -> completed(response, result),
					(failure) -> result.failExceptionally(FailedExportException.httpFailedExceptionally(failure)));
		}

		private static void completed(HttpResponse response, CompletableResultCode result) {
			int status = response.getStatusCode();
			if (status >= 200 && status < 300) {
				result.succeed();
			}
			else {
				result.failExceptionally(FailedExportException.httpFailedWithResponse(response));
			}
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.sender.shutdown();
		}

	}

	private record GrpcTransport(GrpcSender sender) implements Transport {

		@Override
		public void send(MessageWriter body, CompletableResultCode result) {
			this.sender.send(body, (response) -> completed(response, result),
					(failure) -> result.failExceptionally(FailedExportException.grpcFailedExceptionally(failure)));
		}

		private static void completed(GrpcResponse response, CompletableResultCode result) {
			if (response.getStatusCode() == GrpcStatusCode.OK) {
				result.succeed();
			}
			else {
				result.failExceptionally(FailedExportException.grpcFailedWithResponse(response));
			}
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.sender.shutdown();
		}

	}

	/**
	 * The configuration of the SDK's http and gRPC senders: the official exporters'
	 * defaults, with the backend's endpoint, timeout, headers, retry and TLS.
	 */
	private static final class Config implements HttpSenderConfig, GrpcSenderConfig {

		private final URI endpoint;

		private final Signal signal;

		private final Compressor compressor;

		private final Duration timeout;

		private final Map<String, List<String>> headers;

		private final RetryPolicy retryPolicy;

		private final Tls tls;

		Config(URI endpoint, Signal signal, Compressor compressor, Duration timeout, Map<String, List<String>> headers,
				RetryPolicy retryPolicy, Tls tls) {
			this.endpoint = endpoint;
			this.signal = signal;
			this.compressor = compressor;
			this.timeout = timeout;
			this.headers = headers;
			this.retryPolicy = retryPolicy;
			this.tls = "https".equals(endpoint.getScheme()) ? tls : null;
		}

		@Override
		public URI getEndpoint() {
			return this.endpoint;
		}

		@Override
		public String getContentType() {
			return "application/x-protobuf";
		}

		@Override
		public String getFullMethodName() {
			return switch (this.signal) {
				case TRACES -> "opentelemetry.proto.collector.trace.v1.TraceService/Export";
				case METRICS -> "opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
				case LOGS -> "opentelemetry.proto.collector.logs.v1.LogsService/Export";
			};
		}

		@Override
		public Compressor getCompressor() {
			return this.compressor;
		}

		@Override
		public Duration getTimeout() {
			return this.timeout;
		}

		@Override
		public Duration getConnectTimeout() {
			return (this.timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0) ? this.timeout : MAX_CONNECT_TIMEOUT;
		}

		@Override
		public Supplier<Map<String, List<String>>> getHeadersSupplier() {
			return () -> this.headers;
		}

		@Override
		public ProxyOptions getProxyOptions() {
			return null;
		}

		@Override
		public RetryPolicy getRetryPolicy() {
			return this.retryPolicy;
		}

		@Override
		public SSLContext getSslContext() {
			return (this.tls != null) ? this.tls.sslContext() : null;
		}

		@Override
		public X509TrustManager getTrustManager() {
			return (this.tls != null) ? this.tls.trustManager() : null;
		}

		@Override
		public ExecutorService getExecutorService() {
			return null;
		}

		@Override
		public long getMaxResponseBodySize() {
			return MAX_RESPONSE_BODY_SIZE;
		}

		@Override
		public List<String> getEnabledProtocols() {
			return (this.tls != null) ? this.tls.enabledProtocols() : null;
		}

	}

}
