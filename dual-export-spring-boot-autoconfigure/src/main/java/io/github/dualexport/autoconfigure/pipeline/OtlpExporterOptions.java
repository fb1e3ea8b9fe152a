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

import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.export.RetryPolicy;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Signal;

/**
 * What every OTLP exporter builder of a backend is given, whatever its signal and
 * transport. The official builders share method names but no interface, so the options
 * are applied through method references, as the SDK's own autoconfiguration does.
 *
 * @param endpoint the signal's endpoint
 * @param timeout the timeout of one request
 * @param compression 'gzip' or 'none'
 * @param headers the headers of every request
 * @param retryPolicy the retry policy, or {@code null} for none
 * @author Dual Export contributors
 */
public record OtlpExporterOptions(String endpoint, Duration timeout, String compression, Map<String, String> headers,
		RetryPolicy retryPolicy) {

	/**
	 * Return the options of a backend's exporter for one signal.
	 * @param backend the resolved backend
	 * @param signal the signal
	 * @return the options
	 */
	public static OtlpExporterOptions of(ResolvedBackend backend, Signal signal) {
		return new OtlpExporterOptions(backend.endpoint(signal), backend.timeout(), backend.compression(),
				backend.headers(), RetryPolicies.of(backend.retry()));
	}

	/**
	 * Apply these options to an OTLP exporter builder.
	 * @param <B> the builder type
	 * @param builder the builder
	 * @param setters the builder's setters
	 * @return the builder
	 */
	public <B> B applyTo(B builder, Setters<B> setters) {
		setters.endpoint().accept(builder, this.endpoint);
		setters.timeout().accept(builder, this.timeout);
		setters.compression().accept(builder, this.compression);
		this.headers.forEach((name, value) -> setters.header().add(builder, name, value));
		setters.retryPolicy().accept(builder, this.retryPolicy);
		// The exporter's own metrics would otherwise initialise GlobalOpenTelemetry
		setters.meterProvider().accept(builder, MeterProvider::noop);
		return builder;
	}

	/**
	 * The setters of one OTLP exporter builder type.
	 *
	 * @param <B> the builder type
	 * @param endpoint sets the endpoint
	 * @param timeout sets the request timeout
	 * @param compression sets the compression
	 * @param header adds a header
	 * @param retryPolicy sets the retry policy
	 * @param meterProvider sets the meter provider of the exporter's own metrics
	 */
	public record Setters<B>(BiConsumer<B, String> endpoint, BiConsumer<B, Duration> timeout,
			BiConsumer<B, String> compression, HeaderSetter<B> header, BiConsumer<B, RetryPolicy> retryPolicy,
			BiConsumer<B, Supplier<MeterProvider>> meterProvider) {

	}

	/**
	 * Adds one header to a builder.
	 *
	 * @param <B> the builder type
	 */
	@FunctionalInterface
	public interface HeaderSetter<B> {

		/**
		 * Add a header.
		 * @param builder the builder
		 * @param name the header name
		 * @param value the header value
		 */
		void add(B builder, String name, String value);

	}

}
