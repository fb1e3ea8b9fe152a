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

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import io.github.dualexport.autoconfigure.backend.ResolvedBackends;

/**
 * {@link Endpoint @Endpoint} writing the OpenTelemetry Collector configuration that does
 * what the configured backends do, for moving the fan-out to a Collector gateway when one
 * application becomes many.
 *
 * @author Dual Export contributors
 */
@Endpoint(id = "collectorconfig")
public final class CollectorConfigEndpoint {

	private final ResolvedBackends backends;

	private final int gzipLevel;

	/**
	 * Create a new endpoint.
	 * @param backends the resolved backends
	 * @param gzipLevel the level at which requests are compressed
	 */
	public CollectorConfigEndpoint(ResolvedBackends backends, int gzipLevel) {
		this.backends = backends;
		this.gzipLevel = gzipLevel;
	}

	/**
	 * Return the Collector configuration of the enabled backends.
	 * @return the configuration as YAML, secrets as environment placeholders
	 */
	@ReadOperation(produces = "application/yaml")
	public String collectorConfig() {
		return new CollectorConfiguration(this.backends.backends(), this.gzipLevel).toYaml();
	}

}
