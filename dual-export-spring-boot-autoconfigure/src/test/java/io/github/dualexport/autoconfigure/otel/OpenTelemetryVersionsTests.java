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

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link OpenTelemetryVersions}.
 *
 * @author Dual Export contributors
 */
class OpenTelemetryVersionsTests {

	@Test
	void classpathOfThisBuildFitsTogether() {
		OpenTelemetryVersions versions = OpenTelemetryVersions.detect();
		assertThat(versions.problems()).isEmpty();
		assertThat(versions.versions()).containsKeys("opentelemetry-api", "opentelemetry-sdk-common",
				"opentelemetry-sdk-trace", "opentelemetry-sdk-metrics", "opentelemetry-sdk-logs",
				"opentelemetry-exporter-common", "opentelemetry-exporter-otlp-common", "opentelemetry-exporter-otlp");
		assertThat(versions.versions().values())
			.allSatisfy((version) -> assertThat(version).startsWith(versions.version("opentelemetry-api")));
	}

	@Test
	void sdkOfAnotherVersionThanTheApiIsAProblem() {
		OpenTelemetryVersions versions = versions("1.62.0", "1.68.0", null);
		assertThat(versions.problems())
			.containsExactly("opentelemetry-sdk-common is 1.68.0 but opentelemetry-api is 1.62.0");
		assertThatExceptionOfType(IncompatibleOpenTelemetryException.class).isThrownBy(versions::verify)
			.withMessageContaining("opentelemetry-sdk-common is 1.68.0");
	}

	@Test
	void versionOlderThanTheMinimumIsAProblem() {
		assertThat(versions("1.54.1", "1.54.1", null).problems())
			.containsExactly("opentelemetry-api is 1.54.1, older than 1.55.0, the oldest this starter runs on");
	}

	@Test
	void incubatorOfAnotherVersionThanTheApiIsAProblem() {
		assertThat(versions("1.68.0", "1.68.0", "1.65.0-alpha").problems())
			.containsExactly("opentelemetry-api-incubator is 1.65.0-alpha but must be 1.68.0-alpha, the API's own");
		assertThat(versions("1.68.0", "1.68.0", "1.68.0-alpha").problems()).isEmpty();
	}

	@Test
	void missingApiIsAProblem() {
		assertThat(new OpenTelemetryVersions(Map.of()).problems()).singleElement()
			.asString()
			.contains("opentelemetry-api is missing");
	}

	@Test
	void featuresAreAvailableFromTheirVersionOn() {
		assertThat(versions("1.55.0", "1.55.0", null).supports(OptionalFeature.RETRY_AFTER)).isFalse();
		assertThat(versions("1.62.0", "1.62.0", null).supports(OptionalFeature.RETRY_AFTER)).isFalse();
		assertThat(versions("1.66.0", "1.66.0", null).supports(OptionalFeature.RETRY_AFTER)).isTrue();
		assertThat(versions("1.68.0", "1.68.0", null).supports(OptionalFeature.TLS_ENABLED_PROTOCOLS)).isTrue();
		assertThat(versions("1.100.0", "1.100.0", null).supports(OptionalFeature.TLS_ENABLED_PROTOCOLS)).isTrue();
	}

	@Test
	void unsupportedFeatureIsExplainedWithTheVersionThatEnablesIt() {
		assertThat(versions("1.62.0", "1.62.0", null).unsupportedFeatures()).containsOnlyKeys(OptionalFeature.values())
			.hasEntrySatisfying(OptionalFeature.RETRY_AFTER, (sentence) -> assertThat(sentence)
				.contains("OpenTelemetry 1.62.0", "Retry-After", "1.66.0", "opentelemetry.version"));
		assertThat(versions("1.68.0", "1.68.0", null).unsupportedFeatures()).isEmpty();
	}

	@Test
	void versionsCompareByTheirNumbers() {
		assertThat(OpenTelemetryVersions.compare("1.62.0", "1.55.0")).isPositive();
		assertThat(OpenTelemetryVersions.compare("1.9.0", "1.10.0")).isNegative();
		assertThat(OpenTelemetryVersions.compare("1.68.0-alpha", "1.68.0")).isZero();
		assertThat(OpenTelemetryVersions.compare("1.60", "1.60.0")).isZero();
	}

	static OpenTelemetryVersions versions(String api, String sdk, String incubator) {
		Map<String, String> versions = new LinkedHashMap<>();
		versions.put("opentelemetry-api", api);
		versions.put("opentelemetry-sdk-common", sdk);
		if (incubator != null) {
			versions.put("opentelemetry-api-incubator", incubator);
		}
		return new OpenTelemetryVersions(versions);
	}

}
