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
package io.github.dualexport.autoconfigure.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link TelemetryHealthContributorAutoConfiguration}: which beans it
 * contributes and when it backs off.
 *
 * @author Dual Export contributors
 */
class TelemetryHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DualExportAutoConfiguration.class,
				TelemetryHealthContributorAutoConfiguration.class))
		.withPropertyValues("telemetry.backends.a.endpoint=http://127.0.0.1:4318",
				"telemetry.backends.b.endpoint=http://127.0.0.1:4318", "telemetry.backends.off.enabled=false",
				"telemetry.backends.off.endpoint=http://127.0.0.1:4318");

	@Test
	void oneChildPerEnabledBackend() {
		this.contextRunner.run((context) -> {
			CompositeHealthContributor contributor = context.getBean("telemetryHealthContributor",
					CompositeHealthContributor.class);
			assertThat(contributor.stream().map((entry) -> entry.name())).containsExactly("a", "b");
			assertThat(contributor.getContributor("a")).isInstanceOf(BackendHealthIndicator.class);
			assertThat(contributor.getContributor("off")).isNull();
		});
	}

	@Test
	void userContributorOfTheSameNameTakesPrecedence() {
		HealthIndicator mine = () -> Health.status(Status.UP).build();
		this.contextRunner.withBean("telemetryHealthContributor", HealthIndicator.class, () -> mine)
			.run((context) -> assertThat(context).doesNotHaveBean(CompositeHealthContributor.class)
				.getBean("telemetryHealthContributor")
				.isSameAs(mine));
	}

	@Test
	void switchedOffTheBootWay() {
		this.contextRunner.withPropertyValues("management.health.telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("telemetryHealthContributor"));
	}

	@Test
	void switchedOffWithAllDefaultHealthIndicators() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("telemetryHealthContributor"));
	}

	@Test
	void nothingWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("telemetryHealthContributor"));
	}

	@Test
	void nothingWhenTelemetryIsSwitchedOff() {
		this.contextRunner.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("telemetryHealthContributor"));
	}

}
