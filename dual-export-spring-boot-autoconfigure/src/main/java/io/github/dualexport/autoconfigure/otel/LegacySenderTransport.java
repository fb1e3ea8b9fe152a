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

import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;

/**
 * A transport over the exporters' internal sender interfaces of
 * {@code io.opentelemetry.exporter.internal.http} and {@code .grpc}, the only way to send
 * encoded bytes before OpenTelemetry made those interfaces public (the 1.55 line that
 * Spring Boot 4.0 manages). Those types are absent from the versions this module compiles
 * against, so they are reached reflectively, each method looked up once when the
 * transport is created: a version lacking one fails then, not while sending.
 *
 * @author Dual Export contributors
 */
final class LegacySenderTransport implements OtlpTransport {

	private static final String HTTP_PACKAGE = "io.opentelemetry.exporter.internal.http.";

	private static final String GRPC_PACKAGE = "io.opentelemetry.exporter.internal.grpc.";

	private static final String COMPRESSOR = "io.opentelemetry.exporter.internal.compression.Compressor";

	private final Object sender;

	private final Method send;

	private final Method shutdown;

	private final boolean grpc;

	private final Method status;

	private final Method statusMessage;

	private final AnsweredRetryDelay retryDelay;

	private LegacySenderTransport(Object sender, Method send, Method shutdown, boolean grpc, Method status,
			Method statusMessage) {
		this.sender = sender;
		this.send = send;
		this.shutdown = shutdown;
		this.grpc = grpc;
		this.status = status;
		this.statusMessage = statusMessage;
		this.retryDelay = AnsweredRetryDelay.install(sender);
	}

	static OtlpTransport create(OtlpTransportSettings settings, Supplier<Map<String, List<String>>> headers,
			ClassLoader classLoader) throws ReflectiveOperationException {
		Object compressor = settings.gzip() ? alreadyGzipped(classLoader) : null;
		long timeoutNanos = settings.timeout().toNanos();
		long connectTimeoutNanos = settings.connectTimeout().toNanos();
		SSLContext sslContext = settings.tls() ? settings.sslContext() : null;
		X509TrustManager trustManager = settings.tls() ? settings.trustManager() : null;
		if (settings.grpc()) {
			Class<?> configType = Class.forName(GRPC_PACKAGE + "GrpcSenderConfig", true, classLoader);
			Object config = configType
				.getMethod("create", URI.class, String.class, Class.forName(COMPRESSOR, true, classLoader), long.class,
						long.class, Supplier.class, Object.class, Supplier.class, RetryPolicy.class, SSLContext.class,
						X509TrustManager.class, ExecutorService.class)
				.invoke(null, settings.endpoint(), "/" + settings.grpcFullMethodName(), compressor, timeoutNanos,
						connectTimeoutNanos, headers, null, (Supplier<?>) LegacySenderTransport::noGrpcStub,
						settings.retryPolicy(), sslContext, trustManager, null);
			Object sender = createSender(GRPC_PACKAGE + "GrpcSenderProvider", configType, config, classLoader);
			Class<?> senderType = Class.forName(GRPC_PACKAGE + "GrpcSender", true, classLoader);
			Class<?> responseType = Class.forName(GRPC_PACKAGE + "GrpcResponse", true, classLoader);
			return new LegacySenderTransport(sender,
					senderType.getMethod("send", RawMarshaler.marshalerType(), Consumer.class, Consumer.class),
					senderType.getMethod("shutdown"), true, responseType.getMethod("grpcStatusValue"),
					responseType.getMethod("grpcStatusDescription"));
		}
		Class<?> configType = Class.forName(HTTP_PACKAGE + "HttpSenderConfig", true, classLoader);
		Object config = configType
			.getMethod("create", String.class, Class.forName(COMPRESSOR, true, classLoader), boolean.class,
					String.class, long.class, long.class, Supplier.class, ProxyOptions.class, RetryPolicy.class,
					SSLContext.class, X509TrustManager.class, ExecutorService.class)
			.invoke(null, settings.endpoint().toString(), compressor, false, "application/x-protobuf", timeoutNanos,
					connectTimeoutNanos, headers, null, settings.retryPolicy(), sslContext, trustManager, null);
		Object sender = createSender(HTTP_PACKAGE + "HttpSenderProvider", configType, config, classLoader);
		Class<?> senderType = Class.forName(HTTP_PACKAGE + "HttpSender", true, classLoader);
		Class<?> responseType = Class.forName(HTTP_PACKAGE + "HttpSender$Response", true, classLoader);
		return new LegacySenderTransport(sender,
				senderType.getMethod("send", RawMarshaler.marshalerType(), int.class, Consumer.class, Consumer.class),
				senderType.getMethod("shutdown"), false, responseType.getMethod("statusCode"),
				responseType.getMethod("statusMessage"));
	}

	private static Object createSender(String providerTypeName, Class<?> configType, Object config,
			ClassLoader classLoader) throws ReflectiveOperationException {
		Class<?> providerType = Class.forName(providerTypeName, true, classLoader);
		Object provider = OtlpTransports.preferred(ServiceLoader.load(providerType, classLoader), providerType);
		return providerType.getMethod("createSender", configType).invoke(provider, config);
	}

	private static Object alreadyGzipped(ClassLoader classLoader) throws ClassNotFoundException {
		Class<?> compressorType = Class.forName(COMPRESSOR, true, classLoader);
		return Proxy.newProxyInstance(classLoader, new Class<?>[] { compressorType }, (proxy, method, args) -> {
			return switch (method.getName()) {
				case "getEncoding" -> "gzip";
				// The body was compressed once for every backend when it was encoded
				case "compress" -> (OutputStream) args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				case "equals" -> proxy == args[0];
				case "toString" -> "AlreadyGzipped";
				default -> throw new UnsupportedOperationException(method.getName());
			};
		});
	}

	// Only the grpc-java sender uses stubs; the OkHttp sender the exporters bring does
	// not
	private static Object noGrpcStub() {
		throw new UnsupportedOperationException("The grpc-java sender is not supported on this OpenTelemetry version");
	}

	@Override
	public void send(byte[] body, CompletableResultCode result) {
		Consumer<Object> onResponse = (response) -> completed(response, result);
		Consumer<Throwable> onError = (failure) -> result
			.failExceptionally(OtlpExportException.noResponse(this.grpc, failure));
		this.retryDelay.clear();
		try {
			if (this.grpc) {
				this.send.invoke(this.sender, new RawMarshaler(body), onResponse, onError);
			}
			else {
				this.send.invoke(this.sender, new RawMarshaler(body), body.length, onResponse, onError);
			}
		}
		catch (InvocationTargetException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void completed(Object response, CompletableResultCode result) {
		try {
			int status = (int) this.status.invoke(response);
			String message = (String) this.statusMessage.invoke(response);
			if (this.grpc) {
				if (status == 0) {
					result.succeed();
				}
				else {
					result.failExceptionally(OtlpExportException.grpcResponse(status, message, this.retryDelay.last()));
				}
			}
			else if (status >= 200 && status < 300) {
				result.succeed();
			}
			else {
				result.failExceptionally(OtlpExportException.httpResponse(status, message, this.retryDelay.last()));
			}
		}
		catch (ReflectiveOperationException ex) {
			result.failExceptionally(OtlpExportException.noResponse(this.grpc, ex));
		}
	}

	@Override
	public CompletableResultCode shutdown() {
		try {
			return (CompletableResultCode) this.shutdown.invoke(this.sender);
		}
		catch (ReflectiveOperationException ex) {
			return CompletableResultCode.ofExceptionalFailure(ex);
		}
	}

}
