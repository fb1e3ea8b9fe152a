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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enabled backends, resolved once at startup.
 *
 * @param backends the enabled backends in configuration order
 * @param disabled the names of the backends configured with {@code enabled: false}
 * @param warnings what the configuration allows but is likely not meant, one sentence
 * each, to log at startup
 * @author Dual Export contributors
 */
public record ResolvedBackends(List<ResolvedBackend> backends, List<String> disabled, List<String> warnings) {

	/**
	 * Create a new instance.
	 */
	public ResolvedBackends {
		backends = List.copyOf(backends);
		disabled = List.copyOf(disabled);
		warnings = List.copyOf(warnings);
	}

	/**
	 * Create a new instance without warnings.
	 * @param backends the enabled backends in configuration order
	 * @param disabled the names of the backends configured with {@code enabled: false}
	 */
	public ResolvedBackends(List<ResolvedBackend> backends, List<String> disabled) {
		this(backends, disabled, List.of());
	}

	/**
	 * Return the backends that receive the given signal.
	 * @param signal the signal
	 * @return the backends, in configuration order
	 */
	public List<ResolvedBackend> exporting(Signal signal) {
		return this.backends.stream().filter((backend) -> backend.exports(signal)).toList();
	}

	/**
	 * Find a backend by name.
	 * @param name the backend name
	 * @return the backend, or empty if it is not configured or disabled
	 */
	public Optional<ResolvedBackend> find(String name) {
		return this.backends.stream().filter((backend) -> backend.name().equals(name)).findFirst();
	}

	/**
	 * Return the endpoints that more than one backend sends the same signal to. Allowed
	 * (each backend sends its own copy) but rarely intended.
	 * @return the names of the backends sharing each endpoint, keyed by signal and
	 * endpoint (user info masked)
	 */
	public Map<String, List<String>> sharedEndpoints() {
		Map<String, List<String>> byEndpoint = new LinkedHashMap<>();
		for (ResolvedBackend backend : this.backends) {
			backend.endpoints()
				.forEach((signal, endpoint) -> byEndpoint
					.computeIfAbsent(signal.id() + " " + Secrets.maskUserInfo(endpoint), (key) -> new ArrayList<>())
					.add(backend.name()));
		}
		byEndpoint.values().removeIf((names) -> names.size() < 2);
		return byEndpoint;
	}

}
