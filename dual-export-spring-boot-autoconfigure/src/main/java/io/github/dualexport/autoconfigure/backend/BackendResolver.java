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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import io.github.dualexport.autoconfigure.backend.BackendSettings.BatchSettings;
import io.github.dualexport.autoconfigure.backend.BackendSettings.DropRule;
import io.github.dualexport.autoconfigure.backend.BackendSettings.LogsSettings;
import io.github.dualexport.autoconfigure.backend.BackendSettings.MetricsSettings;
import io.github.dualexport.autoconfigure.backend.BackendSettings.RedactSettings;
import io.github.dualexport.autoconfigure.backend.BackendSettings.BufferSettings;
import io.github.dualexport.autoconfigure.backend.BackendSettings.RetrySettings;
import io.github.dualexport.autoconfigure.backend.BackendSettings.SignalTarget;
import io.github.dualexport.autoconfigure.backend.BackendSettings.TracesSettings;

/**
 * Resolves {@link TelemetryProperties} once, at startup, into one immutable
 * {@link ResolvedBackend} per enabled backend: the backend's own value first, then its
 * preset's, then {@code telemetry.defaults}. Every invalid value of every backend is
 * reported together in one {@link InvalidTelemetryConfigurationException}.
 *
 * @author Dual Export contributors
 */
public final class BackendResolver {

	private static final String DEFAULTS = "telemetry.defaults.";

	/**
	 * The name that sets the default directory of disk buffers apart when
	 * {@code spring.application.name} is not set.
	 */
	public static final String DEFAULT_APPLICATION_NAME = "application";

	private static final int MIN_ATTEMPTS = 2;

	private static final int MAX_ATTEMPTS = 5;

	private final ConfigurationProblems problems = new ConfigurationProblems();

	private final List<String> warnings = new ArrayList<>();

	private final BackendSettings defaults;

	private final SslBundleCheck sslBundles;

	private final String applicationName;

	private BackendResolver(BackendSettings defaults, SslBundleCheck sslBundles, String applicationName) {
		this.defaults = defaults;
		this.sslBundles = sslBundles;
		this.applicationName = applicationName;
	}

	/**
	 * Resolve the enabled backends of the given properties.
	 * @param properties the bound properties
	 * @return one resolved backend per enabled backend, in configuration order, and the
	 * names of the disabled ones
	 * @throws InvalidTelemetryConfigurationException if any value is invalid
	 */
	public static ResolvedBackends resolve(TelemetryProperties properties) {
		return resolve(properties, SslBundleCheck.NO_BUNDLES);
	}

	/**
	 * Resolve the enabled backends of the given properties, checking the SSL bundles they
	 * name.
	 * @param properties the bound properties
	 * @param sslBundles checks the SSL bundles the backends name
	 * @return one resolved backend per enabled backend, in configuration order, and the
	 * names of the disabled ones
	 * @throws InvalidTelemetryConfigurationException if any value is invalid
	 */
	public static ResolvedBackends resolve(TelemetryProperties properties, SslBundleCheck sslBundles) {
		return resolve(properties, sslBundles, DEFAULT_APPLICATION_NAME);
	}

	/**
	 * Resolve the enabled backends of the given properties, checking the SSL bundles they
	 * name.
	 * @param properties the bound properties
	 * @param sslBundles checks the SSL bundles the backends name
	 * @param applicationName the application's name ({@code spring.application.name}),
	 * which sets the default directory of disk buffers apart from other applications'
	 * @return one resolved backend per enabled backend, in configuration order, and the
	 * names of the disabled ones
	 * @throws InvalidTelemetryConfigurationException if any value is invalid
	 */
	public static ResolvedBackends resolve(TelemetryProperties properties, SslBundleCheck sslBundles,
			String applicationName) {
		BackendResolver resolver = new BackendResolver(properties.getDefaults(), sslBundles, applicationName);
		resolver.validateDefaults();
		resolver.validateGzipLevel(properties.getGzipLevel());
		List<ResolvedBackend> resolved = new ArrayList<>();
		List<String> disabled = new ArrayList<>();
		properties.getBackends().forEach((name, backend) -> {
			if (!resolver.validName(name)) {
				return;
			}
			if (!backend.isEnabled()) {
				disabled.add(name);
				return;
			}
			ResolvedBackend result = resolver.resolveBackend(new BackendContext(name, backend));
			if (result != null) {
				resolved.add(result);
			}
		});
		resolver.problems.throwIfAny();
		return new ResolvedBackends(resolved, disabled, resolver.warnings);
	}

	private void validateGzipLevel(int level) {
		if (level < 1 || level > 9) {
			this.problems.add("telemetry.gzip-level", level, "Not a gzip level",
					"Use 1 (fastest, the default) to 9 (smallest requests)");
		}
	}

	private void validateDefaults() {
		BackendSettings settings = this.defaults;
		protocol(DEFAULTS + "protocol", settings.getProtocol());
		compression(null);
		positive(DEFAULTS + "timeout", settings.getTimeout());
		signals(DEFAULTS + "signals", settings.getSignals());
		for (Signal signal : Signal.values()) {
			String endpoint = signalEndpoint(settings, signal);
			if (endpoint != null) {
				this.problems.add(DEFAULTS + signal.id() + ".endpoint", endpoint,
						"An endpoint cannot be shared by every backend",
						"Move it to 'telemetry.backends.<name>." + signal.id() + ".endpoint'");
			}
		}
		BackendContext none = null;
		batch(none, "traces.", settings.getTraces(), this.defaults.getTraces());
		batch(none, "logs.", settings.getLogs(), this.defaults.getLogs());
		metrics(none, null, null, Map.of());
		logsSeverity(none);
		retry(none);
		spanSelection(none);
		redaction(none);
		buffer(none);
		headerValues(DEFAULTS + "headers.", settings.getHeaders());
		for (Signal signal : Signal.values()) {
			headerValues(DEFAULTS + signal.id() + ".headers.", signalTarget(settings, signal).getHeaders());
		}
	}

	private boolean validName(String name) {
		if (!name.matches("[A-Za-z0-9_-]+")) {
			this.problems.add("telemetry.backends." + name, null,
					"A backend name may hold only letters, digits, '-' and '_'",
					"Rename the backend, such as 'victoria' or 'uptrace-eu'");
			return false;
		}
		return true;
	}

	private ResolvedBackend resolveBackend(BackendContext backend) {
		BackendProperties own = backend.properties();
		BackendPreset preset = BackendPresets.find(own.getType()).orElse(null);
		if (preset == null) {
			this.problems.add(backend.property("type"), own.getType(), "Unknown backend type",
					"Use one of " + BackendPresets.types());
			return null;
		}
		preset.validate(backend, this.problems);
		Protocol protocol = protocol(backend, preset);
		Compression compression = compression(backend);
		Duration timeout = positive(choose(backend, "timeout", own.getTimeout(), this.defaults.getTimeout()));
		Set<Signal> signals = choose(backend, "signals", own.getSignals(), preset.signals(), this.defaults.getSignals(),
				this::signals);
		Map<String, String> headers = new LinkedHashMap<>(this.defaults.getHeaders());
		headers.putAll(preset.headers(backend));
		headers.putAll(own.getHeaders());
		Map<Signal, String> endpoints = endpoints(backend, preset, protocol, signals);
		ResolvedBackend.Traces traces = new ResolvedBackend.Traces(endpoints.get(Signal.TRACES),
				signalHeaders(backend, preset, Signal.TRACES, headers),
				batch(backend, "traces.", own.getTraces(), this.defaults.getTraces()), spanSelection(backend));
		ResolvedBackend.Metrics metrics = metrics(backend, preset, endpoints.get(Signal.METRICS),
				signalHeaders(backend, preset, Signal.METRICS, headers));
		ResolvedBackend.Logs logs = new ResolvedBackend.Logs(endpoints.get(Signal.LOGS),
				signalHeaders(backend, preset, Signal.LOGS, headers),
				batch(backend, "logs.", own.getLogs(), this.defaults.getLogs()), logsSeverity(backend));
		ResolvedBackend.Retry retry = retry(backend);
		ResolvedBackend.Redaction redaction = redaction(backend);
		Map<String, String> resourceAttributes = resourceAttributes(backend);
		ResolvedBackend.Buffer buffer = buffer(backend);
		String sslBundle = sslBundle(
				choose(backend, "ssl.bundle", own.getSsl().getBundle(), this.defaults.getSsl().getBundle()));
		headerValues(backend.property("headers."), own.getHeaders());
		for (Signal signal : Signal.values()) {
			headerValues(backend.property(signal.id() + ".headers."), signalTarget(own, signal).getHeaders());
		}
		headerValues(backend.property(""), headerKeys(own));
		sslEndpoints(backend, sslBundle, endpoints);
		if (!this.problems.isEmpty()) {
			return null;
		}
		return new ResolvedBackend(backend.name(), preset.type(), protocol, compression, timeout, headers, signals,
				traces, metrics, logs, retry, redaction, resourceAttributes, buffer, sslBundle);
	}

	// The backend's headers, then the preset's for the signal, then the signal's own
	// from the defaults and from the backend
	private Map<String, String> signalHeaders(BackendContext backend, BackendPreset preset, Signal signal,
			Map<String, String> backendHeaders) {
		Map<String, String> headers = new LinkedHashMap<>(backendHeaders);
		headers.putAll(preset.headers(backend, signal));
		headers.putAll(signalTarget(this.defaults, signal).getHeaders());
		headers.putAll(signalTarget(backend.properties(), signal).getHeaders());
		return headers;
	}

	private Map<String, String> resourceAttributes(BackendContext backend) {
		Map<String, String> attributes = new LinkedHashMap<>(this.defaults.getResource().getAttributes());
		attributes.putAll(backend.properties().getResource().getAttributes());
		attributes.forEach((key, value) -> {
			if (!StringUtils.hasText(key) || value == null) {
				this.problems.add(backend.property("resource.attributes." + key), value,
						"A resource attribute needs a key and a value", "Remove the entry, or give it a value");
			}
		});
		return attributes;
	}

	private Protocol protocol(BackendContext backend, BackendPreset preset) {
		Setting<String> setting = choose(backend, "protocol", backend.properties().getProtocol(),
				this.defaults.getProtocol());
		Protocol protocol = protocol(setting.property(), setting.value());
		if (protocol == null || !preset.usesEndpoints() || preset.protocols().contains(protocol)) {
			return protocol;
		}
		this.problems.add(setting.property(), setting.value(),
				"Backends of type '" + preset.type() + "' accept only " + preset.protocols(),
				"Set 'telemetry.backends." + backend.name() + ".protocol' to one of " + preset.protocols());
		return null;
	}

	private Map<Signal, String> endpoints(BackendContext backend, BackendPreset preset, Protocol protocol,
			Set<Signal> signals) {
		Map<Signal, String> endpoints = new EnumMap<>(Signal.class);
		if (!preset.usesEndpoints() || signals == null || protocol == null) {
			return endpoints;
		}
		String base = backend.properties().getEndpoint();
		boolean baseValid = base == null || url(backend.property("endpoint"), base) != null;
		List<Signal> onBase = new ArrayList<>();
		for (Signal signal : signals) {
			String explicit = signalEndpoint(backend.properties(), signal);
			if (explicit != null) {
				String valid = url(backend.property(signal.id() + ".endpoint"), explicit);
				if (valid != null) {
					endpoints.put(signal, (protocol == Protocol.HTTP_PROTOBUF && EndpointValidation.hasNoPath(valid))
							? preset.endpoint(backend, valid, signal, protocol) : valid);
				}
			}
			else if (baseValid && this.problems.isEmpty()) {
				endpoints.put(signal, preset.endpoint(backend, (base != null) ? base.trim() : null, signal, protocol));
				onBase.add(signal);
			}
		}
		if (base != null && onBase.size() > 1 && preset.placesSignalsApart()) {
			warnOneEndpointForSeveralPrograms(backend, preset, onBase);
		}
		return endpoints;
	}

	// A proxy routing by path may legitimately sit behind one base URL: warn rather than
	// fail
	private void warnOneEndpointForSeveralPrograms(BackendContext backend, BackendPreset preset, List<Signal> signals) {
		List<String> names = signals.stream().map(Signal::id).toList();
		String listed = String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
		List<String> properties = signals.stream()
			.map((signal) -> backend.property(signal.id() + ".endpoint"))
			.toList();
		this.warnings.add("Backend '" + backend.name() + "' sends " + listed + " to one endpoint ("
				+ Secrets.maskUserInfo(backend.properties().getEndpoint().trim()) + "), though '" + preset.type()
				+ "' receives them on different ports. Unless a proxy routes them by path, set "
				+ String.join(", ", properties) + " instead of telemetry.backends." + backend.name() + ".endpoint");
	}

	private static String signalEndpoint(BackendSettings settings, Signal signal) {
		return signalTarget(settings, signal).getEndpoint();
	}

	private static SignalTarget signalTarget(BackendSettings settings, Signal signal) {
		return switch (signal) {
			case TRACES -> settings.getTraces();
			case METRICS -> settings.getMetrics();
			case LOGS -> settings.getLogs();
		};
	}

	private ResolvedBackend.Batch batch(BackendContext backend, String prefix, BatchSettings own,
			BatchSettings inherited) {
		Integer queue = positiveSize(
				choose(backend, prefix + "max-queue-size", own.getMaxQueueSize(), inherited.getMaxQueueSize()));
		Setting<Integer> batchSize = choose(backend, prefix + "max-export-batch-size", own.getMaxExportBatchSize(),
				inherited.getMaxExportBatchSize());
		Integer batch = positiveSize(batchSize);
		if (queue != null && batch != null && batch > queue) {
			this.problems.add(batchSize.property(), batch,
					"The export batch cannot be larger than the queue (" + queue + ")",
					"Lower it, or raise '" + prefix + "max-queue-size'");
		}
		Duration delay = positive(
				choose(backend, prefix + "schedule-delay", own.getScheduleDelay(), inherited.getScheduleDelay()));
		Duration exportTimeout = positive(
				choose(backend, prefix + "export-timeout", own.getExportTimeout(), inherited.getExportTimeout()));
		return (queue != null && batch != null && delay != null && exportTimeout != null)
				? new ResolvedBackend.Batch(queue, batch, delay, exportTimeout) : null;
	}

	private ResolvedBackend.Metrics metrics(BackendContext backend, BackendPreset preset, String endpoint,
			Map<String, String> headers) {
		MetricsSettings own = (backend != null) ? backend.properties().getMetrics() : this.defaults.getMetrics();
		MetricsSettings inherited = this.defaults.getMetrics();
		Duration interval = positive(choose(backend, "metrics.interval", own.getInterval(), inherited.getInterval()));
		Temporality temporality = choose(backend, "metrics.temporality", own.getTemporality(),
				presetValue(preset, BackendPreset::temporality), inherited.getTemporality(),
				(setting) -> oneOf(setting, Temporality.values(), Temporality::fromId));
		Histogram histogram = choose(backend, "metrics.histogram", own.getHistogram(),
				presetValue(preset, BackendPreset::histogram), inherited.getHistogram(),
				(setting) -> oneOf(setting, Histogram.values(), Histogram::fromId));
		return new ResolvedBackend.Metrics(endpoint, headers, interval, temporality, histogram);
	}

	private Compression compression(BackendContext backend) {
		String own = (backend != null) ? backend.properties().getCompression() : this.defaults.getCompression();
		return oneOf(choose(backend, "compression", own, this.defaults.getCompression()), Compression.values(),
				Compression::fromId);
	}

	private Severity logsSeverity(BackendContext backend) {
		LogsSettings own = (backend != null) ? backend.properties().getLogs() : this.defaults.getLogs();
		return oneOf(
				choose(backend, "logs.min-severity", own.getMinSeverity(), this.defaults.getLogs().getMinSeverity()),
				Severity.values(), Severity::fromId);
	}

	private ResolvedBackend.Retry retry(BackendContext backend) {
		RetrySettings own = (backend != null) ? backend.properties().getRetry() : this.defaults.getRetry();
		RetrySettings inherited = this.defaults.getRetry();
		boolean enabled = choose(backend, "retry.enabled", own.getEnabled(), inherited.getEnabled()).value();
		Setting<Integer> attempts = choose(backend, "retry.max-attempts", own.getMaxAttempts(),
				inherited.getMaxAttempts());
		Duration initial = positive(
				choose(backend, "retry.initial-backoff", own.getInitialBackoff(), inherited.getInitialBackoff()));
		Duration max = positive(choose(backend, "retry.max-backoff", own.getMaxBackoff(), inherited.getMaxBackoff()));
		Setting<Double> multiplier = choose(backend, "retry.multiplier", own.getMultiplier(),
				inherited.getMultiplier());
		if (!enabled) {
			return new ResolvedBackend.Retry(false, attempts.value(), initial, max, multiplier.value());
		}
		if (attempts.value() < MIN_ATTEMPTS || attempts.value() > MAX_ATTEMPTS) {
			this.problems.add(attempts.property(), attempts.value(),
					"The OTLP exporters make between " + MIN_ATTEMPTS + " and " + MAX_ATTEMPTS
							+ " attempts per request",
					"Use a value from " + MIN_ATTEMPTS + " to " + MAX_ATTEMPTS + ", or set 'retry.enabled' to false");
		}
		if (multiplier.value() < 1.0) {
			this.problems.add(multiplier.property(), multiplier.value(),
					"A multiplier below 1 would shrink the delay between attempts", "Use a value of 1 or more");
		}
		return new ResolvedBackend.Retry(enabled, attempts.value(), initial, max, multiplier.value());
	}

	private String sslBundle(Setting<String> bundle) {
		if (!StringUtils.hasText(bundle.value())) {
			return null;
		}
		String name = bundle.value().trim();
		SslBundleCheck.Problem problem = this.sslBundles.check(name);
		if (problem != null) {
			this.problems.add(bundle.property(), name, problem.reason(), problem.action());
		}
		return name;
	}

	// The keys whose values presets send as headers
	private static Map<String, String> headerKeys(BackendProperties properties) {
		Map<String, String> keys = new LinkedHashMap<>(Secrets.secretKeys(properties));
		keys.put("instance-id", properties.getInstanceId());
		keys.put("tenant", properties.getTenant());
		keys.put("dataset", properties.getDataset());
		keys.values().removeIf(Objects::isNull);
		return keys;
	}

	// An HTTP client refuses such a value, quoting it in its error: refuse it first,
	// masked when it is a secret
	private void headerValues(String prefix, Map<String, String> values) {
		values.forEach((key, value) -> {
			if (value != null && !value.chars().allMatch((c) -> c == '\t' || (c >= 0x20 && c <= 0x7e))) {
				this.problems.add(prefix + key, Secrets.isSecretProperty(prefix + key) ? Secrets.MASK : value,
						"Holds a character a header value cannot carry (a control character, a line break or a"
								+ " non-ASCII character)",
						"Remove it, for example the line break at the end of a value read from a file");
			}
		});
	}

	private void sslEndpoints(BackendContext backend, String sslBundle, Map<Signal, String> endpoints) {
		if (!StringUtils.hasText(sslBundle)) {
			return;
		}
		endpoints.forEach((signal, endpoint) -> {
			if (!endpoint.regionMatches(true, 0, "https:", 0, 6)) {
				this.problems.add(backend.property("ssl.bundle"), sslBundle,
						"An SSL bundle secures https endpoints, but " + signal.id() + " goes to " + endpoint,
						"Use https:// endpoints, or remove 'ssl.bundle'");
			}
		});
	}

	private ResolvedBackend.Buffer buffer(BackendContext backend) {
		BufferSettings inherited = this.defaults.getBuffer();
		BufferSettings own = (backend != null) ? backend.properties().getBuffer() : inherited;
		BufferType type = oneOf(choose(backend, "buffer.type", own.getType(), inherited.getType()), BufferType.values(),
				BufferType::fromId);
		Setting<DataSize> maxSize = choose(backend, "buffer.max-size", own.getMaxSize(), inherited.getMaxSize());
		if (maxSize.value().toBytes() <= 0) {
			this.problems.add(maxSize.property(), maxSize.value(), "Must be greater than zero",
					"Use a size such as '32MB'");
		}
		Duration maxAge = positive(choose(backend, "buffer.max-age", own.getMaxAge(), inherited.getMaxAge()));
		Setting<Integer> maxAttempts = choose(backend, "buffer.max-attempts", own.getMaxAttempts(),
				inherited.getMaxAttempts());
		if (maxAttempts.value() == null || maxAttempts.value() < 1) {
			this.problems.add(maxAttempts.property(), maxAttempts.value(), "Must be at least 1",
					"Use the number of times one request may be sent, such as 2880");
		}
		int attempts = (maxAttempts.value() != null) ? Math.max(1, maxAttempts.value()) : 1;
		Setting<String> directory = choose(backend, "buffer.directory", own.getDirectory(), inherited.getDirectory());
		if (backend == null || type != BufferType.DISK) {
			return new ResolvedBackend.Buffer(false, maxSize.value().toBytes(), null, maxAge, attempts);
		}
		Path backendDirectory = writableDirectory(directory, backend.name());
		return new ResolvedBackend.Buffer(true, maxSize.value().toBytes(), backendDirectory, maxAge, attempts);
	}

	private Path writableDirectory(Setting<String> directory, String backend) {
		if (directory.value() == null) {
			// Apart from other applications' on the same host; instances of one
			// application are kept apart by the lock of each directory
			return writableDirectory(new Setting<>(directory.property(),
					Path.of(System.getProperty("java.io.tmpdir"), "dual-export-buffer", this.applicationName)
						.toString()),
					backend);
		}
		if (!StringUtils.hasText(directory.value())) {
			this.problems.add(directory.property(), directory.value(), "A disk buffer needs a directory",
					"Set it to a writable directory, such as '/var/lib/myapp/telemetry'");
			return null;
		}
		try {
			Path path = Path.of(directory.value().trim()).resolve(backend).toAbsolutePath();
			Files.createDirectories(path);
			if (!Files.isWritable(path)) {
				throw new IOException(path + " is not writable");
			}
			return path;
		}
		catch (IOException | InvalidPathException ex) {
			this.problems.add(directory.property(), directory.value(),
					"The disk buffer's directory cannot be written (" + ex.getClass().getSimpleName() + ")",
					"Point it at a directory the application may create and write, or use 'buffer.type: memory'");
			return null;
		}
	}

	private ResolvedBackend.SpanSelection spanSelection(BackendContext backend) {
		TracesSettings inherited = this.defaults.getTraces();
		TracesSettings own = (backend != null) ? backend.properties().getTraces() : inherited;
		Setting<Double> ratio = choose(backend, "traces.sampling.ratio", own.getSampling().getRatio(),
				inherited.getSampling().getRatio());
		double samplingRatio = (ratio.value() != null) ? ratio.value() : 1.0;
		if (samplingRatio < 0 || samplingRatio > 1) {
			this.problems.add(ratio.property(), ratio.value(), "A sampling ratio is a share of traces",
					"Use a value from 0 to 1, such as 0.1");
		}
		List<ResolvedBackend.DropRule> rules = new ArrayList<>(dropRules(DEFAULTS + "traces.drop", inherited));
		if (backend != null) {
			rules.addAll(dropRules(backend.property("traces.drop"), own));
		}
		return new ResolvedBackend.SpanSelection(samplingRatio, rules);
	}

	private List<ResolvedBackend.DropRule> dropRules(String property, TracesSettings settings) {
		List<ResolvedBackend.DropRule> rules = new ArrayList<>();
		for (int i = 0; i < settings.getDrop().size(); i++) {
			DropRule rule = settings.getDrop().get(i);
			String prefix = property + "[" + i + "].";
			boolean hasAttribute = StringUtils.hasText(rule.getAttribute());
			if (rule.getValue() != null && !hasAttribute) {
				this.problems.add(prefix + "value", rule.getValue(), "A value needs the attribute it belongs to",
						"Set '" + prefix + "attribute'");
				continue;
			}
			if (!StringUtils.hasText(rule.getName()) && !hasAttribute) {
				this.problems.add(property + "[" + i + "]", null, "A drop rule matches nothing without a condition",
						"Set 'name' (a regular expression), 'attribute', or both");
				continue;
			}
			try {
				Pattern name = StringUtils.hasText(rule.getName()) ? Pattern.compile(rule.getName()) : null;
				rules.add(new ResolvedBackend.DropRule(name, hasAttribute ? rule.getAttribute().trim() : null,
						rule.getValue()));
			}
			catch (PatternSyntaxException ex) {
				this.problems.add(prefix + "name", rule.getName(), "Not a regular expression: " + ex.getDescription(),
						"Use a Java regular expression, such as 'http get /actuator.*'");
			}
		}
		return rules;
	}

	private ResolvedBackend.Redaction redaction(BackendContext backend) {
		RedactSettings inherited = this.defaults.getRedact();
		Set<String> removed = new LinkedHashSet<>(
				attributeKeys(DEFAULTS + "redact.attributes", inherited.getAttributes()));
		Set<String> masked = new LinkedHashSet<>(attributeKeys(DEFAULTS + "redact.mask", inherited.getMask()));
		if (backend != null) {
			RedactSettings own = backend.properties().getRedact();
			removed.addAll(attributeKeys(backend.property("redact.attributes"), own.getAttributes()));
			masked.addAll(attributeKeys(backend.property("redact.mask"), own.getMask()));
		}
		return new ResolvedBackend.Redaction(removed, masked);
	}

	private List<String> attributeKeys(String property, List<String> keys) {
		List<String> valid = new ArrayList<>();
		for (String key : keys) {
			if (key == null || key.isBlank()) {
				this.problems.add(property, key, "An attribute key cannot be blank", "Remove the empty entry");
			}
			else {
				valid.add(key.trim());
			}
		}
		return valid;
	}

	private static <T> T presetValue(BackendPreset preset, Function<BackendPreset, T> value) {
		return (preset != null) ? value.apply(preset) : null;
	}

	private <T> Setting<T> choose(BackendContext backend, String key, T own, T inherited) {
		if (backend == null) {
			return new Setting<>(DEFAULTS + key, own);
		}
		if (own != null) {
			return new Setting<>(backend.property(key), own);
		}
		return new Setting<>(DEFAULTS + key, inherited);
	}

	// A preset's value is typed already; a configured one is parsed and reported if
	// invalid
	private <C, T> T choose(BackendContext backend, String key, C own, T fromPreset, C inherited,
			Function<Setting<C>, T> parse) {
		if (backend != null && own == null && fromPreset != null) {
			return fromPreset;
		}
		return parse.apply(choose(backend, key, own, inherited));
	}

	private Protocol protocol(String property, String value) {
		Protocol protocol = Protocol.fromId(value).orElse(null);
		if (protocol == null) {
			this.problems.add(property, value, "Unknown protocol", "Use 'http/protobuf' (or 'http') or 'grpc'");
		}
		return protocol;
	}

	private <E extends Enum<E>> E oneOf(Setting<String> setting, E[] values, Function<String, Optional<E>> fromId) {
		E value = fromId.apply(setting.value()).orElse(null);
		if (value == null) {
			this.problems.add(setting.property(), setting.value(), "Unknown value", "Use one of " + sortedIds(values));
		}
		return value;
	}

	private Set<Signal> signals(Setting<List<String>> setting) {
		return signals(setting.property(), setting.value());
	}

	private Set<Signal> signals(String property, List<String> names) {
		Set<Signal> signals = EnumSet.noneOf(Signal.class);
		if (names.isEmpty()) {
			this.problems.add(property, "", "At least one signal is needed",
					"List any of 'traces', 'metrics', 'logs', or set the backend's 'enabled' to false");
		}
		for (String name : names) {
			Signal.fromId(name)
				.ifPresentOrElse(signals::add, () -> this.problems.add(property, name, "Unknown signal",
						"Use any of 'traces', 'metrics', 'logs'"));
		}
		return signals;
	}

	private Integer positiveSize(Setting<Integer> setting) {
		if (setting.value() <= 0) {
			this.problems.add(setting.property(), setting.value(), "Must be greater than zero",
					"Use a positive number");
			return null;
		}
		return setting.value();
	}

	private Duration positive(Setting<Duration> setting) {
		return positive(setting.property(), setting.value());
	}

	private Duration positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			this.problems.add(property, value, "Must be a positive duration", "Use a duration such as '5s'");
			return null;
		}
		return value;
	}

	private String url(String property, String value) {
		if (!EndpointValidation.isAbsoluteHttpUrl(value)) {
			this.problems.add(property, value, "Not an absolute http(s) URL",
					"Use a URL such as 'http://localhost:4318'");
			return null;
		}
		return value.trim();
	}

	// Every enumerated setting's toString() is its id
	private static List<String> sortedIds(Enum<?>[] values) {
		return Arrays.stream(values).map(Object::toString).sorted().toList();
	}

	private record Setting<T>(String property, T value) {
	}

}
