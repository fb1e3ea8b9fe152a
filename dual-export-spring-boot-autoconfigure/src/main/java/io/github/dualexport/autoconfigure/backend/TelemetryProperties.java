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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for exporting telemetry to several OpenTelemetry backends.
 *
 * @author Dual Export contributors
 */
@ConfigurationProperties("telemetry")
public class TelemetryProperties {

	/**
	 * Whether to export telemetry to the configured backends.
	 */
	private boolean enabled = true;

	/**
	 * Settings inherited by every backend; each one can be overridden per backend.
	 */
	@NestedConfigurationProperty
	private final BackendSettings defaults = BackendSettings.withBuiltInDefaults();

	/**
	 * Backends to export to, keyed by a name used in health, metrics, the actuator
	 * endpoint and logs. Each backend takes the keys of 'telemetry.defaults' plus 'type'
	 * (otlp, victoria, uptrace, console, collector, tempo, loki, mimir, jaeger,
	 * grafana-cloud, honeycomb, newrelic, signoz, elastic), 'enabled', 'endpoint' (base
	 * URL), and the preset keys 'dsn', 'token', 'instance-id', 'tenant', 'dataset' and
	 * 'region'.
	 */
	private final Map<String, BackendProperties> backends = new LinkedHashMap<>();

	/**
	 * Level of gzip compression for the backends with 'compression: gzip', from 1
	 * (fastest) to 9 (smallest). One level for all of them: each request is compressed
	 * once and the same bytes go to every backend. Level 1 takes about half the CPU of
	 * zlib's default (6) for requests about 4 % larger.
	 */
	private int gzipLevel = 1;

	private final Health health = new Health();

	private final Shutdown shutdown = new Shutdown();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public BackendSettings getDefaults() {
		return this.defaults;
	}

	public Map<String, BackendProperties> getBackends() {
		return this.backends;
	}

	public int getGzipLevel() {
		return this.gzipLevel;
	}

	public void setGzipLevel(int gzipLevel) {
		this.gzipLevel = gzipLevel;
	}

	public Health getHealth() {
		return this.health;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	/**
	 * Health settings.
	 */
	public static class Health {

		/**
		 * Whether a backend whose exports fail reports DOWN instead of DEGRADED. DOWN
		 * turns the application's health to DOWN (HTTP 503); DEGRADED leaves it UP.
		 */
		private boolean failOnOutage;

		public boolean isFailOnOutage() {
			return this.failOnOutage;
		}

		public void setFailOnOutage(boolean failOnOutage) {
			this.failOnOutage = failOnOutage;
		}

	}

	/**
	 * Shutdown settings.
	 */
	public static class Shutdown {

		/**
		 * Maximum time of the whole telemetry shutdown, from its start after the web
		 * server's drain until every backend's send queue, flushed in parallel, is
		 * closed. What is still queued then is counted as dropped.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
