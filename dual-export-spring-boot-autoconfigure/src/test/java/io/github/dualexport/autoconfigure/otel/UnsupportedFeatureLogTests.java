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
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.test.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a feature the OpenTelemetry on the classpath lacks is named once at startup,
 * and only when a backend would use it.
 *
 * @author Dual Export contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class UnsupportedFeatureLogTests {

	private static final String RETRY_AFTER = OptionalFeature.RETRY_AFTER.description() + " needs";

	private static final String TLS_PROTOCOLS = OptionalFeature.TLS_ENABLED_PROTOCOLS.description() + " needs";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DualExportAutoConfiguration.class));

	private final OpenTelemetryVersions versions = OpenTelemetryVersions.detect();

	@Test
	void retryAfterIsNamedOnceWhenABackendRetriesAndTheVersionLacksIt(CapturedOutput output) {
		this.contextRunner.withPropertyValues("telemetry.backends.a.endpoint=http://127.0.0.1:4318").run((context) -> {
			assertThat(context).hasNotFailed();
			if (this.versions.supports(OptionalFeature.RETRY_AFTER)) {
				assertThat(output.getOut()).doesNotContain(RETRY_AFTER);
			}
			else {
				assertThat(output.getOut()).containsOnlyOnce(RETRY_AFTER)
					.contains("OpenTelemetry " + this.versions.sdkVersion() + " is on the classpath");
			}
		});
	}

	@Test
	void retryAfterIsNotNamedWhenNoBackendRetries(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("telemetry.backends.a.endpoint=http://127.0.0.1:4318",
					"telemetry.backends.a.retry.enabled=false", "telemetry.backends.console.type=console")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output.getOut()).doesNotContain(RETRY_AFTER).doesNotContain(TLS_PROTOCOLS);
			});
	}

	@Test
	void enabledProtocolsAreNamedOnlyWhenABundleSetsThemAndTheVersionLacksThem(CapturedOutput output) {
		String truststore = "file:" + TestCertificates.caCertificate().toAbsolutePath();
		this.contextRunner
			.withPropertyValues("telemetry.backends.plain.endpoint=https://127.0.0.1:4318",
					"telemetry.backends.plain.ssl.bundle=plain",
					"spring.ssl.bundle.pem.plain.truststore.certificate=" + truststore)
			.run((context) -> assertThat(output.getOut()).doesNotContain(TLS_PROTOCOLS));
		this.contextRunner
			.withPropertyValues("telemetry.backends.strict.endpoint=https://127.0.0.1:4318",
					"telemetry.backends.strict.ssl.bundle=strict",
					"spring.ssl.bundle.pem.strict.truststore.certificate=" + truststore,
					"spring.ssl.bundle.pem.strict.options.enabled-protocols=TLSv1.3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				if (this.versions.supports(OptionalFeature.TLS_ENABLED_PROTOCOLS)) {
					assertThat(output.getOut()).doesNotContain(TLS_PROTOCOLS);
				}
				else {
					assertThat(output.getOut()).containsOnlyOnce(TLS_PROTOCOLS);
				}
			});
	}

}
