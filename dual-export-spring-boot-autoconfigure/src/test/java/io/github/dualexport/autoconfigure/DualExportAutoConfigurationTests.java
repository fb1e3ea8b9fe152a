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
package io.github.dualexport.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.dualexport.autoconfigure.backend.BackendProperties;
import io.github.dualexport.autoconfigure.backend.BackendResolver;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link DualExportAutoConfiguration}: the beans it contributes, when it backs
 * off, and which of its beans the application may replace.
 *
 * @author Dual Export contributors
 */
class DualExportAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DualExportAutoConfiguration.class))
		.withPropertyValues("telemetry.backends.a.endpoint=http://127.0.0.1:4318");

	@Test
	void resolvesTheBackendsAndBuildsTheSendStagesAndThePipelineRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ResolvedBackends.class)
				.hasSingleBean(SendStages.class)
				.hasSingleBean(BackendPipelines.class);
			assertThat(context.getBean(ResolvedBackends.class).backends()).extracting(ResolvedBackend::name)
				.containsExactly("a");
		});
	}

	@Test
	void nothingWhenTelemetryIsSwitchedOff() {
		this.contextRunner.withPropertyValues("telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResolvedBackends.class)
				.doesNotHaveBean(SendStages.class)
				.doesNotHaveBean(BackendPipelines.class));
	}

	@Test
	void nothingWithoutTheOpenTelemetrySdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OpenTelemetrySdk.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResolvedBackends.class));
	}

	@Test
	void userResolvedBackendsTakePrecedence() {
		this.contextRunner.withUserConfiguration(UserBackendsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ResolvedBackends.class).hasSingleBean(SendStages.class);
			assertThat(context.getBean(ResolvedBackends.class).backends()).extracting(ResolvedBackend::name)
				.containsExactly("mine");
		});
	}

	@Test
	void userSendStagesTakePrecedence() {
		this.contextRunner.withUserConfiguration(UserSendStagesConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(SendStages.class)
				.getBean(SendStages.class)
				.isSameAs(context.getBean(UserSendStagesConfiguration.class).sendStages));
	}

	@Test
	void userBackendPipelinesTakePrecedence() {
		this.contextRunner.withUserConfiguration(UserPipelinesConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(BackendPipelines.class)
				.getBean(BackendPipelines.class)
				.isSameAs(context.getBean(UserPipelinesConfiguration.class).pipelines));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBackendsConfiguration {

		@Bean
		ResolvedBackends userBackends() {
			TelemetryProperties properties = new TelemetryProperties();
			BackendProperties mine = new BackendProperties();
			mine.setEndpoint("http://127.0.0.1:4318");
			properties.getBackends().put("mine", mine);
			return BackendResolver.resolve(properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSendStagesConfiguration {

		final SendStages sendStages = new SendStages(null, List.of(), Duration.ofSeconds(1), System.out);

		@Bean
		SendStages userSendStages() {
			return this.sendStages;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserPipelinesConfiguration {

		final BackendPipelines pipelines = new BackendPipelines(List.of(), Duration.ofSeconds(1));

		@Bean
		BackendPipelines userPipelines() {
			return this.pipelines;
		}

	}

}
