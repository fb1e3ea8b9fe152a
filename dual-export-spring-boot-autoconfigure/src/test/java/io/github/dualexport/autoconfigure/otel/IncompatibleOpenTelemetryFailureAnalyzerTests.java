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

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IncompatibleOpenTelemetryFailureAnalyzer}.
 *
 * @author Dual Export contributors
 */
class IncompatibleOpenTelemetryFailureAnalyzerTests {

	private final OpenTelemetryVersions mismatched = OpenTelemetryVersionsTests.versions("1.68.0", "1.62.0",
			"1.65.0-alpha");

	@Test
	void ownCheckIsExplainedWithTheVersionsFoundAndTheFix() {
		IncompatibleOpenTelemetryException failure = new IncompatibleOpenTelemetryException(this.mismatched,
				this.mismatched.problems());
		FailureAnalysis analysis = new IncompatibleOpenTelemetryFailureAnalyzer(() -> this.mismatched)
			.analyze(new BeanCreationException("telemetryResolvedBackends", "failed", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains(
				"opentelemetry-sdk-common is 1.62.0 but opentelemetry-api is 1.68.0",
				"opentelemetry-api-incubator is 1.65.0-alpha but must be 1.68.0-alpha",
				"io.opentelemetry:opentelemetry-api:1.68.0");
		assertThat(analysis.getAction()).contains("<opentelemetry.version>", "opentelemetry-bom-alpha");
	}

	@Test
	void openTelemetryLinkageErrorOnAMismatchedClasspathIsExplained() {
		NoClassDefFoundError linkage = new NoClassDefFoundError("io/opentelemetry/api/internal/ConfigUtil");
		FailureAnalysis analysis = new IncompatibleOpenTelemetryFailureAnalyzer(() -> this.mismatched)
			.analyze(new IllegalStateException("Failed to create the SDK", linkage));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("do not fit together", "opentelemetry-sdk-common is 1.62.0");
		assertThat(analysis.getCause()).isSameAs(linkage);
	}

	@Test
	void openTelemetryLinkageErrorOnAFittingClasspathIsLeftToOtherAnalyzers() {
		OpenTelemetryVersions fitting = OpenTelemetryVersionsTests.versions("1.62.0", "1.62.0", null);
		NoSuchMethodError linkage = new NoSuchMethodError("'void io.opentelemetry.Something.method()'");
		assertThat(new IncompatibleOpenTelemetryFailureAnalyzer(() -> fitting).analyze(linkage)).isNull();
	}

	@Test
	void otherLinkageErrorIsLeftToOtherAnalyzers() {
		NoSuchMethodError linkage = new NoSuchMethodError("'void com.example.Other.method()'");
		assertThat(new IncompatibleOpenTelemetryFailureAnalyzer(() -> this.mismatched).analyze(linkage)).isNull();
	}

}
