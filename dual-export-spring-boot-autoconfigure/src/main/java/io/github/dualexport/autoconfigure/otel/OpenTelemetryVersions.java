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

package io.github.dualexport.autoconfigure.otel;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The versions of the OpenTelemetry artifacts on the classpath, read from the
 * {@code version.properties} each of them ships, and what follows from them: whether they
 * fit together and this starter, and which optional features they offer.
 *
 * @author Dual Export contributors
 */
public final class OpenTelemetryVersions {

	/**
	 * The oldest OpenTelemetry this starter runs on: the one Spring Boot 4.0 manages.
	 */
	public static final String MINIMUM = "1.55.0";

	private static final String API = "opentelemetry-api";

	private static final String SDK = "opentelemetry-sdk-common";

	private static final String INCUBATOR = "opentelemetry-api-incubator";

	/**
	 * The stable artifacts the starter uses, each with the folder of its
	 * {@code version.properties}. They are released together and must all have one
	 * version.
	 */
	private static final Map<String, String> STABLE_ARTIFACTS;

	static {
		Map<String, String> artifacts = new LinkedHashMap<>();
		artifacts.put(API, "io/opentelemetry/api/");
		artifacts.put("opentelemetry-common", "io/opentelemetry/common/");
		artifacts.put(SDK, "io/opentelemetry/sdk/common/");
		artifacts.put("opentelemetry-sdk-trace", "io/opentelemetry/sdk/trace/");
		artifacts.put("opentelemetry-sdk-metrics", "io/opentelemetry/sdk/metrics/");
		artifacts.put("opentelemetry-sdk-logs", "io/opentelemetry/sdk/logs/");
		artifacts.put("opentelemetry-exporter-common", "io/opentelemetry/exporter/internal/");
		artifacts.put("opentelemetry-exporter-otlp-common", "io/opentelemetry/exporter/internal/otlp/");
		artifacts.put("opentelemetry-exporter-otlp", "io/opentelemetry/exporter/otlp/");
		artifacts.put("opentelemetry-exporter-sender-okhttp", "io/opentelemetry/exporter/sender/okhttp/internal/");
		STABLE_ARTIFACTS = Collections.unmodifiableMap(artifacts);
	}

	private static volatile OpenTelemetryVersions detected;

	private final Map<String, String> versions;

	OpenTelemetryVersions(Map<String, String> versions) {
		this.versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
	}

	/**
	 * Return the versions on this starter's class path.
	 * @return the versions, read once
	 */
	public static OpenTelemetryVersions detect() {
		OpenTelemetryVersions versions = detected;
		if (versions == null) {
			versions = detect(OpenTelemetryVersions.class.getClassLoader());
			detected = versions;
		}
		return versions;
	}

	/**
	 * Return the versions visible to the given class loader.
	 * @param classLoader the class loader
	 * @return the versions of the artifacts found
	 */
	static OpenTelemetryVersions detect(ClassLoader classLoader) {
		Map<String, String> versions = new LinkedHashMap<>();
		STABLE_ARTIFACTS.forEach((artifact, folder) -> read(classLoader, folder, versions, artifact));
		read(classLoader, "io/opentelemetry/api/incubator/", versions, INCUBATOR);
		return new OpenTelemetryVersions(versions);
	}

	private static void read(ClassLoader classLoader, String folder, Map<String, String> versions, String artifact) {
		try (InputStream input = classLoader.getResourceAsStream(folder + "version.properties")) {
			if (input != null) {
				Properties properties = new Properties();
				properties.load(input);
				String version = properties.getProperty("sdk.version");
				if (version != null) {
					versions.put(artifact, version.strip());
				}
			}
		}
		catch (IOException ex) {
			// Unreadable: treated as absent, which the check reports
		}
	}

	/**
	 * Return the version of one artifact.
	 * @param artifact the artifact id, such as {@code opentelemetry-sdk-common}
	 * @return its version, or {@code "unknown"} when it is absent or says none
	 */
	public String version(String artifact) {
		return this.versions.getOrDefault(artifact, "unknown");
	}

	/**
	 * Return the version of the SDK.
	 * @return the version of {@code opentelemetry-sdk-common}
	 */
	public String sdkVersion() {
		return version(SDK);
	}

	/**
	 * Return the versions found, by artifact id.
	 * @return the versions
	 */
	public Map<String, String> versions() {
		return this.versions;
	}

	/**
	 * Return what keeps these artifacts from working together with this starter: an
	 * artifact older than {@link #MINIMUM}, stable artifacts of different versions, or an
	 * incubator that is not the API's own.
	 * @return the problems, empty when there are none
	 */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		String api = this.versions.get(API);
		if (api == null) {
			problems.add(API + " is missing, or says no version");
			return problems;
		}
		if (compare(api, MINIMUM) < 0) {
			problems.add(API + " is " + api + ", older than " + MINIMUM + ", the oldest this starter runs on");
		}
		this.versions.forEach((artifact, version) -> {
			if (artifact.equals(INCUBATOR)) {
				if (!version.equals(api + "-alpha")) {
					problems.add(INCUBATOR + " is " + version + " but must be " + api + "-alpha, the API's own");
				}
			}
			else if (!version.equals(api)) {
				problems.add(artifact + " is " + version + " but " + API + " is " + api);
			}
		});
		return problems;
	}

	/**
	 * Check that these artifacts work together and with this starter.
	 * @throws IncompatibleOpenTelemetryException if they do not
	 */
	public void verify() {
		List<String> problems = problems();
		if (!problems.isEmpty()) {
			throw new IncompatibleOpenTelemetryException(this, problems);
		}
	}

	/**
	 * Return the optional features these versions lack, each with the sentence that says
	 * so at startup.
	 * @return the sentences, by feature, in declaration order
	 */
	public Map<OptionalFeature, String> unsupportedFeatures() {
		Map<OptionalFeature, String> unsupported = new LinkedHashMap<>();
		for (OptionalFeature feature : OptionalFeature.values()) {
			if (!supports(feature)) {
				unsupported.put(feature,
						"OpenTelemetry " + sdkVersion() + " is on the classpath: " + feature.description() + " needs "
								+ feature.since() + " or later, so " + feature.fallback()
								+ ". Set the Maven property opentelemetry.version to " + feature.since()
								+ " or later to enable it");
			}
		}
		return unsupported;
	}

	/**
	 * Return whether an optional feature works with these versions.
	 * @param feature the feature
	 * @return whether it is available
	 */
	public boolean supports(OptionalFeature feature) {
		return compare(sdkVersion(), feature.since()) >= 0;
	}

	/**
	 * Compare two versions such as {@code 1.62.0} and {@code 1.68.0-alpha} by their
	 * numeric parts.
	 * @param left a version
	 * @param right another version
	 * @return negative, zero or positive as {@code left} is older, the same or newer
	 */
	static int compare(String left, String right) {
		int[] a = numbers(left);
		int[] b = numbers(right);
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			int difference = Integer.compare((i < a.length) ? a[i] : 0, (i < b.length) ? b[i] : 0);
			if (difference != 0) {
				return difference;
			}
		}
		return 0;
	}

	private static int[] numbers(String version) {
		String[] parts = version.split("-", 2)[0].split("\\.");
		int[] numbers = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				numbers[i] = Integer.parseInt(parts[i]);
			}
			catch (NumberFormatException ex) {
				numbers[i] = 0;
			}
		}
		return numbers;
	}

}
