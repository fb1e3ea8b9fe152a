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
package io.github.dualexport.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;
import io.github.dualexport.autoconfigure.backend.ResolvedBackends;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the sample's embedded default and its {@code dev} and {@code prod} profiles.
 *
 * @author Dual Export contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleProfilesTests {

	@Test
	void defaultRunPrintsTheHelloTraceAsOtlpJsonOnStdout(CapturedOutput output) {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--telemetry.defaults.traces.schedule-delay=100ms")) {
			assertThat(backendNames(context)).containsExactly("console");
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			RestClient.create("http://127.0.0.1:" + port)
				.get()
				.uri("/hello?name=newcomer")
				.retrieve()
				.toBodilessEntity();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut().contains("\"stringValue\":\"newcomer\""));
			assertThat(output.getOut()).contains("\"traceId\":\"", "\"name\":\"hello.greet\"",
					"\"name\":\"http get /hello\"");
		}
	}

	@Test
	void consoleBackendCanBeSwitchedOff() {
		try (ConfigurableApplicationContext context = run("--telemetry.backends.console.enabled=false")) {
			assertThat(backendNames(context)).isEmpty();
		}
	}

	@Test
	void devProfileExportsToVictoriaOnlyWithEveryTraceSampled() {
		try (ConfigurableApplicationContext context = run("--spring.profiles.active=dev",
				"--VICTORIA_TRACES_URL=http://traces.internal:10428")) {
			assertThat(backendNames(context)).containsExactly("victoria");
			ResolvedBackend victoria = context.getBean(ResolvedBackends.class).backends().get(0);
			assertThat(victoria.endpoints().values()).containsExactly(
					"http://traces.internal:10428/insert/opentelemetry/v1/traces",
					"http://localhost:8428/opentelemetry/v1/metrics",
					"http://localhost:9428/insert/opentelemetry/v1/logs");
			assertThat(context.getEnvironment().getProperty("management.tracing.sampling.probability"))
				.isEqualTo("1.0");
		}
	}

	@Test
	void prodProfileExportsToVictoriaAndUptraceSamplingTenPercent() {
		try (ConfigurableApplicationContext context = run("--spring.profiles.active=prod",
				"--UPTRACE_DSN=http://token@uptrace.internal:14318?grpc=14317")) {
			assertThat(backendNames(context)).containsExactlyInAnyOrder("victoria", "uptrace");
			assertThat(context.getEnvironment().getProperty("management.tracing.sampling.probability"))
				.isEqualTo("0.1");
		}
	}

	@Test
	void prodProfileNeitherExposesTheWritableBackendsEndpointNorHealthDetails() {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.profiles.active=prod", "--UPTRACE_ENABLED=false", "--telemetry.logs.capture.enabled=false",
				"--telemetry.defaults.retry.enabled=false")) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			RestClient client = RestClient.builder()
				.baseUrl("http://127.0.0.1:" + port)
				.defaultStatusHandler((status) -> true, (request, response) -> {
				})
				.build();
			assertThat(client.post()
				.uri("/actuator/telemetrybackends/victoria")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("enabled", false))
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value()).isEqualTo(404);
			assertThat(client.get().uri("/actuator/telemetrybackends").retrieve().toBodilessEntity().getStatusCode())
				.isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(context.getBean(BackendPipelines.class).of("victoria")).allMatch(SignalPipeline::isEnabled);
			assertThat(client.get().uri("/actuator/health").retrieve().body(String.class)).doesNotContain("victoria");
		}
	}

	@Test
	void prodProfileCanLeaveUptraceOut() {
		try (ConfigurableApplicationContext context = run("--spring.profiles.active=prod", "--UPTRACE_ENABLED=false")) {
			assertThat(backendNames(context)).containsExactly("victoria");
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--spring.main.web-application-type=none";
		// No backend listens here: captured startup lines and the final metrics export
		// would hold the close until their exports gave up
		all[1] = "--telemetry.logs.capture.enabled=false";
		all[2] = "--telemetry.defaults.retry.enabled=false";
		System.arraycopy(args, 0, all, 3, args.length);
		return SpringApplication.run(SampleApplication.class, all);
	}

	private static List<String> backendNames(ConfigurableApplicationContext context) {
		return context.getBean(ResolvedBackends.class).backends().stream().map(ResolvedBackend::name).toList();
	}

}
