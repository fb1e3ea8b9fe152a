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

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.ExportListener;

/**
 * Builds the per-backend part of every pipeline: its buffer (memory or disk), its sender
 * (http/protobuf, gRPC or console, with the backend's TLS bundle) and the send queue that
 * joins them. The one way into the send side: the capture stages hand their requests to
 * the {@link FanOut} it builds.
 *
 * @author Dual Export contributors
 */
public final class SendStages {

	private final SslBundles sslBundles;

	private final List<ExportListener> listeners;

	private final Duration shutdownTimeout;

	private final PrintStream console;

	/**
	 * Create a new instance.
	 * @param sslBundles the application's SSL bundles, or {@code null} when there are
	 * none
	 * @param listeners told about every completed export request
	 * @param shutdownTimeout how long a shutdown waits for a queue to drain
	 * @param console where the console backend writes
	 */
	public SendStages(SslBundles sslBundles, List<ExportListener> listeners, Duration shutdownTimeout,
			PrintStream console) {
		this.sslBundles = sslBundles;
		this.listeners = List.copyOf(listeners);
		this.shutdownTimeout = shutdownTimeout;
		this.console = console;
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
		return new FanOut(queues);
	}

	private SendQueue queue(ResolvedBackend backend, Signal signal) {
		return new SendQueue(backend.name(), signal, buffer(backend, signal), sender(backend, signal),
				new ExportRecorder(backend.name(), signal, this.listeners), requestBound(backend), retryPause(backend),
				this.shutdownTimeout);
	}

	private static RequestBuffer buffer(ResolvedBackend backend, Signal signal) {
		ResolvedBackend.Buffer buffer = backend.buffer();
		if (buffer.disk()) {
			return new DiskRequestBuffer(buffer.directory(signal), buffer.maxBytes(), buffer.maxAge());
		}
		return new MemoryRequestBuffer(backend.settings(signal).maxBufferedItems(), buffer.maxBytes());
	}

	private RequestSender sender(ResolvedBackend backend, Signal signal) {
		if (backend.isConsole()) {
			return new ConsoleRequestSender(this.console);
		}
		return OtlpRequestSender.create(backend, signal, tls(backend));
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

	private static Duration requestBound(ResolvedBackend backend) {
		ResolvedBackend.Retry retry = backend.retry();
		int attempts = retry.enabled() ? retry.maxAttempts() : 1;
		return backend.timeout().plus(retry.maxBackoff()).multipliedBy(attempts).plusSeconds(1);
	}

	private static Duration retryPause(ResolvedBackend backend) {
		Duration maxBackoff = backend.retry().maxBackoff();
		return (maxBackoff.compareTo(Duration.ofSeconds(1)) > 0) ? maxBackoff : Duration.ofSeconds(1);
	}

}
