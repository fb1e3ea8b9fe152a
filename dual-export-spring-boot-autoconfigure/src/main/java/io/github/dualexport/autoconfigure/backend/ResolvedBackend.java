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
package io.github.dualexport.autoconfigure.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One backend's configuration after its preset and {@code telemetry.defaults} were
 * applied and every value was validated. Immutable; nothing downstream reads the raw
 * properties.
 *
 * @param name the backend name, the key under {@code telemetry.backends}
 * @param type the preset name, such as 'victoria'
 * @param protocol the transport
 * @param compression the compression of requests
 * @param timeout the timeout of one export request
 * @param headers the headers sent with every request (secret values)
 * @param signals the signals this backend receives
 * @param endpoints the full endpoint URL per signal; empty for a console backend
 * @param traces the span batching settings
 * @param metrics the metric reader settings
 * @param logs the log record batching settings
 * @param retry the retry settings
 * @param spanSelection the sampling and drop rules applied to spans
 * @param redaction the attributes removed or masked before export
 * @param buffer where export requests wait for the backend
 * @param sslBundle the name of the SSL bundle of the backend's TLS connections, or
 * {@code null} for the JVM's defaults
 * @author Dual Export contributors
 */
public record ResolvedBackend(String name, String type, Protocol protocol, Compression compression, Duration timeout,
		Map<String, String> headers, Set<Signal> signals, Map<Signal, String> endpoints, Batch traces, Metrics metrics,
		Logs logs, Retry retry, SpanSelection spanSelection, Redaction redaction, Buffer buffer, String sslBundle) {

	/**
	 * Create a new instance, taking immutable copies of the collections.
	 */
	public ResolvedBackend {
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		signals = Collections
			.unmodifiableSet(signals.isEmpty() ? EnumSet.noneOf(Signal.class) : EnumSet.copyOf(signals));
		endpoints = Collections
			.unmodifiableMap(endpoints.isEmpty() ? new EnumMap<>(Signal.class) : new EnumMap<>(endpoints));
	}

	/**
	 * Return whether this backend receives the given signal.
	 * @param signal the signal
	 * @return whether it is exported to this backend
	 */
	public boolean exports(Signal signal) {
		return this.signals.contains(signal);
	}

	/**
	 * Return whether this backend writes OTLP-JSON lines to standard output instead of
	 * sending requests.
	 * @return whether it is a console backend
	 */
	public boolean isConsole() {
		return BackendPresets.CONSOLE.equals(this.type);
	}

	/**
	 * Return the endpoint of the given signal.
	 * @param signal the signal
	 * @return the full URL, or {@code null} for a console backend
	 */
	public String endpoint(Signal signal) {
		return this.endpoints.get(signal);
	}

	@Override
	public String toString() {
		return "ResolvedBackend[name=" + this.name + ", type=" + this.type + ", protocol=" + this.protocol
				+ ", compression=" + this.compression + ", timeout=" + this.timeout + ", headers="
				+ Secrets.maskValues(this.headers) + ", signals=" + this.signals + ", endpoints=" + this.endpoints
				+ ", traces=" + this.traces + ", metrics=" + this.metrics + ", logs=" + this.logs + ", retry="
				+ this.retry + ", spanSelection=" + this.spanSelection + ", redaction=" + this.redaction + ", buffer="
				+ this.buffer + ", sslBundle=" + this.sslBundle + "]";
	}

	/**
	 * Batching of a queued signal.
	 *
	 * @param maxQueueSize the queue capacity in items
	 * @param maxExportBatchSize the maximum items per request
	 * @param scheduleDelay the delay between exports of partial batches
	 * @param exportTimeout the maximum time of one batch export
	 */
	public record Batch(int maxQueueSize, int maxExportBatchSize, Duration scheduleDelay, Duration exportTimeout) {
	}

	/**
	 * Metric reader settings.
	 *
	 * @param interval the collection interval
	 * @param temporality the aggregation temporality
	 * @param histogram the aggregation of histograms
	 */
	public record Metrics(Duration interval, Temporality temporality, Histogram histogram) {
	}

	/**
	 * Log record settings.
	 *
	 * @param batch the batching settings
	 * @param minSeverity the lowest severity sent
	 */
	public record Logs(Batch batch, Severity minSeverity) {
	}

	/**
	 * Retry of failed export requests.
	 *
	 * @param enabled whether requests are retried
	 * @param maxAttempts the attempts per request, the first included
	 * @param initialBackoff the delay before the first retry
	 * @param maxBackoff the upper bound of the delay
	 * @param multiplier the growth factor of the delay
	 */
	public record Retry(boolean enabled, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
			double multiplier) {
	}

	/**
	 * Which spans this backend receives among those the application's sampler kept.
	 *
	 * @param samplingRatio the share of traces kept, from 0 to 1, decided from the trace
	 * id alone
	 * @param dropRules the rules dropping matching spans
	 */
	public record SpanSelection(double samplingRatio, List<DropRule> dropRules) {

		/**
		 * Keeps every span.
		 */
		public static final SpanSelection ALL = new SpanSelection(1.0, List.of());

		/**
		 * Create a new instance.
		 */
		public SpanSelection {
			dropRules = List.copyOf(dropRules);
		}

		/**
		 * Return whether every span is kept.
		 * @return whether the selection keeps everything
		 */
		public boolean keepsAll() {
			return this.samplingRatio >= 1.0 && this.dropRules.isEmpty();
		}

	}

	/**
	 * A rule dropping the spans whose every given condition matches.
	 *
	 * @param name the pattern the whole span name must match, or {@code null}
	 * @param attribute the attribute that must be present, or {@code null}
	 * @param value the value the attribute must have, or {@code null} for any
	 */
	public record DropRule(Pattern name, String attribute, String value) {

		// Patterns compare by identity: rules compare by pattern text, so that backends
		// with the same rules share a capture stage
		@Override
		public boolean equals(Object other) {
			return other instanceof DropRule rule && Objects.equals(patternText(), rule.patternText())
					&& Objects.equals(this.attribute, rule.attribute) && Objects.equals(this.value, rule.value);
		}

		@Override
		public int hashCode() {
			return Objects.hash(patternText(), this.attribute, this.value);
		}

		private String patternText() {
			return (this.name != null) ? this.name.pattern() : null;
		}

		@Override
		public String toString() {
			return "DropRule[name=" + ((this.name != null) ? this.name.pattern() : null) + ", attribute="
					+ this.attribute + ", value=" + this.value + "]";
		}

	}

	/**
	 * Attributes removed or masked before export to this backend only.
	 *
	 * @param removed the attribute keys removed
	 * @param masked the attribute keys whose values are replaced by a hash
	 */
	public record Redaction(Set<String> removed, Set<String> masked) {

		/**
		 * Removes and masks nothing.
		 */
		public static final Redaction NONE = new Redaction(Set.of(), Set.of());

		/**
		 * Create a new instance.
		 */
		public Redaction {
			removed = Set.copyOf(removed);
			masked = Set.copyOf(masked);
		}

		/**
		 * Return whether nothing is removed or masked.
		 * @return whether the redaction is empty
		 */
		public boolean isEmpty() {
			return this.removed.isEmpty() && this.masked.isEmpty();
		}

	}

	/**
	 * Where a backend's export requests wait, per signal.
	 *
	 * @param disk whether they wait on disk, surviving outages and restarts
	 * @param maxBytes the most bytes held per signal
	 * @param directory the backend's own directory of the disk buffer, or {@code null} in
	 * memory
	 * @param maxAge the age after which a request kept on disk is given up
	 */
	public record Buffer(boolean disk, long maxBytes, Path directory, Duration maxAge) {

		/**
		 * Return the directory of one signal's requests.
		 * @param signal the signal
		 * @return the directory
		 */
		public Path directory(Signal signal) {
			return this.directory.resolve(signal.id());
		}

	}

}
