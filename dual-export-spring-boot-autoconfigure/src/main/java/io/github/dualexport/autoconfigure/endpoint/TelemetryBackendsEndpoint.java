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
package io.github.dualexport.autoconfigure.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.Secrets;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;

/**
 * {@link Endpoint @Endpoint} exposing every configured backend: its resolved
 * configuration, secrets masked whatever {@code show-values} says, and the live state of
 * each signal's pipeline. Its write operation switches a backend off and on at runtime.
 *
 * @author Dual Export contributors
 */
@Endpoint(id = "telemetrybackends")
public final class TelemetryBackendsEndpoint {

	private final ResolvedBackends backends;

	private final BackendPipelines pipelines;

	/**
	 * Create a new endpoint.
	 * @param backends the resolved backends
	 * @param pipelines their pipelines
	 */
	public TelemetryBackendsEndpoint(ResolvedBackends backends, BackendPipelines pipelines) {
		this.backends = backends;
		this.pipelines = pipelines;
	}

	/**
	 * Describe every configured backend.
	 * @return the backends, keyed by name
	 */
	@ReadOperation
	public TelemetryBackendsDescriptor backends() {
		Map<String, BackendDescriptor> descriptors = new LinkedHashMap<>();
		this.backends.backends().forEach((backend) -> descriptors.put(backend.name(), describe(backend)));
		this.backends.disabled().forEach((name) -> descriptors.put(name, BackendDescriptor.DISABLED_IN_CONFIGURATION));
		Map<String, List<String>> groups = new LinkedHashMap<>();
		this.pipelines.all()
			.forEach((pipeline) -> groups.computeIfAbsent(pipeline.group(), (group) -> new ArrayList<>())
				.add(pipeline.backend()));
		return new TelemetryBackendsDescriptor(descriptors, groups);
	}

	/**
	 * Describe one backend.
	 * @param name the backend name
	 * @return the backend, or {@code null} (HTTP 404) if none has that name
	 */
	@ReadOperation
	public BackendDescriptor backend(@Selector String name) {
		return backends().backends().get(name);
	}

	/**
	 * Switch a backend off or on. Switched off, it takes no new items and flushes its
	 * queues; switched on, it resumes.
	 * @param name the backend name
	 * @param enabled whether the backend takes new items
	 * @return the backend after the switch
	 * @throws InvalidEndpointRequestException (HTTP 400) if no backend has that name or
	 * it is disabled in configuration
	 */
	@WriteOperation
	public BackendDescriptor setEnabled(@Selector String name, boolean enabled) {
		if (this.backends.disabled().contains(name)) {
			throw new InvalidEndpointRequestException(
					"Backend '" + name + "' is disabled in configuration and was never built",
					"Set 'telemetry.backends." + name + ".enabled' to true and restart");
		}
		ResolvedBackend backend = this.backends.find(name)
			.orElseThrow(() -> new InvalidEndpointRequestException("No backend named '" + name + "'",
					"Use one of " + this.backends.backends().stream().map(ResolvedBackend::name).toList()));
		this.pipelines.setEnabled(name, enabled);
		return describe(backend);
	}

	private BackendDescriptor describe(ResolvedBackend backend) {
		List<SignalPipeline> pipelines = this.pipelines.of(backend.name());
		Map<String, SignalDescriptor> signals = new LinkedHashMap<>();
		pipelines.forEach((pipeline) -> signals.put(pipeline.signal().id(), SignalDescriptor.of(pipeline.snapshot())));
		boolean enabled = pipelines.stream().anyMatch(SignalPipeline::isEnabled);
		return new BackendDescriptor(true, enabled, ConfigurationDescriptor.of(backend), signals);
	}

	/**
	 * Every configured backend.
	 *
	 * @param backends the backends, keyed by name
	 * @param groups the backends of each group sharing a capture stage, keyed by group id
	 * such as {@code traces-1}
	 */
	public record TelemetryBackendsDescriptor(Map<String, BackendDescriptor> backends,
			Map<String, List<String>> groups) {

	}

	/**
	 * One backend.
	 *
	 * @param configured whether the backend is enabled in configuration and was built
	 * @param enabled whether it takes new items now
	 * @param configuration its resolved configuration, secrets masked; {@code null} when
	 * disabled in configuration
	 * @param signals the live state of each signal's pipeline
	 */
	public record BackendDescriptor(boolean configured, boolean enabled, ConfigurationDescriptor configuration,
			Map<String, SignalDescriptor> signals) {

		static final BackendDescriptor DISABLED_IN_CONFIGURATION = new BackendDescriptor(false, false, null, Map.of());

	}

	/**
	 * A backend's resolved configuration, secrets masked.
	 *
	 * @param type the preset
	 * @param protocol the transport
	 * @param compression the compression
	 * @param timeout the request timeout (ISO-8601)
	 * @param headers the header names, values masked
	 * @param signalHeaders the headers of each signal, the backend's included, values
	 * masked
	 * @param resourceAttributes the resource attributes added to this backend's copy
	 * @param endpoints the endpoint of each signal, user info masked
	 * @param traces the span batching settings
	 * @param metrics the metric reader settings
	 * @param logs the log record batching settings
	 * @param retry the retry settings
	 * @param buffer where export requests wait (memory or disk, bytes, directory)
	 * @param sslBundle the SSL bundle of https connections, or {@code null}
	 */
	public record ConfigurationDescriptor(String type, String protocol, String compression, String timeout,
			Map<String, String> headers, Map<String, Map<String, String>> signalHeaders,
			Map<String, String> resourceAttributes, Map<String, String> endpoints, ResolvedBackend.Batch traces,
			MetricsDescriptor metrics, LogsDescriptor logs, ResolvedBackend.Retry retry, ResolvedBackend.Buffer buffer,
			String sslBundle) {

		static ConfigurationDescriptor of(ResolvedBackend backend) {
			Map<String, String> endpoints = new LinkedHashMap<>();
			backend.endpoints().forEach((signal, url) -> endpoints.put(signal.id(), Secrets.maskUserInfo(url)));
			Map<String, Map<String, String>> signalHeaders = new LinkedHashMap<>();
			backend.signals()
				.forEach((signal) -> signalHeaders.put(signal.id(),
						Secrets.maskValues(backend.settings(signal).headers())));
			return new ConfigurationDescriptor(backend.type(), backend.protocol().id(), backend.compression().id(),
					backend.timeout().toString(), Secrets.maskValues(backend.headers()), signalHeaders,
					backend.resourceAttributes(), endpoints, backend.traces().batch(),
					MetricsDescriptor.of(backend.metrics()), LogsDescriptor.of(backend.logs()), backend.retry(),
					backend.buffer(), backend.sslBundle());
		}

	}

	/**
	 * A backend's metric reader settings, enumerated values as configured.
	 *
	 * @param interval the collection interval
	 * @param temporality the aggregation temporality, such as 'cumulative'
	 * @param histogram the aggregation of histograms, such as 'explicit'
	 */
	public record MetricsDescriptor(Duration interval, String temporality, String histogram) {

		static MetricsDescriptor of(ResolvedBackend.Metrics metrics) {
			return new MetricsDescriptor(metrics.interval(), metrics.temporality().id(), metrics.histogram().id());
		}

	}

	/**
	 * A backend's log record settings, enumerated values as configured.
	 *
	 * @param batch the batching settings
	 * @param minSeverity the lowest severity sent, such as 'info'
	 */
	public record LogsDescriptor(ResolvedBackend.Batch batch, String minSeverity) {

		static LogsDescriptor of(ResolvedBackend.Logs logs) {
			return new LogsDescriptor(logs.batch(), logs.minSeverity().id());
		}

	}

	/**
	 * The live state of one signal's pipeline.
	 *
	 * @param group the group whose capture stage feeds the pipeline
	 * @param enabled whether it takes new items
	 * @param exported the items accepted by the backend
	 * @param failed the items whose export failed
	 * @param dropped the items dropped before export
	 * @param queueSize the items waiting
	 * @param queueCapacity the queue's item capacity, 0 when bounded by bytes only
	 * @param queueBytes the bytes waiting
	 * @param lastSuccess when an export last succeeded
	 * @param lastFailure when an export last failed
	 * @param lastError the error of the last failed export
	 * @param consecutiveFailures the failed exports since the last success
	 */
	public record SignalDescriptor(String group, boolean enabled, long exported, long failed, long dropped,
			long queueSize, long queueCapacity, long queueBytes, String lastSuccess, String lastFailure,
			String lastError, long consecutiveFailures) {

		static SignalDescriptor of(PipelineSnapshot snapshot) {
			return new SignalDescriptor(snapshot.group(), snapshot.enabled(), snapshot.exported(), snapshot.failed(),
					snapshot.dropped(), snapshot.queueSize(), snapshot.queueCapacity(), snapshot.queueBytes(),
					text(snapshot.lastSuccess()), text(snapshot.lastFailure()), snapshot.lastError(),
					snapshot.consecutiveFailures());
		}

		private static String text(Object value) {
			return (value != null) ? value.toString() : null;
		}

	}

}
