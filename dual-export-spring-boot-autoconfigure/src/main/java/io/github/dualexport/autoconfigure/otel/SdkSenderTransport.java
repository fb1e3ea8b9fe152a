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

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;

/**
 * A transport over the public sender interfaces of
 * {@code io.opentelemetry.sdk.common.export} (OpenTelemetry 1.59 and later), found with
 * {@link ServiceLoader} as the official exporters find them.
 *
 * @author Dual Export contributors
 */
final class SdkSenderTransport implements OtlpTransport {

	private static final long MAX_RESPONSE_BODY_SIZE = 4 * 1024L * 1024L;

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

	private final HttpSender httpSender;

	private final GrpcSender grpcSender;

	private final AnsweredRetryDelay retryDelay;

	private SdkSenderTransport(HttpSender httpSender, GrpcSender grpcSender) {
		this.httpSender = httpSender;
		this.grpcSender = grpcSender;
		this.retryDelay = AnsweredRetryDelay.install((grpcSender != null) ? grpcSender : httpSender);
	}

	static OtlpTransport create(OtlpTransportSettings settings, Supplier<Map<String, List<String>>> headers,
			ClassLoader classLoader) {
		Config config = new Config(settings, headers);
		if (settings.grpc()) {
			GrpcSenderProvider provider = OtlpTransports
				.preferred(ServiceLoader.load(GrpcSenderProvider.class, classLoader), GrpcSenderProvider.class);
			return new SdkSenderTransport(null, provider.createSender(config));
		}
		HttpSenderProvider provider = OtlpTransports
			.preferred(ServiceLoader.load(HttpSenderProvider.class, classLoader), HttpSenderProvider.class);
		return new SdkSenderTransport(provider.createSender(config), null);
	}

	@Override
	public void send(byte[] body, CompletableResultCode result) {
		Body message = new Body(body);
		this.retryDelay.clear();
		if (this.grpcSender != null) {
			this.grpcSender.send(message, (response) -> completed(response, result, this.retryDelay),
					(failure) -> result.failExceptionally(OtlpExportException.noResponse(true, failure)));
		}
		else {
			this.httpSender.send(message, (response) -> completed(response, result, this.retryDelay),
					(failure) -> result.failExceptionally(OtlpExportException.noResponse(false, failure)));
		}
	}

	private static void completed(HttpResponse response, CompletableResultCode result, AnsweredRetryDelay retryDelay) {
		int status = response.getStatusCode();
		if (status >= 200 && status < 300) {
			result.succeed();
		}
		else {
			result.failExceptionally(
					OtlpExportException.httpResponse(status, response.getStatusMessage(), retryDelay.last()));
		}
	}

	private static void completed(GrpcResponse response, CompletableResultCode result, AnsweredRetryDelay retryDelay) {
		if (response.getStatusCode() == GrpcStatusCode.OK) {
			result.succeed();
		}
		else {
			result.failExceptionally(OtlpExportException.grpcResponse(response.getStatusCode().getValue(),
					response.getStatusDescription(), retryDelay.last()));
		}
	}

	@Override
	public CompletableResultCode shutdown() {
		return (this.grpcSender != null) ? this.grpcSender.shutdown() : this.httpSender.shutdown();
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

	/**
	 * The configuration of the SDK's http and gRPC senders: the official exporters'
	 * defaults, with the backend's endpoint, timeout, headers, retry and TLS.
	 */
	private static final class Config implements HttpSenderConfig, GrpcSenderConfig {

		private final OtlpTransportSettings settings;

		private final Supplier<Map<String, List<String>>> headers;

		Config(OtlpTransportSettings settings, Supplier<Map<String, List<String>>> headers) {
			this.settings = settings;
			this.headers = headers;
		}

		@Override
		public URI getEndpoint() {
			return this.settings.endpoint();
		}

		@Override
		public String getContentType() {
			return "application/x-protobuf";
		}

		@Override
		public String getFullMethodName() {
			return this.settings.grpcFullMethodName();
		}

		@Override
		public Compressor getCompressor() {
			return this.settings.gzip() ? ALREADY_GZIPPED : null;
		}

		@Override
		public Duration getTimeout() {
			return this.settings.timeout();
		}

		@Override
		public Duration getConnectTimeout() {
			return this.settings.connectTimeout();
		}

		@Override
		public Supplier<Map<String, List<String>>> getHeadersSupplier() {
			return this.headers;
		}

		@Override
		public ProxyOptions getProxyOptions() {
			return null;
		}

		@Override
		public RetryPolicy getRetryPolicy() {
			return this.settings.retryPolicy();
		}

		@Override
		public SSLContext getSslContext() {
			return this.settings.tls() ? this.settings.sslContext() : null;
		}

		@Override
		public X509TrustManager getTrustManager() {
			return this.settings.tls() ? this.settings.trustManager() : null;
		}

		@Override
		public ExecutorService getExecutorService() {
			return null;
		}

		@Override
		public long getMaxResponseBodySize() {
			return MAX_RESPONSE_BODY_SIZE;
		}

		// Declared by the sender configuration from OpenTelemetry 1.66 on; unused before
		public List<String> getEnabledProtocols() {
			return this.settings.tls() ? this.settings.enabledProtocols() : null;
		}

	}

}
