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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.util.StringUtils;

/**
 * The built-in backend types.
 *
 * @author Dual Export contributors
 */
public final class BackendPresets {

	/**
	 * Any OTLP receiver; signal paths {@code /v1/<signal>} are appended for http.
	 */
	public static final String OTLP = "otlp";

	/**
	 * VictoriaTraces, VictoriaMetrics and VictoriaLogs.
	 */
	public static final String VICTORIA = "victoria";

	/**
	 * Uptrace, addressed by its DSN.
	 */
	public static final String UPTRACE = "uptrace";

	/**
	 * OTLP-JSON lines on standard output; needs no server.
	 */
	public static final String CONSOLE = "console";

	/**
	 * An OpenTelemetry Collector used as a gateway.
	 */
	public static final String COLLECTOR = "collector";

	/**
	 * Grafana Tempo: traces.
	 */
	public static final String TEMPO = "tempo";

	/**
	 * Grafana Loki: logs through {@code /otlp/v1/logs}.
	 */
	public static final String LOKI = "loki";

	/**
	 * Grafana Mimir: metrics through {@code /otlp/v1/metrics}.
	 */
	public static final String MIMIR = "mimir";

	/**
	 * Jaeger: traces.
	 */
	public static final String JAEGER = "jaeger";

	/**
	 * Grafana Cloud's OTLP gateway, Basic auth from instance id and token.
	 */
	public static final String GRAFANA_CLOUD = "grafana-cloud";

	/**
	 * Honeycomb, authenticated by {@code x-honeycomb-team}.
	 */
	public static final String HONEYCOMB = "honeycomb";

	/**
	 * New Relic, authenticated by {@code api-key}; delta temporality.
	 */
	public static final String NEWRELIC = "newrelic";

	/**
	 * SigNoz, self-hosted or cloud ({@code signoz-ingestion-key}).
	 */
	public static final String SIGNOZ = "signoz";

	/**
	 * Elastic Observability, authenticated by {@code Authorization: ApiKey}; delta
	 * temporality.
	 */
	public static final String ELASTIC = "elastic";

	private static final Map<String, BackendPreset> PRESETS = new LinkedHashMap<>();

	private static final String TOKEN_ACTION = "Set it to the API key or ingestion token from the vendor's settings";

	static {
		register(StandardPreset.builder(OTLP).build());
		register(StandardPreset.builder(VICTORIA)
			.httpOnly()
			.httpBase(Signal.TRACES, "http://localhost:10428")
			.path(Signal.TRACES, "/insert/opentelemetry/v1/traces")
			.httpBase(Signal.METRICS, "http://localhost:8428")
			.path(Signal.METRICS, "/opentelemetry/v1/metrics")
			.httpBase(Signal.LOGS, "http://localhost:9428")
			.path(Signal.LOGS, "/insert/opentelemetry/v1/logs")
			.temporality(Temporality.CUMULATIVE)
			.build());
		register(new UptracePreset());
		register(new ConsolePreset());
		register(StandardPreset.builder(COLLECTOR).build());
		register(StandardPreset.builder(TEMPO)
			.signals(Signal.TRACES)
			.header("X-Scope-OrgID", BackendProperties::getTenant)
			.build());
		register(StandardPreset.builder(LOKI)
			.httpOnly()
			.httpBase("http://localhost:3100")
			.path(Signal.LOGS, "/otlp/v1/logs")
			.signals(Signal.LOGS)
			.header("X-Scope-OrgID", BackendProperties::getTenant)
			.build());
		register(StandardPreset.builder(MIMIR)
			.httpOnly()
			.httpBase("http://localhost:8080")
			.path(Signal.METRICS, "/otlp/v1/metrics")
			.signals(Signal.METRICS)
			.temporality(Temporality.CUMULATIVE)
			.header("X-Scope-OrgID", BackendProperties::getTenant)
			.build());
		register(StandardPreset.builder(JAEGER).signals(Signal.TRACES).build());
		register(StandardPreset.builder(GRAFANA_CLOUD)
			.httpOnly()
			.noDefaultEndpoint()
			.temporality(Temporality.CUMULATIVE)
			.header("Authorization", BackendPresets::basicAuth)
			.requires("endpoint", BackendProperties::getEndpoint, "its OTLP gateway URL",
					"Copy it from the stack's OpenTelemetry page, such as "
							+ "'https://otlp-gateway-prod-eu-west-2.grafana.net/otlp'")
			.requires("instance-id", BackendProperties::getInstanceId, "the stack's instance id",
					"Copy it from the stack's OpenTelemetry page")
			.requires("token", BackendProperties::getToken, "an access policy token", TOKEN_ACTION)
			.build());
		register(StandardPreset.builder(HONEYCOMB)
			.httpBase("https://api.honeycomb.io")
			.grpcBase("https://api.honeycomb.io:443")
			.region("us", "https://api.honeycomb.io", "https://api.honeycomb.io:443")
			.region("eu", "https://api.eu1.honeycomb.io", "https://api.eu1.honeycomb.io:443")
			.header("x-honeycomb-team", BackendProperties::getToken)
			.header(Signal.METRICS, "x-honeycomb-dataset", BackendProperties::getDataset)
			.requires("token", BackendProperties::getToken, "an ingest API key", TOKEN_ACTION)
			.build());
		register(StandardPreset.builder(NEWRELIC)
			.httpBase("https://otlp.nr-data.net:4318")
			.grpcBase("https://otlp.nr-data.net:4317")
			.region("us", "https://otlp.nr-data.net:4318", "https://otlp.nr-data.net:4317")
			.region("eu", "https://otlp.eu01.nr-data.net:4318", "https://otlp.eu01.nr-data.net:4317")
			.temporality(Temporality.DELTA)
			.header("api-key", BackendProperties::getToken)
			.requires("token", BackendProperties::getToken, "a license key", TOKEN_ACTION)
			.build());
		register(StandardPreset.builder(SIGNOZ).header("signoz-ingestion-key", BackendProperties::getToken).build());
		register(StandardPreset.builder(ELASTIC)
			.noDefaultEndpoint()
			.temporality(Temporality.DELTA)
			.header("Authorization", BackendPresets::elasticAuthorization)
			.requires("endpoint", BackendProperties::getEndpoint, "its managed OTLP or APM Server URL",
					"Copy it from the deployment's integrations page")
			.requires("token", BackendProperties::getToken, "an API key or secret token", TOKEN_ACTION)
			.build());
	}

	private BackendPresets() {
	}

	private static void register(BackendPreset preset) {
		PRESETS.put(preset.type(), preset);
	}

	static Optional<BackendPreset> find(String type) {
		return Optional.ofNullable(PRESETS.get(type));
	}

	/**
	 * Return the names of the built-in types.
	 * @return the type names, in documentation order
	 */
	public static Set<String> types() {
		return PRESETS.keySet();
	}

	private static String basicAuth(BackendProperties properties) {
		if (!StringUtils.hasText(properties.getInstanceId()) || !StringUtils.hasText(properties.getToken())) {
			return null;
		}
		String credentials = properties.getInstanceId().trim() + ":" + properties.getToken().trim();
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	private static String elasticAuthorization(BackendProperties properties) {
		String token = properties.getToken();
		if (!StringUtils.hasText(token)) {
			return null;
		}
		String trimmed = token.trim();
		return (trimmed.startsWith("ApiKey ") || trimmed.startsWith("Bearer ")) ? trimmed : "ApiKey " + trimmed;
	}

	static String withPath(String base, String path) {
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	/**
	 * Uptrace, addressed by its DSN. Endpoints are derived as Uptrace's own clients
	 * derive them (uptrace-go's {@code ParseDSN}): the DSN's port, or the scheme's
	 * default, for http/protobuf; the {@code grpc} query parameter, or else the DSN's
	 * port, for gRPC; a DSN on port 14317 (self-hosted v1) sends http/protobuf to 14318;
	 * Uptrace Cloud ({@code api.uptrace.dev} or {@code uptrace.dev}) receives on
	 * {@code api.uptrace.dev}, 443 for http/protobuf and 4317 for gRPC.
	 */
	private static final class UptracePreset implements BackendPreset {

		private static final String CLOUD_HOST = "api.uptrace.dev";

		private static final int CLOUD_HTTP_PORT = 443;

		private static final int CLOUD_GRPC_PORT = 4317;

		private static final int V1_GRPC_PORT = 14317;

		private static final int V1_HTTP_PORT = 14318;

		@Override
		public String type() {
			return UPTRACE;
		}

		@Override
		public void validate(BackendContext backend, ConfigurationProblems problems) {
			String dsn = backend.properties().getDsn();
			String property = backend.property("dsn");
			if (!StringUtils.hasText(dsn)) {
				problems.add(property, null, "A backend of type 'uptrace' needs the project DSN",
						"Set it to the DSN shown in Uptrace's project settings, such as "
								+ "'http://<token>@localhost:14318?grpc=14317', or change 'type'");
				return;
			}
			URI uri = parse(dsn);
			if (uri == null || !EndpointValidation.isHttpScheme(uri.getScheme()) || uri.getHost() == null
					|| !StringUtils.hasText(uri.getUserInfo())) {
				problems.add(property, Secrets.MASK,
						"The DSN is not of the form 'http(s)://<token>@<host>:<port>?grpc=<port>'",
						"Copy the DSN from Uptrace's project settings");
				return;
			}
			String grpcPort = grpcPort(uri);
			if (grpcPort != null && !grpcPort.matches("\\d{1,5}")) {
				problems.add(property, Secrets.MASK, "The 'grpc' query parameter of the DSN is not a port number",
						"Use a DSN such as 'http://<token>@localhost:14318?grpc=14317'");
			}
		}

		@Override
		public String endpoint(BackendContext backend, String base, Signal signal, Protocol protocol) {
			if (base != null) {
				return (protocol == Protocol.GRPC) ? base : withPath(base, "/v1/" + signal.id());
			}
			URI dsn = parse(backend.properties().getDsn());
			if (isCloud(dsn)) {
				return (protocol == Protocol.GRPC) ? "https://" + CLOUD_HOST + ":" + CLOUD_GRPC_PORT
						: "https://" + CLOUD_HOST + ":" + CLOUD_HTTP_PORT + "/v1/" + signal.id();
			}
			int port = (dsn.getPort() != -1) ? dsn.getPort() : defaultPort(dsn.getScheme());
			String grpcPort = grpcPort(dsn);
			if (protocol == Protocol.GRPC) {
				return dsn.getScheme() + "://" + dsn.getHost() + ":" + ((grpcPort != null) ? grpcPort : port);
			}
			int httpPort = (grpcPort == null && port == V1_GRPC_PORT) ? V1_HTTP_PORT : port;
			return dsn.getScheme() + "://" + dsn.getHost() + ":" + httpPort + "/v1/" + signal.id();
		}

		private static boolean isCloud(URI dsn) {
			return CLOUD_HOST.equalsIgnoreCase(dsn.getHost()) || "uptrace.dev".equalsIgnoreCase(dsn.getHost());
		}

		private static int defaultPort(String scheme) {
			return "https".equalsIgnoreCase(scheme) ? 443 : 80;
		}

		@Override
		public Map<String, String> headers(BackendContext backend) {
			String dsn = backend.properties().getDsn();
			return StringUtils.hasText(dsn) ? Map.of("uptrace-dsn", dsn.trim()) : Map.of();
		}

		@Override
		public Temporality temporality() {
			return Temporality.DELTA;
		}

		@Override
		public Histogram histogram() {
			return Histogram.EXPONENTIAL;
		}

		private static URI parse(String dsn) {
			try {
				return new URI(dsn.trim());
			}
			catch (Exception ex) {
				return null;
			}
		}

		private static String grpcPort(URI dsn) {
			String query = dsn.getQuery();
			if (query == null) {
				return null;
			}
			for (String parameter : query.split("&")) {
				if (parameter.startsWith("grpc=") && parameter.length() > "grpc=".length()) {
					return parameter.substring("grpc=".length());
				}
			}
			return null;
		}

	}

	private static final class ConsolePreset implements BackendPreset {

		@Override
		public String type() {
			return CONSOLE;
		}

		@Override
		public boolean usesEndpoints() {
			return false;
		}

		@Override
		public String endpoint(BackendContext backend, String base, Signal signal, Protocol protocol) {
			return null;
		}

	}

}
