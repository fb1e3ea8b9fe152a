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
package io.github.dualexport.autoconfigure.pipeline;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.metrics.DualExportMetricsAutoConfiguration;
import io.github.dualexport.test.OtlpReceiverExtension;

import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that switching a backend on and off at runtime ends in the state of the last
 * call, whatever is still being flushed when it arrives.
 *
 * @author Dual Export contributors
 */
class BackendSwitchWireTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final OtlpReceiverExtension receiver = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				DualExportAutoConfiguration.class, DualExportMetricsAutoConfiguration.class))
		.withPropertyValues("telemetry.defaults.signals=metrics", "telemetry.defaults.metrics.interval=60s");

	@Test
	void enableArrivingWhileADisableFlushesWins() {
		this.contextRunner.withPropertyValues(http("a", receiver)).run((context) -> {
			BackendPipelines pipelines = context.getBean(BackendPipelines.class);
			// The disable first flushes the capture stage, which collects this gauge:
			// holding its callback holds the disable half-way
			CountDownLatch collecting = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			context.getBean(SdkMeterProvider.class)
				.get("switch-test")
				.gaugeBuilder("held")
				.buildWithCallback((measurement) -> {
					collecting.countDown();
					await(release);
					measurement.record(1);
				});
			CompletableFuture<Boolean> disable = CompletableFuture.supplyAsync(() -> pipelines.setEnabled("a", false));
			assertThat(collecting.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			assertThat(pipelines.setEnabled("a", true)).isTrue();
			release.countDown();
			disable.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(pipelines.find("a", Signal.METRICS).orElseThrow().isEnabled()).isTrue();
		});
	}

	@Test
	void disableArrivingWhileAnEarlierDisableFlushesStillSwitchesOff() {
		this.contextRunner.withPropertyValues(http("a", receiver)).run((context) -> {
			BackendPipelines pipelines = context.getBean(BackendPipelines.class);
			CountDownLatch collecting = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			context.getBean(SdkMeterProvider.class)
				.get("switch-test")
				.gaugeBuilder("held")
				.buildWithCallback((measurement) -> {
					collecting.countDown();
					await(release);
					measurement.record(1);
				});
			CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> pipelines.setEnabled("a", false));
			assertThat(collecting.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> pipelines.setEnabled("a", false));
			release.countDown();
			first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			second.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(pipelines.find("a", Signal.METRICS).orElseThrow().isEnabled()).isFalse();
		});
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
