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

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link TelemetryBackendsEndpointAutoConfiguration}: which beans it contributes
 * and when it backs off.
 *
 * @author Dual Export contributors
 */
class TelemetryBackendsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DualExportAutoConfiguration.class,
				TelemetryBackendsEndpointAutoConfiguration.class))
		.withPropertyValues("telemetry.backends.a.endpoint=http://127.0.0.1:4318");

	@Test
	void exposedEndpointsAreContributed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=*")
			.run((context) -> assertThat(context).hasSingleBean(TelemetryBackendsEndpoint.class)
				.hasSingleBean(CollectorConfigEndpoint.class)
				.hasSingleBean(TelemetrySecretsSanitizingFunction.class));
	}

	@Test
	void endpointsThatAreNotExposedAreNotContributed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(TelemetryBackendsEndpoint.class)
			.doesNotHaveBean(CollectorConfigEndpoint.class)
			.hasSingleBean(TelemetrySecretsSanitizingFunction.class));
	}

	@Test
	void userEndpointsTakePrecedence() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=*")
			.withUserConfiguration(UserEndpointsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(TelemetryBackendsEndpoint.class)
					.hasSingleBean(CollectorConfigEndpoint.class);
				UserEndpointsConfiguration user = context.getBean(UserEndpointsConfiguration.class);
				assertThat(context.getBean(TelemetryBackendsEndpoint.class)).isSameAs(user.backendsEndpoint);
				assertThat(context.getBean(CollectorConfigEndpoint.class)).isSameAs(user.collectorEndpoint);
			});
	}

	@Test
	void collectorConfigurationNeedsSnakeYaml() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=*")
			.withClassLoader(new FilteredClassLoader("org.yaml.snakeyaml"))
			.run((context) -> assertThat(context).hasSingleBean(TelemetryBackendsEndpoint.class)
				.doesNotHaveBean(CollectorConfigEndpoint.class));
	}

	@Test
	void secretsAreMaskedEvenWhenTelemetryIsSwitchedOff() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=*", "telemetry.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(TelemetrySecretsSanitizingFunction.class)
				.doesNotHaveBean(TelemetryBackendsEndpoint.class)
				.doesNotHaveBean(CollectorConfigEndpoint.class));
	}

	@Test
	void nothingWithoutActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=*")
			.withClassLoader(new FilteredClassLoader(Endpoint.class, SanitizingFunction.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TelemetryBackendsEndpoint.class)
				.doesNotHaveBean(TelemetrySecretsSanitizingFunction.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointsConfiguration {

		final TelemetryBackendsEndpoint backendsEndpoint = new TelemetryBackendsEndpoint(
				new ResolvedBackends(List.of(), List.of()), new BackendPipelines(List.of(), Duration.ofSeconds(1)));

		final CollectorConfigEndpoint collectorEndpoint = new CollectorConfigEndpoint(
				new ResolvedBackends(List.of(), List.of()), 1);

		@Bean
		TelemetryBackendsEndpoint userTelemetryBackendsEndpoint() {
			return this.backendsEndpoint;
		}

		@Bean
		CollectorConfigEndpoint userCollectorConfigEndpoint() {
			return this.collectorEndpoint;
		}

	}

}
