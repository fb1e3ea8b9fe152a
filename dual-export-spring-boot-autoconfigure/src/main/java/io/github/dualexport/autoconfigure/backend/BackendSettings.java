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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

/**
 * Settings that {@code telemetry.defaults} gives every backend and that each backend can
 * override. On a backend, a {@code null} value means "inherit".
 *
 * @author Dual Export contributors
 */
public class BackendSettings {

	// Enumerated values stay strings, parsed by BackendResolver: a bad one is reported
	// with its property and fix rather than as Boot's generic binding failure

	/**
	 * Transport: 'http/protobuf' (or 'http', as Spring Boot's 'transport' spells it) or
	 * 'grpc'.
	 */
	private String protocol;

	/**
	 * Compression of export requests: 'gzip' or 'none'.
	 */
	private String compression;

	/**
	 * Maximum time to wait for one export request to complete.
	 */
	private Duration timeout;

	/**
	 * Headers sent with every export request, such as authentication tokens. Values are
	 * treated as secrets and never shown.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Signals exported: any of 'traces', 'metrics', 'logs'.
	 */
	private List<String> signals;

	private final TracesSettings traces = new TracesSettings();

	private final MetricsSettings metrics = new MetricsSettings();

	private final LogsSettings logs = new LogsSettings();

	private final RetrySettings retry = new RetrySettings();

	private final RedactSettings redact = new RedactSettings();

	private final BufferSettings buffer = new BufferSettings();

	private final SslSettings ssl = new SslSettings();

	private final ResourceSettings resource = new ResourceSettings();

	/**
	 * Create settings holding the values inherited by every backend unless configured
	 * otherwise.
	 * @return the built-in defaults
	 */
	static BackendSettings withBuiltInDefaults() {
		BackendSettings settings = new BackendSettings();
		settings.protocol = Protocol.HTTP_PROTOBUF.id();
		settings.compression = Compression.GZIP.id();
		settings.timeout = Duration.ofSeconds(10);
		settings.signals = new ArrayList<>(Arrays.stream(Signal.values()).map(Signal::id).toList());
		settings.traces.applyBuiltInDefaults(2048, 512, Duration.ofSeconds(5), Duration.ofSeconds(30));
		settings.logs.applyBuiltInDefaults(2048, 512, Duration.ofSeconds(1), Duration.ofSeconds(30));
		settings.logs.setMinSeverity(Severity.INFO.id());
		settings.metrics.setInterval(Duration.ofSeconds(60));
		settings.metrics.setTemporality(Temporality.CUMULATIVE.id());
		settings.metrics.setHistogram(Histogram.EXPLICIT.id());
		settings.retry.setEnabled(true);
		settings.retry.setMaxAttempts(5);
		settings.retry.setInitialBackoff(Duration.ofSeconds(1));
		settings.retry.setMaxBackoff(Duration.ofSeconds(5));
		settings.retry.setMultiplier(1.5);
		settings.buffer.setType(BufferType.MEMORY.id());
		settings.buffer.setMaxSize(DataSize.ofMegabytes(32));
		settings.buffer.setMaxAttempts(2880);
		settings.buffer.setMaxAge(Duration.ofHours(24));
		return settings;
	}

	public String getProtocol() {
		return this.protocol;
	}

	public void setProtocol(String protocol) {
		this.protocol = protocol;
	}

	public String getCompression() {
		return this.compression;
	}

	public void setCompression(String compression) {
		this.compression = compression;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public List<String> getSignals() {
		return this.signals;
	}

	public void setSignals(List<String> signals) {
		this.signals = signals;
	}

	public TracesSettings getTraces() {
		return this.traces;
	}

	public MetricsSettings getMetrics() {
		return this.metrics;
	}

	public LogsSettings getLogs() {
		return this.logs;
	}

	public RetrySettings getRetry() {
		return this.retry;
	}

	public RedactSettings getRedact() {
		return this.redact;
	}

	public BufferSettings getBuffer() {
		return this.buffer;
	}

	public SslSettings getSsl() {
		return this.ssl;
	}

	public ResourceSettings getResource() {
		return this.resource;
	}

	@Override
	public String toString() {
		return "protocol=" + this.protocol + ", compression=" + this.compression + ", timeout=" + this.timeout
				+ ", headers=" + Secrets.maskValues(this.headers) + ", signals=" + this.signals + ", traces.headers="
				+ Secrets.maskValues(this.traces.getHeaders()) + ", metrics.headers="
				+ Secrets.maskValues(this.metrics.getHeaders()) + ", logs.headers="
				+ Secrets.maskValues(this.logs.getHeaders()) + ", resource.attributes=" + this.resource.getAttributes();
	}

	/**
	 * Resource attributes of the telemetry one backend receives.
	 */
	public static class ResourceSettings {

		/**
		 * Resource attributes added to, or replacing those of, the application's resource
		 * in this backend's copy only, such as 'deployment.environment.name'. Attributes
		 * of 'telemetry.defaults' apply to every backend, the backend's own winning.
		 */
		private Map<String, String> attributes = new LinkedHashMap<>();

		public Map<String, String> getAttributes() {
			return this.attributes;
		}

		public void setAttributes(Map<String, String> attributes) {
			this.attributes = attributes;
		}

	}

	/**
	 * Where one signal's requests go and the headers they carry, over those of the
	 * backend.
	 */
	public static class SignalTarget {

		/**
		 * URL of this signal's endpoint, instead of the one derived from the backend's
		 * base URL. Used as is when it has a path; a bare 'scheme://host:port' gets the
		 * preset's signal path over http/protobuf. Only meaningful on a backend.
		 */
		private String endpoint;

		/**
		 * Headers sent with this signal's requests only, merged over the backend's
		 * 'headers', such as a dataset that only metrics need. Values are treated as
		 * secrets and never shown.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		public String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(String endpoint) {
			this.endpoint = endpoint;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

	}

	/**
	 * Batching settings of a signal whose items are queued and exported in batches.
	 */
	public static class BatchSettings extends SignalTarget {

		/**
		 * Maximum number of items waiting in this backend's queue; further items are
		 * dropped and counted.
		 */
		private Integer maxQueueSize;

		/**
		 * Maximum number of items sent in one export request.
		 */
		private Integer maxExportBatchSize;

		/**
		 * Delay between two consecutive exports of a partial batch.
		 */
		private Duration scheduleDelay;

		/**
		 * Maximum time one batch export may take before it is cancelled.
		 */
		private Duration exportTimeout;

		void applyBuiltInDefaults(int maxQueueSize, int maxExportBatchSize, Duration scheduleDelay,
				Duration exportTimeout) {
			this.maxQueueSize = maxQueueSize;
			this.maxExportBatchSize = maxExportBatchSize;
			this.scheduleDelay = scheduleDelay;
			this.exportTimeout = exportTimeout;
		}

		public Integer getMaxQueueSize() {
			return this.maxQueueSize;
		}

		public void setMaxQueueSize(Integer maxQueueSize) {
			this.maxQueueSize = maxQueueSize;
		}

		public Integer getMaxExportBatchSize() {
			return this.maxExportBatchSize;
		}

		public void setMaxExportBatchSize(Integer maxExportBatchSize) {
			this.maxExportBatchSize = maxExportBatchSize;
		}

		public Duration getScheduleDelay() {
			return this.scheduleDelay;
		}

		public void setScheduleDelay(Duration scheduleDelay) {
			this.scheduleDelay = scheduleDelay;
		}

		public Duration getExportTimeout() {
			return this.exportTimeout;
		}

		public void setExportTimeout(Duration exportTimeout) {
			this.exportTimeout = exportTimeout;
		}

	}

	/**
	 * Span export settings.
	 */
	public static class TracesSettings extends BatchSettings {

		private final Sampling sampling = new Sampling();

		/**
		 * Rules dropping spans before export to this backend only, such as health-check
		 * spans. A span is dropped when every condition of any rule matches. Rules of
		 * 'telemetry.defaults' apply to every backend, in addition to the backend's own.
		 */
		private List<DropRule> drop = new ArrayList<>();

		public Sampling getSampling() {
			return this.sampling;
		}

		public List<DropRule> getDrop() {
			return this.drop;
		}

		public void setDrop(List<DropRule> drop) {
			this.drop = drop;
		}

	}

	/**
	 * Per-backend sampling of the traces that the application's sampler kept.
	 */
	public static class Sampling {

		/**
		 * Share of traces sent to this backend, from 0 to 1. The decision depends on the
		 * trace id only: every span of a kept trace is kept, and a backend at 0.1 gets a
		 * subset of what a backend at 0.5 gets.
		 */
		private Double ratio;

		public Double getRatio() {
			return this.ratio;
		}

		public void setRatio(Double ratio) {
			this.ratio = ratio;
		}

	}

	/**
	 * A rule dropping the spans it matches.
	 */
	public static class DropRule {

		/**
		 * Regular expression the whole span name must match, such as 'http get
		 * /actuator.*'.
		 */
		private String name;

		/**
		 * Attribute key whose value must equal 'value'.
		 */
		private String attribute;

		/**
		 * Value the attribute must have; with 'attribute' only, the attribute must be
		 * present.
		 */
		private String value;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getAttribute() {
			return this.attribute;
		}

		public void setAttribute(String attribute) {
			this.attribute = attribute;
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

	}

	/**
	 * Attributes removed or masked before export to this backend only; other backends
	 * still receive them. Lists of 'telemetry.defaults' apply to every backend, in
	 * addition to the backend's own.
	 */
	public static class RedactSettings {

		/**
		 * Attribute keys removed from spans, span events, log records and metric points.
		 */
		private List<String> attributes = new ArrayList<>();

		/**
		 * Attribute keys whose values are replaced by a stable hash ('sha256:' and 16 hex
		 * digits), so equal values stay equal without being readable.
		 */
		private List<String> mask = new ArrayList<>();

		public List<String> getAttributes() {
			return this.attributes;
		}

		public void setAttributes(List<String> attributes) {
			this.attributes = attributes;
		}

		public List<String> getMask() {
			return this.mask;
		}

		public void setMask(List<String> mask) {
			this.mask = mask;
		}

	}

	/**
	 * Log export settings.
	 */
	public static class LogsSettings extends BatchSettings {

		/**
		 * Minimum severity of the log records sent to this backend: trace, debug, info,
		 * warn, error or fatal.
		 */
		private String minSeverity;

		public String getMinSeverity() {
			return this.minSeverity;
		}

		public void setMinSeverity(String minSeverity) {
			this.minSeverity = minSeverity;
		}

	}

	/**
	 * Metric export settings.
	 */
	public static class MetricsSettings extends SignalTarget {

		/**
		 * Interval between two metric collections and exports; backends with the same
		 * interval share one collection.
		 */
		private Duration interval;

		/**
		 * Aggregation temporality: 'cumulative', 'delta' or 'low-memory'.
		 */
		private String temporality;

		/**
		 * Histogram aggregation: 'explicit' (bucket boundaries) or 'exponential'.
		 * Backends of one interval share one aggregation: exponential only if all of them
		 * ask for it.
		 */
		private String histogram;

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public String getTemporality() {
			return this.temporality;
		}

		public void setTemporality(String temporality) {
			this.temporality = temporality;
		}

		public String getHistogram() {
			return this.histogram;
		}

		public void setHistogram(String histogram) {
			this.histogram = histogram;
		}

	}

	/**
	 * Retry settings for failed export requests.
	 */
	public static class RetrySettings {

		/**
		 * Whether failed export requests are retried (connection errors, 429, 502, 503,
		 * 504 and their gRPC equivalents).
		 */
		private Boolean enabled;

		/**
		 * Maximum number of attempts per export request, the first included (2 to 5).
		 */
		private Integer maxAttempts;

		/**
		 * Delay before the first retry.
		 */
		private Duration initialBackoff;

		/**
		 * Upper bound of the delay between two attempts.
		 */
		private Duration maxBackoff;

		/**
		 * Factor applied to the delay after each attempt.
		 */
		private Double multiplier;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(Double multiplier) {
			this.multiplier = multiplier;
		}

	}

	/**
	 * Where export requests wait for their backend, per signal.
	 */
	public static class BufferSettings {

		/**
		 * Where requests wait: 'memory', or 'disk' to keep what cannot be sent across
		 * outages and application restarts.
		 */
		private String type;

		/**
		 * Most bytes of encoded requests held per signal; beyond it, memory drops the
		 * newest requests and disk evicts the oldest, and both count the items lost.
		 */
		private DataSize maxSize;

		/**
		 * Directory of the disk buffer, locked by one process at a time; each backend
		 * keeps its requests in its own '<directory>/<backend>/<signal>' folder. Defaults
		 * to '${java.io.tmpdir}/dual-export-buffer/<spring.application.name>'.
		 */
		private String directory;

		/**
		 * Most times one request is sent, each time with the sender's own retries, before
		 * it is given up and counted as failed. A request is sent again only after a
		 * failure the OTLP specification calls retryable: on disk always, in memory when
		 * the backend asked for a delay (Retry-After, RetryInfo).
		 */
		private Integer maxAttempts;

		/**
		 * Age after which a request kept on disk is given up and counted as dropped.
		 */
		private Duration maxAge;

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public String getDirectory() {
			return this.directory;
		}

		public void setDirectory(String directory) {
			this.directory = directory;
		}

		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/**
	 * TLS settings of the connections to a backend.
	 */
	public static class SslSettings {

		/**
		 * Name of the Spring Boot SSL bundle ('spring.ssl.bundle.*') holding the trusted
		 * certificates and, for mutual TLS, the client's key; the JVM's defaults when
		 * unset.
		 */
		private String bundle;

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

	}

}
