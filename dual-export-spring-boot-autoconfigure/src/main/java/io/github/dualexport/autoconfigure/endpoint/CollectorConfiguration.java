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

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import io.github.dualexport.autoconfigure.backend.Compression;
import io.github.dualexport.autoconfigure.backend.Protocol;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.Severity;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.backend.Temporality;

/**
 * Writes an OpenTelemetry Collector configuration equivalent to the resolved backends: an
 * OTLP receiver, one exporter per backend and one pipeline per backend and signal, with
 * the backend's batching, retry, queue, sampling, drop rules, redaction, resource
 * attributes, minimum log severity and temporality mapped to the Collector's processors.
 * A backend whose signals carry different headers gets one exporter per signal. Header
 * values never appear: each is an {@code ${env:...}} placeholder. The gzip level of
 * {@code telemetry.gzip-level} becomes the {@code compression_params} of every http
 * exporter that compresses (the Collector's gRPC exporter has no level).
 *
 * @author Dual Export contributors
 */
final class CollectorConfiguration {

	private final Map<String, Object> receivers = new LinkedHashMap<>();

	private final Map<String, Object> processors = new LinkedHashMap<>();

	private final Map<String, Object> exporters = new LinkedHashMap<>();

	private final Map<String, Object> pipelines = new LinkedHashMap<>();

	private final int gzipLevel;

	CollectorConfiguration(List<ResolvedBackend> backends, int gzipLevel) {
		this.gzipLevel = gzipLevel;
		this.receivers.put("otlp", Map.of("protocols",
				map("grpc", Map.of("endpoint", "0.0.0.0:4317"), "http", Map.of("endpoint", "0.0.0.0:4318"))));
		backends.forEach(this::addBackend);
	}

	String toYaml() {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("receivers", this.receivers);
		root.put("processors", this.processors);
		root.put("exporters", this.exporters);
		root.put("service", Map.of("pipelines", this.pipelines));
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setIndent(2);
		return "# OpenTelemetry Collector configuration equivalent to telemetry.backends.*\n"
				+ "# Header values are read from the environment variables named in ${env:...}\n"
				+ new Yaml(options).dump(root);
	}

	private void addBackend(ResolvedBackend backend) {
		for (Signal signal : backend.signals()) {
			String exporter = addExporter(backend, signal);
			List<String> processors = new ArrayList<>(processors(backend, signal));
			this.pipelines.put(signal.id() + "/" + backend.name(),
					map("receivers", List.of("otlp"), "processors", processors, "exporters", List.of(exporter)));
		}
	}

	private String addExporter(ResolvedBackend backend, Signal signal) {
		if (backend.isConsole()) {
			String name = "debug/" + backend.name();
			this.exporters.put(name, Map.of("verbosity", "detailed"));
			return name;
		}
		boolean sameHeaders = backend.signals()
			.stream()
			.map((exported) -> backend.settings(exported).headers())
			.distinct()
			.count() == 1;
		if (backend.protocol() == Protocol.GRPC) {
			boolean shared = sameHeaders && new LinkedHashSet<>(backend.endpoints().values()).size() == 1;
			String name = "otlp/" + backend.name() + (shared ? "" : "-" + signal.id());
			Map<String, Object> exporter = common(backend, signal);
			URI endpoint = URI.create(backend.endpoint(signal));
			exporter.put("endpoint", endpoint.getHost() + ":" + port(endpoint));
			if ("http".equals(endpoint.getScheme())) {
				exporter.put("tls", Map.of("insecure", true));
			}
			this.exporters.put(name, exporter);
			return name;
		}
		String name = "otlphttp/" + backend.name() + (sameHeaders ? "" : "-" + signal.id());
		Map<String, Object> exporter = common(backend, signal);
		if (backend.compression() == Compression.GZIP) {
			exporter.put("compression_params", Map.of("level", this.gzipLevel));
		}
		backend.endpoints().forEach((endpointSignal, url) -> {
			if (sameHeaders || endpointSignal == signal) {
				exporter.put(endpointSignal.id() + "_endpoint", url);
			}
		});
		this.exporters.put(name, exporter);
		return name;
	}

	private Map<String, Object> common(ResolvedBackend backend, Signal signal) {
		Map<String, Object> exporter = new LinkedHashMap<>();
		exporter.put("compression", backend.compression().id());
		exporter.put("timeout", duration(backend.timeout()));
		Map<String, String> signalHeaders = backend.settings(signal).headers();
		if (!signalHeaders.isEmpty()) {
			Map<String, String> headers = new LinkedHashMap<>();
			signalHeaders.forEach((header, value) -> headers.put(header, value.equals(backend.headers().get(header))
					? placeholder(backend.name(), header) : placeholder(backend.name() + "_" + signal.id(), header)));
			exporter.put("headers", headers);
		}
		ResolvedBackend.Retry retry = backend.retry();
		exporter.put("retry_on_failure",
				retry.enabled()
						? map("enabled", true, "initial_interval", duration(retry.initialBackoff()), "max_interval",
								duration(retry.maxBackoff()), "multiplier", retry.multiplier())
						: Map.of("enabled", false));
		ResolvedBackend.Batch traces = backend.traces().batch();
		exporter.put("sending_queue",
				map("enabled", true, "queue_size", Math.max(1, traces.maxQueueSize() / traces.maxExportBatchSize())));
		return exporter;
	}

	private List<String> processors(ResolvedBackend backend, Signal signal) {
		List<String> names = new ArrayList<>();
		String suffix = backend.name() + "-" + signal.id();
		if (signal == Signal.TRACES) {
			ResolvedBackend.SpanSelection selection = backend.traces().selection();
			if (selection.samplingRatio() < 1.0) {
				add(names, "probabilistic_sampler/" + backend.name(),
						map("mode", "proportional", "sampling_percentage", selection.samplingRatio() * 100));
			}
			if (!selection.dropRules().isEmpty()) {
				add(names, "filter/" + suffix, map("error_mode", "ignore", "traces", Map.of("span",
						selection.dropRules().stream().map(CollectorConfiguration::condition).toList())));
			}
		}
		Severity minSeverity = backend.logs().minSeverity();
		if (signal == Signal.LOGS && minSeverity != Severity.TRACE) {
			add(names, "filter/" + suffix, map("error_mode", "ignore", "logs", Map.of("log_record",
					List.of("severity_number < SEVERITY_NUMBER_" + minSeverity.lowestOpenTelemetrySeverity().name()))));
		}
		if (!backend.redaction().isEmpty()) {
			List<Map<String, Object>> actions = new ArrayList<>();
			backend.redaction()
				.removed()
				.stream()
				.sorted()
				.forEach((key) -> actions.add(map("key", key, "action", "delete")));
			backend.redaction()
				.masked()
				.stream()
				.sorted()
				.forEach((key) -> actions.add(map("key", key, "action", "hash")));
			add(names, "attributes/" + backend.name(), Map.of("actions", actions));
		}
		if (!backend.resourceAttributes().isEmpty()) {
			List<Map<String, Object>> attributes = new ArrayList<>();
			backend.resourceAttributes()
				.forEach((key, value) -> attributes.add(map("key", key, "value", value, "action", "upsert")));
			add(names, "resource/" + backend.name(), Map.of("attributes", attributes));
		}
		if (signal == Signal.METRICS && backend.metrics().temporality() == Temporality.DELTA) {
			add(names, "cumulativetodelta/" + backend.name(), Map.of());
		}
		ResolvedBackend.Batch batch = (signal == Signal.LOGS) ? backend.logs().batch() : backend.traces().batch();
		add(names, "batch/" + suffix, (signal == Signal.METRICS) ? Map.of()
				: map("send_batch_size", batch.maxExportBatchSize(), "timeout", duration(batch.scheduleDelay())));
		return names;
	}

	private void add(List<String> names, String name, Map<String, ?> configuration) {
		this.processors.put(name, configuration);
		names.add(name);
	}

	private static String condition(ResolvedBackend.DropRule rule) {
		List<String> conditions = new ArrayList<>();
		if (rule.name() != null) {
			conditions.add("IsMatch(name, \"" + escape(rule.name().pattern()) + "\")");
		}
		if (rule.attribute() != null) {
			String attribute = "attributes[\"" + escape(rule.attribute()) + "\"]";
			conditions.add((rule.value() != null) ? attribute + " == \"" + escape(rule.value()) + "\""
					: attribute + " != nil");
		}
		return String.join(" and ", conditions);
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private static String placeholder(String prefix, String header) {
		String variable = ("TELEMETRY_" + prefix + "_" + header).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
		return "${env:" + variable + "}";
	}

	private static int port(URI endpoint) {
		if (endpoint.getPort() != -1) {
			return endpoint.getPort();
		}
		return "https".equals(endpoint.getScheme()) ? 443 : 80;
	}

	private static String duration(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	private static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
