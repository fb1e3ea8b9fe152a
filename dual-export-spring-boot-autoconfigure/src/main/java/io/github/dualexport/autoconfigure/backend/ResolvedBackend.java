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

import org.jspecify.annotations.Nullable;

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
 * @param traces the settings of spans: endpoint, headers, batching, selection
 * @param metrics the settings of metrics: endpoint, headers, reader
 * @param logs the settings of log records: endpoint, headers, batching, severity
 * @param retry the retry settings
 * @param redaction the attributes removed or masked before export
 * @param resourceAttributes the resource attributes added to, or replacing those of, the
 * application's resource in this backend's copy
 * @param buffer where export requests wait for the backend
 * @param sslBundle the name of the SSL bundle of the backend's TLS connections, or
 * {@code null} for the JVM's defaults
 * @author Dual Export contributors
 */
public record ResolvedBackend(String name, String type, Protocol protocol, Compression compression, Duration timeout,
		Map<String, String> headers, Set<Signal> signals, Traces traces, Metrics metrics, Logs logs, Retry retry,
		Redaction redaction, Map<String, String> resourceAttributes, Buffer buffer, @Nullable String sslBundle) {

	/**
	 * Create a new instance, taking immutable copies of the collections.
	 */
	public ResolvedBackend {
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		resourceAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(resourceAttributes));
		signals = Collections
			.unmodifiableSet(signals.isEmpty() ? EnumSet.noneOf(Signal.class) : EnumSet.copyOf(signals));
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
	 * Return the settings of one signal.
	 * @param signal the signal
	 * @return its settings
	 */
	public SignalSettings settings(Signal signal) {
		return switch (signal) {
			case TRACES -> this.traces;
			case METRICS -> this.metrics;
			case LOGS -> this.logs;
		};
	}

	/**
	 * Return the endpoint of the given signal.
	 * @param signal the signal
	 * @return the full URL, or {@code null} for a console backend or a signal this
	 * backend does not receive
	 */
	public @Nullable String endpoint(Signal signal) {
		return exports(signal) ? settings(signal).endpoint() : null;
	}

	/**
	 * Return the endpoint of every signal this backend sends to a server.
	 * @return the full URL per signal, in signal order; empty for a console backend
	 */
	public Map<Signal, String> endpoints() {
		Map<Signal, String> endpoints = new EnumMap<>(Signal.class);
		for (Signal signal : this.signals) {
			String endpoint = endpoint(signal);
			if (endpoint != null) {
				endpoints.put(signal, endpoint);
			}
		}
		return Collections.unmodifiableMap(endpoints);
	}

	/**
	 * Return what makes the data of one signal differ from one backend to another before
	 * it is encoded: backends with equal keys share one capture stage.
	 * @param signal the signal
	 * @return the key: the signal's capture settings, the redaction and the resource
	 * attributes
	 */
	public List<Object> captureKey(Signal signal) {
		return List.of(settings(signal).capture(), this.redaction, this.resourceAttributes);
	}

	@Override
	public String toString() {
		return "ResolvedBackend[name=" + this.name + ", type=" + this.type + ", protocol=" + this.protocol
				+ ", compression=" + this.compression + ", timeout=" + this.timeout + ", headers="
				+ Secrets.maskValues(this.headers) + ", signals=" + this.signals + ", traces=" + this.traces
				+ ", metrics=" + this.metrics + ", logs=" + this.logs + ", retry=" + this.retry + ", redaction="
				+ this.redaction + ", resourceAttributes=" + this.resourceAttributes + ", buffer=" + this.buffer
				+ ", sslBundle=" + this.sslBundle + "]";
	}

	/**
	 * The settings of one signal of a backend: where it goes, the headers it carries, and
	 * how it is captured.
	 */
	public sealed interface SignalSettings permits Traces, Metrics, Logs {

		/**
		 * Return the signal.
		 * @return the signal
		 */
		Signal signal();

		/**
		 * Return the endpoint.
		 * @return the full URL, or {@code null} for a console backend
		 */
		@Nullable String endpoint();

		/**
		 * Return the headers sent with each request of this signal.
		 * @return the headers (secret values)
		 */
		Map<String, String> headers();

		/**
		 * Return the settings that shape the data before it is encoded; backends whose
		 * capture settings and redaction are equal share one capture stage.
		 * @return the capture settings
		 */
		Object capture();

		/**
		 * Return the most items a backend's memory buffer holds for this signal.
		 * @return the bound in items, or 0 when only bytes bound it
		 */
		int maxBufferedItems();

	}

	/**
	 * The settings of spans.
	 *
	 * @param endpoint the full endpoint URL, or {@code null} for a console backend
	 * @param headers the headers of each request (secret values)
	 * @param batch the batching of spans
	 * @param selection the sampling and drop rules applied to spans
	 */
	public record Traces(@Nullable String endpoint, Map<String, String> headers, Batch batch,
			SpanSelection selection) implements SignalSettings {

		/**
		 * Create a new instance.
		 */
		public Traces {
			headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		}

		@Override
		public Signal signal() {
			return Signal.TRACES;
		}

		@Override
		public Object capture() {
			return List.of(this.batch, this.selection);
		}

		@Override
		public int maxBufferedItems() {
			return this.batch.maxQueueSize();
		}

		@Override
		public String toString() {
			return "Traces[endpoint=" + this.endpoint + ", headers=" + Secrets.maskValues(this.headers) + ", batch="
					+ this.batch + ", selection=" + this.selection + "]";
		}

	}

	/**
	 * The settings of metrics.
	 *
	 * @param endpoint the full endpoint URL, or {@code null} for a console backend
	 * @param headers the headers of each request (secret values)
	 * @param interval the collection interval
	 * @param temporality the aggregation temporality
	 * @param histogram the aggregation of histograms
	 */
	public record Metrics(@Nullable String endpoint, Map<String, String> headers, Duration interval,
			Temporality temporality, Histogram histogram) implements SignalSettings {

		/**
		 * Create a new instance.
		 */
		public Metrics {
			headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		}

		@Override
		public Signal signal() {
			return Signal.METRICS;
		}

		@Override
		public Object capture() {
			return List.of(this.interval, this.temporality, this.histogram);
		}

		@Override
		public int maxBufferedItems() {
			// A collection's points leave as one request: bound by bytes only
			return 0;
		}

		@Override
		public String toString() {
			return "Metrics[endpoint=" + this.endpoint + ", headers=" + Secrets.maskValues(this.headers) + ", interval="
					+ this.interval + ", temporality=" + this.temporality + ", histogram=" + this.histogram + "]";
		}

	}

	/**
	 * The settings of log records.
	 *
	 * @param endpoint the full endpoint URL, or {@code null} for a console backend
	 * @param headers the headers of each request (secret values)
	 * @param batch the batching of log records
	 * @param minSeverity the lowest severity sent
	 */
	public record Logs(@Nullable String endpoint, Map<String, String> headers, Batch batch,
			Severity minSeverity) implements SignalSettings {

		/**
		 * Create a new instance.
		 */
		public Logs {
			headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		}

		@Override
		public Signal signal() {
			return Signal.LOGS;
		}

		@Override
		public Object capture() {
			return List.of(this.batch, this.minSeverity);
		}

		@Override
		public int maxBufferedItems() {
			return this.batch.maxQueueSize();
		}

		@Override
		public String toString() {
			return "Logs[endpoint=" + this.endpoint + ", headers=" + Secrets.maskValues(this.headers) + ", batch="
					+ this.batch + ", minSeverity=" + this.minSeverity + "]";
		}

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
	public record DropRule(@Nullable Pattern name, @Nullable String attribute, @Nullable String value) {

		// Patterns compare by identity: rules compare by pattern text, so that backends
		// with the same rules share a capture stage
		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof DropRule rule && Objects.equals(patternText(), rule.patternText())
					&& Objects.equals(this.attribute, rule.attribute) && Objects.equals(this.value, rule.value);
		}

		@Override
		public int hashCode() {
			return Objects.hash(patternText(), this.attribute, this.value);
		}

		private @Nullable String patternText() {
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
	 * @param maxAttempts the most times one request is sent before it is given up
	 */
	public record Buffer(boolean disk, long maxBytes, @Nullable Path directory, Duration maxAge, int maxAttempts) {

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
