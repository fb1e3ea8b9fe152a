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

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;

/**
 * Auto-configuration of the {@code telemetrybackends} and {@code collectorconfig}
 * actuator endpoints and of the masking of telemetry secrets in the {@code env} and
 * {@code configprops} endpoints.
 *
 * @author Dual Export contributors
 */
@AutoConfiguration(after = DualExportAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, SanitizingFunction.class })
public final class TelemetryBackendsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(BackendPipelines.class)
	@ConditionalOnAvailableEndpoint
	TelemetryBackendsEndpoint telemetryBackendsEndpoint(ResolvedBackends backends, BackendPipelines pipelines) {
		return new TelemetryBackendsEndpoint(backends, pipelines);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ResolvedBackends.class, SendStages.class })
	@ConditionalOnClass(name = "org.yaml.snakeyaml.Yaml")
	@ConditionalOnAvailableEndpoint
	CollectorConfigEndpoint collectorConfigEndpoint(ResolvedBackends backends, SendStages sendStages) {
		return new CollectorConfigEndpoint(backends, sendStages.gzipLevel());
	}

	// Bound here rather than injected: secrets need masking even with
	// telemetry.enabled=false
	@Bean
	TelemetrySecretsSanitizingFunction telemetrySecretsSanitizingFunction(Environment environment) {
		TelemetryProperties properties = Binder.get(environment).bindOrCreate("telemetry", TelemetryProperties.class);
		return new TelemetrySecretsSanitizingFunction(properties);
	}

}
