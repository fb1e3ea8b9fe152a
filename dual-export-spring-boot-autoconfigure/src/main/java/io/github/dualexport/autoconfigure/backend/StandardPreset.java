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

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.util.StringUtils;

/**
 * A preset described by data: default base URLs, signal paths, accepted protocols and
 * signals, preferred temporality, headers built from the backend's keys, and the keys it
 * requires.
 *
 * @author Dual Export contributors
 */
final class StandardPreset implements BackendPreset {

	private final String type;

	private final Map<Signal, String> httpBases;

	private final String grpcBase;

	private final Map<Signal, String> paths;

	private final Set<Protocol> protocols;

	private final Set<Signal> signals;

	private final Temporality temporality;

	private final List<Function<BackendProperties, Map<String, String>>> headers;

	private final Map<Signal, List<Function<BackendProperties, Map<String, String>>>> signalHeaders;

	private final Map<String, Region> regions;

	private final List<Requirement> requirements;

	private StandardPreset(Builder builder) {
		this.type = builder.type;
		this.httpBases = new EnumMap<>(builder.httpBases);
		this.grpcBase = builder.grpcBase;
		this.paths = new EnumMap<>(builder.paths);
		this.protocols = EnumSet.copyOf(builder.protocols);
		this.signals = builder.signals;
		this.temporality = builder.temporality;
		this.headers = List.copyOf(builder.headers);
		this.signalHeaders = new EnumMap<>(Signal.class);
		builder.signalHeaders.forEach((signal, headers) -> this.signalHeaders.put(signal, List.copyOf(headers)));
		this.regions = new LinkedHashMap<>(builder.regions);
		this.requirements = List.copyOf(builder.requirements);
	}

	static Builder builder(String type) {
		return new Builder(type);
	}

	@Override
	public String type() {
		return this.type;
	}

	@Override
	public Set<Protocol> protocols() {
		return this.protocols;
	}

	@Override
	public Set<Signal> signals() {
		return this.signals;
	}

	@Override
	public Temporality temporality() {
		return this.temporality;
	}

	@Override
	public boolean placesSignalsApart() {
		return new HashSet<>(this.httpBases.values()).size() > 1;
	}

	@Override
	public void validate(BackendContext backend, ConfigurationProblems problems) {
		for (Requirement requirement : this.requirements) {
			if (!StringUtils.hasText(requirement.value().apply(backend.properties()))) {
				problems.add(backend.property(requirement.key()), null,
						"A backend of type '" + this.type + "' needs " + requirement.what(), requirement.action());
			}
		}
		String region = backend.properties().getRegion();
		if (region != null && !this.regions.containsKey(region.trim().toLowerCase(Locale.ROOT))) {
			problems.add(backend.property("region"), region,
					this.regions.isEmpty() ? "Backends of type '" + this.type + "' have no regions"
							: "Unknown region of type '" + this.type + "'",
					this.regions.isEmpty() ? "Remove 'region', or set 'endpoint'" : "Use "
							+ String.join(" or ", this.regions.keySet().stream().map((id) -> "'" + id + "'").toList()));
		}
	}

	@Override
	public String endpoint(BackendContext backend, String base, Signal signal, Protocol protocol) {
		Region region = region(backend);
		if (protocol == Protocol.GRPC) {
			if (base != null) {
				return base;
			}
			return (region != null) ? region.grpcBase() : this.grpcBase;
		}
		String httpBase = (base != null) ? base : (region != null) ? region.httpBase() : this.httpBases.get(signal);
		return (httpBase != null) ? BackendPresets.withPath(httpBase, this.paths.get(signal)) : null;
	}

	private Region region(BackendContext backend) {
		String region = backend.properties().getRegion();
		return (region != null) ? this.regions.get(region.trim().toLowerCase(Locale.ROOT)) : null;
	}

	@Override
	public Map<String, String> headers(BackendContext backend) {
		return apply(this.headers, backend);
	}

	@Override
	public Map<String, String> headers(BackendContext backend, Signal signal) {
		return apply(this.signalHeaders.getOrDefault(signal, List.of()), backend);
	}

	private static Map<String, String> apply(List<Function<BackendProperties, Map<String, String>>> headers,
			BackendContext backend) {
		Map<String, String> values = new LinkedHashMap<>();
		headers.forEach((header) -> values.putAll(header.apply(backend.properties())));
		return values;
	}

	/**
	 * Where a vendor's region receives OTLP.
	 *
	 * @param httpBase the base URL over http/protobuf
	 * @param grpcBase the base URL over gRPC
	 */
	record Region(String httpBase, String grpcBase) {
	}

	/**
	 * A backend key a preset cannot work without.
	 *
	 * @param key the key below the backend, such as 'token'
	 * @param value reads the key
	 * @param what what the key is, for the report
	 * @param action how to fix a missing key
	 */
	record Requirement(String key, Function<BackendProperties, String> value, String what, String action) {
	}

	/**
	 * Builds a {@link StandardPreset}; by default OTLP's ports and paths, every protocol
	 * and signal.
	 */
	static final class Builder {

		private final String type;

		private final Map<Signal, String> httpBases = new EnumMap<>(Signal.class);

		private String grpcBase = "http://localhost:4317";

		private final Map<Signal, String> paths = new EnumMap<>(Signal.class);

		private Set<Protocol> protocols = EnumSet.allOf(Protocol.class);

		private Set<Signal> signals;

		private Temporality temporality;

		private final List<Function<BackendProperties, Map<String, String>>> headers = new ArrayList<>();

		private final Map<Signal, List<Function<BackendProperties, Map<String, String>>>> signalHeaders = new EnumMap<>(
				Signal.class);

		private final Map<String, Region> regions = new LinkedHashMap<>();

		private final List<Requirement> requirements = new ArrayList<>();

		private Builder(String type) {
			this.type = type;
			httpBase("http://localhost:4318");
			for (Signal signal : Signal.values()) {
				this.paths.put(signal, "/v1/" + signal.id());
			}
		}

		Builder httpBase(String base) {
			for (Signal signal : Signal.values()) {
				this.httpBases.put(signal, base);
			}
			return this;
		}

		Builder httpBase(Signal signal, String base) {
			this.httpBases.put(signal, base);
			return this;
		}

		Builder noDefaultEndpoint() {
			this.httpBases.clear();
			this.grpcBase = null;
			return this;
		}

		Builder grpcBase(String base) {
			this.grpcBase = base;
			return this;
		}

		Builder path(Signal signal, String path) {
			this.paths.put(signal, path);
			return this;
		}

		Builder httpOnly() {
			this.protocols = EnumSet.of(Protocol.HTTP_PROTOBUF);
			return this;
		}

		Builder signals(Signal... signals) {
			this.signals = Set.of(signals);
			return this;
		}

		Builder temporality(Temporality temporality) {
			this.temporality = temporality;
			return this;
		}

		Builder header(String name, Function<BackendProperties, String> value) {
			this.headers.add(headerOf(name, value));
			return this;
		}

		Builder header(Signal signal, String name, Function<BackendProperties, String> value) {
			this.signalHeaders.computeIfAbsent(signal, (key) -> new ArrayList<>()).add(headerOf(name, value));
			return this;
		}

		private static Function<BackendProperties, Map<String, String>> headerOf(String name,
				Function<BackendProperties, String> value) {
			return (properties) -> {
				String headerValue = value.apply(properties);
				return StringUtils.hasText(headerValue) ? Map.of(name, headerValue.trim()) : Map.of();
			};
		}

		/**
		 * Add a region, chosen with the backend's 'region' when it sets no 'endpoint'.
		 * @param id the region's name, such as 'eu'
		 * @param httpBase its base URL over http/protobuf
		 * @param grpcBase its base URL over gRPC
		 * @return this builder
		 */
		Builder region(String id, String httpBase, String grpcBase) {
			this.regions.put(id, new Region(httpBase, grpcBase));
			return this;
		}

		Builder requires(String key, Function<BackendProperties, String> value, String what, String action) {
			this.requirements.add(new Requirement(key, value, what, action));
			return this;
		}

		StandardPreset build() {
			return new StandardPreset(this);
		}

	}

}
