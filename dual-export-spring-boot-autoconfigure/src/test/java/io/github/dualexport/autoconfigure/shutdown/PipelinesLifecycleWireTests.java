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
package io.github.dualexport.autoconfigure.shutdown;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.logs.v1.LogRecord;
import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.TestSpans;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.logs.DualExportLoggingAutoConfiguration;
import io.github.dualexport.autoconfigure.metrics.DualExportMetricsAutoConfiguration;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.traces.DualExportTracingAutoConfiguration;
import io.github.dualexport.test.OtlpReceiverExtension;

import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the pipelines through the application context's lifecycle: a stop followed by a
 * start, as {@code ConfigurableApplicationContext.stop()}/{@code start()} or a CRaC
 * checkpoint and restore do, and the lines logged while the context's beans are
 * destroyed.
 *
 * @author Dual Export contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class PipelinesLifecycleWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	private static final String LOGGER_NAME = "io.github.dualexport.lifecycletest.Orders";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	@RegisterExtension
	static final OtlpReceiverExtension backend = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class,
				DualExportAutoConfiguration.class, DualExportTracingAutoConfiguration.class,
				DualExportLoggingAutoConfiguration.class, DualExportMetricsAutoConfiguration.class,
				PipelinesShutdownAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0", "telemetry.defaults.signals=traces,logs",
				"telemetry.defaults.traces.schedule-delay=100ms", "telemetry.defaults.logs.schedule-delay=100ms",
				"telemetry.shutdown.timeout=2s", http("a", backend));

	@Test
	void spansAndLogsEndedAfterAStopAndAStartAreExported() {
		this.contextRunner.run((context) -> {
			ConfigurableApplicationContext application = context
				.getSourceApplicationContext(ConfigurableApplicationContext.class);
			List<String> before = TestSpans.emit(context, 3);
			backend.receiver().awaitSpans(3, DELIVERY);
			application.stop();
			application.start();
			List<String> after = TestSpans.emit(context, 3);
			logger.info("Logged after the restart");
			backend.receiver().awaitSpans(6, DELIVERY);
			assertThat(backend.receiver().traceIds()).containsAll(before).containsAll(after);
			assertThat(bodies(backend.receiver().awaitLogRecords(LOGGER_NAME, 1, DELIVERY)))
				.containsExactly("Logged after the restart");
		});
	}

	@Test
	void metricsGoOnBeingExportedAfterAStopAndAStart() {
		this.contextRunner
			.withPropertyValues("telemetry.defaults.signals=metrics", "telemetry.defaults.metrics.interval=200ms")
			.run((context) -> {
				ConfigurableApplicationContext application = context
					.getSourceApplicationContext(ConfigurableApplicationContext.class);
				context.getBean(OpenTelemetry.class)
					.getMeter("lifecycle-test")
					.counterBuilder("restarts")
					.build()
					.add(1);
				backend.receiver().awaitMetricNamed("restarts", DELIVERY);
				application.stop();
				application.start();
				backend.receiver().reset();
				backend.receiver().awaitMetricNamed("restarts", DELIVERY);
			});
	}

	@Test
	void lineLoggedWhileABeanUsingTheSdkIsDestroyedReachesTheBackend() {
		this.contextRunner.withUserConfiguration(SdkUserConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SdkUser.class);
		});
		assertThat(bodies(backend.receiver().awaitLogRecords(LOGGER_NAME, 1, DELIVERY)))
			.containsExactly("Closing the SDK user");
	}

	@Test
	void lineLoggedAfterTheLogPipelinesShutDownIsCountedAsDropped(CapturedOutput output) {
		AtomicReference<BackendPipelines> pipelines = new AtomicReference<>();
		// Created before the SDK, the plain bean is destroyed after it: its line cannot
		// be exported any more
		this.contextRunner.withUserConfiguration(PlainConfiguration.class)
			.run((context) -> pipelines.set(context.getBean(BackendPipelines.class)));
		assertThat(output).contains("Closing the plain bean")
			.contains("1 log events logged after the telemetry log pipelines had shut down");
		assertThat(pipelines.get().find("a", Signal.LOGS).orElseThrow().snapshot().dropped()).isEqualTo(1);
		assertThat(backend.receiver().logRecords(LOGGER_NAME)).isEmpty();
	}

	private static List<String> bodies(List<LogRecord> records) {
		return records.stream().map((record) -> record.getBody().getStringValue()).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class PlainConfiguration {

		@Bean
		PlainBean plainBean() {
			return new PlainBean();
		}

	}

	static class PlainBean {

		@PreDestroy
		void close() {
			logger.info("Closing the plain bean");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SdkUserConfiguration {

		@Bean
		SdkUser sdkUser(OpenTelemetry openTelemetry) {
			return new SdkUser(openTelemetry);
		}

	}

	static class SdkUser {

		SdkUser(OpenTelemetry openTelemetry) {
		}

		@PreDestroy
		void close() {
			logger.info("Closing the SDK user");
		}

	}

}
