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
import java.util.EnumSet;
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

	private static final Map<String, BackendPreset> PRESETS = new LinkedHashMap<>();

	static {
		register(new OtlpPreset());
		register(new VictoriaPreset());
		register(new UptracePreset());
		register(new ConsolePreset());
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

	static String withPath(String base, String path) {
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	private static final class OtlpPreset implements BackendPreset {

		@Override
		public String type() {
			return OTLP;
		}

		@Override
		public String endpoint(BackendContext backend, String base, Signal signal, Protocol protocol) {
			if (protocol == Protocol.GRPC) {
				return (base != null) ? base : "http://localhost:4317";
			}
			return withPath((base != null) ? base : "http://localhost:4318", "/v1/" + signal.id());
		}

	}

	private static final class VictoriaPreset implements BackendPreset {

		@Override
		public String type() {
			return VICTORIA;
		}

		@Override
		public Set<Protocol> protocols() {
			return EnumSet.of(Protocol.HTTP_PROTOBUF);
		}

		@Override
		public String endpoint(BackendContext backend, String base, Signal signal, Protocol protocol) {
			return switch (signal) {
				case TRACES ->
					withPath((base != null) ? base : "http://localhost:10428", "/insert/opentelemetry/v1/traces");
				case METRICS -> withPath((base != null) ? base : "http://localhost:8428", "/opentelemetry/v1/metrics");
				case LOGS -> withPath((base != null) ? base : "http://localhost:9428", "/insert/opentelemetry/v1/logs");
			};
		}

		@Override
		public String temporality() {
			return "cumulative";
		}

	}

	private static final class UptracePreset implements BackendPreset {

		private static final int DEFAULT_HTTP_PORT = 14318;

		private static final int DEFAULT_GRPC_PORT = 14317;

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
			if (protocol == Protocol.GRPC) {
				String grpcPort = grpcPort(dsn);
				int port = (grpcPort != null) ? Integer.parseInt(grpcPort) : DEFAULT_GRPC_PORT;
				return dsn.getScheme() + "://" + dsn.getHost() + ":" + port;
			}
			int port = (dsn.getPort() != -1) ? dsn.getPort() : DEFAULT_HTTP_PORT;
			return dsn.getScheme() + "://" + dsn.getHost() + ":" + port + "/v1/" + signal.id();
		}

		@Override
		public Map<String, String> headers(BackendContext backend) {
			String dsn = backend.properties().getDsn();
			return StringUtils.hasText(dsn) ? Map.of("uptrace-dsn", dsn.trim()) : Map.of();
		}

		@Override
		public String temporality() {
			return "delta";
		}

		@Override
		public String histogram() {
			return "exponential";
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
				if (parameter.startsWith("grpc=")) {
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
