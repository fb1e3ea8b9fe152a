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

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

import io.github.dualexport.autoconfigure.backend.ConfigurationProblem;
import io.github.dualexport.autoconfigure.backend.InvalidTelemetryConfigurationException;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.ExportListener;

/**
 * Builds the per-backend part of every pipeline: its buffer (memory or disk), its sender
 * (http/protobuf, gRPC or console, with the backend's TLS bundle, tuned by the
 * {@link OtlpSenderCustomizer customizers}) and the send queue that joins them. The one
 * way into the send side: the capture stages hand their requests to the {@link FanOut} it
 * builds.
 *
 * @author Dual Export contributors
 */
public final class SendStages {

	private final @Nullable SslBundles sslBundles;

	private final List<ExportListener> listeners;

	private final Duration shutdownTimeout;

	private final PrintStream console;

	private final List<OtlpSenderCustomizer> customizers;

	private final int gzipLevel;

	/**
	 * Create a new instance.
	 * @param sslBundles the application's SSL bundles, or {@code null} when there are
	 * none
	 * @param listeners told about every completed export request
	 * @param shutdownTimeout how long a shutdown waits for a queue to drain
	 * @param console where the console backend writes
	 */
	public SendStages(@Nullable SslBundles sslBundles, List<ExportListener> listeners, Duration shutdownTimeout,
			PrintStream console) {
		this(sslBundles, listeners, shutdownTimeout, console, List.of());
	}

	/**
	 * Create a new instance.
	 * @param sslBundles the application's SSL bundles, or {@code null} when there are
	 * none
	 * @param listeners told about every completed export request
	 * @param shutdownTimeout how long a shutdown waits for a queue to drain
	 * @param console where the console backend writes
	 * @param customizers applied in order to every OTLP sender before it is created
	 */
	public SendStages(@Nullable SslBundles sslBundles, List<ExportListener> listeners, Duration shutdownTimeout,
			PrintStream console, List<OtlpSenderCustomizer> customizers) {
		this(sslBundles, listeners, shutdownTimeout, console, customizers, GzipEncoder.DEFAULT_LEVEL);
	}

	/**
	 * Create a new instance.
	 * @param sslBundles the application's SSL bundles, or {@code null} when there are
	 * none
	 * @param listeners told about every completed export request
	 * @param shutdownTimeout how long a shutdown waits for a queue to drain
	 * @param console where the console backend writes
	 * @param customizers applied in order to every OTLP sender before it is created
	 * @param gzipLevel the level of gzip compression, 1 (fastest) to 9 (smallest)
	 */
	public SendStages(@Nullable SslBundles sslBundles, List<ExportListener> listeners, Duration shutdownTimeout,
			PrintStream console, List<OtlpSenderCustomizer> customizers, int gzipLevel) {
		// Checked now, not when the first fan-out is built
		this.gzipLevel = GzipEncoder.checkLevel(gzipLevel);
		this.sslBundles = sslBundles;
		this.listeners = List.copyOf(listeners);
		this.shutdownTimeout = shutdownTimeout;
		this.console = console;
		this.customizers = List.copyOf(customizers);
	}

	/**
	 * Return the level at which the fan-outs compress requests with gzip.
	 * @return the gzip level, 1 (fastest) to 9 (smallest)
	 */
	public int gzipLevel() {
		return this.gzipLevel;
	}

	/**
	 * Build the fan-out of a group: one send queue, with its own thread, sender and
	 * buffer, per backend.
	 * @param backends the backends of the group
	 * @param signal the signal
	 * @return the fan-out
	 */
	public FanOut fanOut(List<ResolvedBackend> backends, Signal signal) {
		List<SendQueue> queues = new ArrayList<>(backends.size());
		try {
			for (ResolvedBackend backend : backends) {
				queues.add(queue(backend, signal));
			}
		}
		catch (RuntimeException ex) {
			// The queues built before the failure hold nothing yet: stop their threads
			queues.forEach((queue) -> queue.shutdown(System.nanoTime()));
			throw ex;
		}
		return new FanOut(queues, new GzipEncoder(this.gzipLevel));
	}

	private SendQueue queue(ResolvedBackend backend, Signal signal) {
		if (backend.isConsole()) {
			return queue(backend, signal, new ConsoleRequestSender(this.console), backend.timeout());
		}
		OtlpSenderBuilder otlp = new OtlpSenderBuilder(backend, signal);
		this.customizers.forEach((customizer) -> customizer.customize(backend.name(), signal, otlp));
		return queue(backend, signal, OtlpRequestSender.create(backend, signal, tls(backend), otlp), otlp.timeout());
	}

	private SendQueue queue(ResolvedBackend backend, Signal signal, RequestSender sender, Duration timeout) {
		return new SendQueue(backend.name(), signal, buffer(backend, signal), sender,
				new ExportRecorder(backend.name(), signal, this.listeners), requestBound(backend, timeout),
				retryPause(backend), backend.buffer().maxAttempts(), this.shutdownTimeout);
	}

	private static RequestBuffer buffer(ResolvedBackend backend, Signal signal) {
		ResolvedBackend.Buffer buffer = backend.buffer();
		if (buffer.disk()) {
			try {
				return new DiskRequestBuffer(buffer.directory(signal), buffer.maxBytes(), buffer.maxAge());
			}
			catch (IllegalStateException ex) {
				// Held by another process: one process per directory
				throw new InvalidTelemetryConfigurationException(
						List.of(new ConfigurationProblem("telemetry.backends." + backend.name() + ".buffer.directory",
								buffer.directory(signal).toString(), "In use by another process",
								"Give each application instance its own directory, such as one named after"
										+ " the instance")));
			}
		}
		return new MemoryRequestBuffer(backend.settings(signal).maxBufferedItems(), buffer.maxBytes());
	}

	private OtlpRequestSender.Tls tls(ResolvedBackend backend) {
		if (backend.sslBundle() == null) {
			return null;
		}
		// The resolver checked that the bundle exists
		SslBundle bundle = this.sslBundles.getBundle(backend.sslBundle());
		String[] protocols = bundle.getOptions().getEnabledProtocols();
		List<String> enabledProtocols = (protocols != null) ? List.of(protocols) : null;
		X509TrustManager trustManager = null;
		for (TrustManager manager : bundle.getManagers().getTrustManagers()) {
			if (manager instanceof X509TrustManager x509) {
				trustManager = x509;
			}
		}
		return new OtlpRequestSender.Tls(bundle.createSslContext(), trustManager, enabledProtocols);
	}

	private static Duration requestBound(ResolvedBackend backend, Duration timeout) {
		ResolvedBackend.Retry retry = backend.retry();
		int attempts = retry.enabled() ? retry.maxAttempts() : 1;
		return timeout.plus(retry.maxBackoff()).multipliedBy(attempts).plusSeconds(1);
	}

	private static Duration retryPause(ResolvedBackend backend) {
		Duration maxBackoff = backend.retry().maxBackoff();
		return (maxBackoff.compareTo(Duration.ofSeconds(1)) > 0) ? maxBackoff : Duration.ofSeconds(1);
	}

}
