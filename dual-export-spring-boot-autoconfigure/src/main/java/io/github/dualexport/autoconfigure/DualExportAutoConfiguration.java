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

import java.util.List;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.github.dualexport.autoconfigure.backend.BackendResolver;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.backend.SslBundleChecks;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;
import io.github.dualexport.autoconfigure.otel.OpenTelemetryVersions;
import io.github.dualexport.autoconfigure.otel.OptionalFeature;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.ExportListener;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.send.OtlpSenderCustomizer;
import io.github.dualexport.autoconfigure.pipeline.send.SendStages;
import io.opentelemetry.sdk.OpenTelemetrySdk;

/**
 * Auto-configuration of the backends under {@code telemetry.backends}: resolves and
 * validates them once at startup and gathers the pipelines that each signal's
 * auto-configuration builds for them. The resolved backends, the send stages and the
 * gathered pipelines each back off when the application defines its own bean of that
 * type; {@link OtlpSenderCustomizer} beans tune each backend's sender. Off with
 * {@code telemetry.enabled=false}, and with OpenTelemetry's own switch
 * {@code OTEL_SDK_DISABLED=true} or Boot's {@code management.opentelemetry.enabled=false}
 * (to which Boot 4.1 maps that variable).
 *
 * @author Dual Export contributors
 */
@AutoConfiguration
@ConditionalOnClass(OpenTelemetrySdk.class)
@ConditionalOnBooleanProperty(name = "telemetry.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "otel.sdk.disabled", havingValue = false, matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "management.opentelemetry.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TelemetryProperties.class)
public final class DualExportAutoConfiguration {

	private static final Log logger = LogFactory.getLog(DualExportAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ResolvedBackends telemetryResolvedBackends(TelemetryProperties properties, ObjectProvider<SslBundles> sslBundles,
			Environment environment) {
		return BackendResolver.resolve(properties, SslBundleChecks.of(sslBundles.getIfAvailable()),
				environment.getProperty("spring.application.name", BackendResolver.DEFAULT_APPLICATION_NAME));
	}

	@Bean
	@ConditionalOnMissingBean
	SendStages telemetrySendStages(ResolvedBackends backends, TelemetryProperties properties,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<ExportListener> listeners,
			ObjectProvider<OtlpSenderCustomizer> customizers) {
		// Checked here, whoever resolved the backends: every pipeline is built through
		// the send stages
		OpenTelemetryVersions versions = OpenTelemetryVersions.detect();
		versions.verify();
		versions.unsupportedFeatures().forEach((feature, sentence) -> {
			if (isUsed(feature, backends, sslBundles.getIfAvailable())) {
				logger.info(sentence);
			}
		});
		backends.warnings().forEach(logger::warn);
		backends.sharedEndpoints()
			.forEach((endpoint, names) -> logger.warn("Backends " + names + " all send " + endpoint
					+ ": each sends its own copy. If one destination was meant, remove the other backends"));
		return new SendStages(sslBundles.getIfAvailable(), listeners.orderedStream().toList(),
				properties.getShutdown().getTimeout(), System.out, customizers.orderedStream().toList(),
				properties.getGzipLevel());
	}

	/**
	 * Return whether a backend would use the feature: only then is its absence worth a
	 * line at startup.
	 */
	private static boolean isUsed(OptionalFeature feature, ResolvedBackends backends, @Nullable SslBundles sslBundles) {
		return switch (feature) {
			case RETRY_AFTER ->
				backends.backends().stream().anyMatch((backend) -> !backend.isConsole() && backend.retry().enabled());
			case TLS_ENABLED_PROTOCOLS -> sslBundles != null && backends.backends()
				.stream()
				.map(ResolvedBackend::sslBundle)
				.filter(Objects::nonNull)
				.anyMatch((bundle) -> sslBundles.getBundle(bundle).getOptions().getEnabledProtocols() != null);
		};
	}

	@Bean
	static PipelinesCloser telemetryPipelinesCloser() {
		return new PipelinesCloser();
	}

	// Closed by the closer, after the application's beans
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	BackendPipelines telemetryBackendPipelines(ObjectProvider<SignalPipelines<?>> signals,
			TelemetryProperties properties) {
		List<SignalPipelines<?>> all = signals.orderedStream().toList();
		// Closed from now on by BackendPipelines, within the shutdown timeout
		all.forEach(SignalPipelines::handOverClose);
		return new BackendPipelines(all.stream().flatMap((signal) -> signal.pipelines().stream()).toList(),
				properties.getShutdown().getTimeout());
	}

}
