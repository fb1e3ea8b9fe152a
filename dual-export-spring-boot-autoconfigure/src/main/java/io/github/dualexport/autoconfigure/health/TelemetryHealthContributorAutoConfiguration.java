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

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;

/**
 * Auto-configuration of the {@code telemetry} health contributor: one child per enabled
 * backend, at {@code /actuator/health/telemetry/<name>}. Switched off with
 * {@code management.health.telemetry.enabled=false}.
 *
 * @author Dual Export contributors
 */
@AutoConfiguration(after = DualExportAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(BackendPipelines.class)
@ConditionalOnEnabledHealthIndicator("telemetry")
public final class TelemetryHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "telemetryHealthContributor")
	CompositeHealthContributor telemetryHealthContributor(ResolvedBackends backends, BackendPipelines pipelines,
			TelemetryProperties properties) {
		Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
		for (ResolvedBackend backend : backends.backends()) {
			indicators.put(backend.name(),
					new BackendHealthIndicator(backend.name(), pipelines, properties.getHealth().isFailOnOutage()));
		}
		return CompositeHealthContributor.fromMap(indicators);
	}

}
