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

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.dualexport.autoconfigure.backend.Protocol;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;

/**
 * The settings of one backend's OTLP sender for one signal, as resolved from the
 * configuration, that {@link OtlpSenderCustomizer customizers} may adjust before the
 * sender is created. The endpoint, protocol, compression, retry and TLS stay those of the
 * configuration: the fan-out encodes each request once for the compression every backend
 * asked for, and health and the actuator endpoint report the configured destination.
 *
 * @author Dual Export contributors
 */
public final class OtlpSenderBuilder {

	private final String endpoint;

	private final Protocol protocol;

	private final Map<String, String> headers;

	private Duration timeout;

	private @Nullable Supplier<Map<String, String>> headersSupplier;

	OtlpSenderBuilder(ResolvedBackend backend, Signal signal) {
		ResolvedBackend.SignalSettings settings = backend.settings(signal);
		// Only the console backend has no endpoint, and no OTLP sender
		this.endpoint = Objects.requireNonNull(settings.endpoint(), "endpoint");
		this.protocol = backend.protocol();
		this.headers = new LinkedHashMap<>(settings.headers());
		this.timeout = backend.timeout();
	}

	/**
	 * Return the full endpoint URL the sender sends to.
	 * @return the endpoint
	 */
	public String endpoint() {
		return this.endpoint;
	}

	/**
	 * Return the protocol of the sender.
	 * @return the protocol
	 */
	public Protocol protocol() {
		return this.protocol;
	}

	/**
	 * Return the headers sent with every request, the configured ones by default.
	 * @return the headers, unmodifiable (secret values)
	 */
	public Map<String, String> headers() {
		return Collections.unmodifiableMap(this.headers);
	}

	/**
	 * Send a header with every request, in place of a configured one of the same name.
	 * @param name the header name
	 * @param value the header value
	 * @return this builder
	 */
	public OtlpSenderBuilder header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	/**
	 * Stop sending a header.
	 * @param name the header name
	 * @return this builder
	 */
	public OtlpSenderBuilder removeHeader(String name) {
		this.headers.remove(name);
		return this;
	}

	/**
	 * Compute headers for every request, on the backend's send thread, over the fixed
	 * ones: for values that change, such as a short-lived token. Replaces a supplier set
	 * before.
	 * @param supplier returns the headers of the next request
	 * @return this builder
	 */
	public OtlpSenderBuilder headers(Supplier<Map<String, String>> supplier) {
		this.headersSupplier = supplier;
		return this;
	}

	/**
	 * Return the bound of one request, the configured {@code timeout} by default.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Bound one request.
	 * @param timeout the timeout, positive
	 * @return this builder
	 */
	public OtlpSenderBuilder timeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout of a sender must be positive, not " + timeout);
		}
		this.timeout = timeout;
		return this;
	}

	/**
	 * Return the supplier of the headers of each request: the fixed ones, with the
	 * computed ones over them.
	 * @return the supplier
	 */
	Supplier<Map<String, String>> headersSupplier() {
		Map<String, String> fixed = Collections.unmodifiableMap(new LinkedHashMap<>(this.headers));
		Supplier<Map<String, String>> computed = this.headersSupplier;
		if (computed == null) {
			return () -> fixed;
		}
		return () -> {
			Map<String, String> merged = new LinkedHashMap<>(fixed);
			Map<String, String> more = computed.get();
			if (more != null) {
				merged.putAll(more);
			}
			return merged;
		};
	}

}
