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
package io.github.dualexport.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outage of a real backend: VictoriaLogs is killed mid-run and restarted on the same
 * port and data folder. VictoriaMetrics and Jaeger go on receiving everything meanwhile,
 * and the {@code victoria} backend, buffered on disk, leaves nothing missing: exact
 * counts are read back from VictoriaLogs afterwards.
 *
 * @author Dual Export contributors
 */
class OutageDrillTests {

	private static final int REQUESTS_BEFORE = 20;

	private static final int REQUESTS_DURING = 30;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static RealBackends backends;

	private static SampleApp app;

	private static Path buffer;

	@BeforeAll
	static void startBackendsAndApp() throws Exception {
		Path work = E2e.freshFolder("outage");
		backends = RealBackends.start(work.resolve("backends"), "victoria-metrics", "victoria-logs", "jaeger");
		buffer = work.resolve("buffer");
		app = SampleApp.start(work.resolve("sample-app.log"),
				Map.of("VICTORIA_METRICS_URL", backends.url("VICTORIA_METRICS_URL"), "VICTORIA_LOGS_URL",
						backends.url("VICTORIA_LOGS_URL"), "VICTORIA_TRACES_URL",
						backends.url("JAEGER_OTLP_HTTP_URL") + "/v1/traces"),
				E2e.arguments("--spring.profiles.active=dev", "--telemetry.backends.victoria.buffer.type=disk",
						"--telemetry.backends.victoria.buffer.directory=" + buffer,
						"--telemetry.backends.victoria.retry.initial-backoff=200ms",
						"--telemetry.backends.victoria.retry.max-backoff=1s"));
	}

	@AfterAll
	static void stopAppAndBackends() throws Exception {
		if (app != null) {
			app.close();
		}
		if (backends != null) {
			backends.close();
		}
	}

	@Test
	void nothingIsMissingAfterVictoriaLogsCrashesAndComesBack() throws Exception {
		String vm = backends.url("VICTORIA_METRICS_URL");
		String vl = backends.url("VICTORIA_LOGS_URL");
		String jaeger = backends.url("JAEGER_QUERY_URL");
		for (int i = 0; i < REQUESTS_BEFORE; i++) {
			app.hello("outage-before-" + i, null);
		}
		app.verify(() -> await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(greetings(vl, "outage-before-")).isEqualTo(REQUESTS_BEFORE)));
		// VictoriaLogs writes what it holds in memory to disk every second
		// (-inmemoryDataFlushInterval=1s): what it acknowledged before the crash survives
		// it
		await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
		backends.stop("victoria-logs", "KILL");

		Random random = new Random();
		List<TraceContext> traces = new ArrayList<>();
		for (int i = 0; i < REQUESTS_DURING; i++) {
			TraceContext trace = TraceContext.random(random);
			app.hello("outage-during-" + i, trace);
			traces.add(trace);
		}
		// The other backends are unaffected while VictoriaLogs is down
		app.verify(() -> await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(Queries.promql(vm, "sum({__name__=\"hello.requests\"})"))
				.isEqualTo(REQUESTS_BEFORE + REQUESTS_DURING)));
		app.verify(() -> await().atMost(TIMEOUT).untilAsserted(() -> {
			for (TraceContext trace : traces) {
				assertThat(Queries.named(Queries.jaegerSpans(jaeger, trace.traceId()), "hello.greet")).hasSize(1);
			}
		}));
		// The log records that VictoriaLogs could not take wait on disk
		app.verify(() -> await().atMost(TIMEOUT).until(() -> bufferedRequests("logs") > 0));

		long buffered = bufferedRequests("logs");
		long restarted = System.nanoTime();
		backends.startPrograms("victoria-logs");
		app.verify(() -> await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(greetings(vl, "outage-during-")).isEqualTo(REQUESTS_DURING)));
		System.out.printf(
				"VictoriaLogs down: %d log requests buffered on disk, all %d greetings read back %d ms"
						+ " after its restart%n",
				buffered, REQUESTS_DURING, Duration.ofNanos(System.nanoTime() - restarted).toMillis());
		// Exact counts, and they stay so: nothing lost and nothing sent twice
		app.verify(() -> await().pollDelay(Duration.ofSeconds(3)).atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(greetings(vl, "outage-before-")).isEqualTo(REQUESTS_BEFORE);
			assertThat(greetings(vl, "outage-during-")).isEqualTo(REQUESTS_DURING);
			assertThat(bufferedRequests("logs")).isZero();
		}));
	}

	private static long greetings(String victoriaLogs, String userPrefix) {
		return Queries.logCount(victoriaLogs, "service.name:=\"sample-app\" _msg:~\"^Greeting " + userPrefix + "\"");
	}

	// Requests kept on disk for the victoria backend and a signal
	private static long bufferedRequests(String signal) throws Exception {
		Path folder = buffer.resolve("victoria").resolve(signal);
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".req")).count();
		}
	}

}
