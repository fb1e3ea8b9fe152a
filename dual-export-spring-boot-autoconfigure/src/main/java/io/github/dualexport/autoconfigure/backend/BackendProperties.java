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

/**
 * Properties of one backend under {@code telemetry.backends.<name>}. Every setting left
 * unset falls back to the preset of its {@link #getType() type}, then to
 * {@code telemetry.defaults}.
 *
 * @author Dual Export contributors
 */
public class BackendProperties extends BackendSettings {

	/**
	 * Preset that knows the vendor's paths, headers and temporality: otlp, victoria,
	 * uptrace, console, collector, tempo, loki, mimir, jaeger, grafana-cloud, honeycomb,
	 * newrelic, signoz or elastic.
	 */
	private String type = "otlp";

	/**
	 * Whether this backend is built and receives telemetry.
	 */
	private boolean enabled = true;

	/**
	 * Base URL of the backend. Signal paths are appended for http/protobuf; a signal's
	 * own 'endpoint' takes precedence.
	 */
	private String endpoint;

	/**
	 * Uptrace DSN, such as 'http://token@host:14318?grpc=14317'. Sent as the
	 * 'uptrace-dsn' header and used to derive the endpoints. A secret, never shown.
	 */
	private String dsn;

	/**
	 * API key or token of presets that authenticate with one: 'x-honeycomb-team'
	 * (honeycomb), 'api-key' (newrelic), 'signoz-ingestion-key' (signoz), 'Authorization:
	 * ApiKey' (elastic), the password of Basic auth (grafana-cloud). A secret, never
	 * shown.
	 */
	private String token;

	/**
	 * Grafana Cloud instance id, the user name of Basic auth (grafana-cloud).
	 */
	private String instanceId;

	/**
	 * Tenant sent as 'X-Scope-OrgID' (tempo, loki, mimir).
	 */
	private String tenant;

	/**
	 * Dataset sent as 'x-honeycomb-dataset' with metrics only (honeycomb); traces and
	 * logs are routed by 'service.name'.
	 */
	private String dataset;

	/**
	 * Region of the vendor's endpoints when 'endpoint' is not set: 'us' (default) or 'eu'
	 * (honeycomb, newrelic).
	 */
	private String region;

	public String getType() {
		return this.type;
	}

	public void setType(String type) {
		this.type = type;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(String endpoint) {
		this.endpoint = endpoint;
	}

	public String getDsn() {
		return this.dsn;
	}

	public void setDsn(String dsn) {
		this.dsn = dsn;
	}

	public String getToken() {
		return this.token;
	}

	public void setToken(String token) {
		this.token = token;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

	public String getTenant() {
		return this.tenant;
	}

	public void setTenant(String tenant) {
		this.tenant = tenant;
	}

	public String getDataset() {
		return this.dataset;
	}

	public void setDataset(String dataset) {
		this.dataset = dataset;
	}

	public String getRegion() {
		return this.region;
	}

	public void setRegion(String region) {
		this.region = region;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(
				"BackendProperties[type=" + this.type + ", enabled=" + this.enabled + ", endpoint=" + this.endpoint);
		Secrets.secretKeys(this)
			.forEach((key,
					value) -> text.append(", ").append(key).append('=').append((value != null) ? Secrets.MASK : null));
		return text
			.append(", instance-id=" + this.instanceId + ", tenant=" + this.tenant + ", dataset=" + this.dataset
					+ ", region=" + this.region + ", " + super.toString() + "]")
			.toString();
	}

}
