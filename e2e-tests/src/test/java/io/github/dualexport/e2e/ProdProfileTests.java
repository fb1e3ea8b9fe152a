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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app's {@code prod} profile: two real backends at once, {@code victoria}
 * (VictoriaMetrics, VictoriaLogs, and a Jaeger for its traces) and {@code uptrace}, whose
 * place a second Jaeger takes (the {@code jaeger} preset: traces only, here over
 * OTLP/gRPC). Sampling stays at the profile's 10 %: a request carrying a sampled
 * {@code traceparent} is traced whatever the ratio.
 *
 * @author Dual Export contributors
 */
class ProdProfileTests {

	private static final int UNSOLICITED_REQUESTS = 30;

	private static final int SAMPLED_REQUESTS = 3;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final List<TraceContext> sampled = new ArrayList<>();

	private static RealBackends victoria;

	private static RealBackends second;

	private static SampleApp app;

	@BeforeAll
	static void startBackendsAndAppThenGreet() throws Exception {
		Path work = E2e.freshFolder("prod");
		victoria = RealBackends.start(work.resolve("victoria"), "victoria-metrics", "victoria-logs", "jaeger");
		second = RealBackends.start(work.resolve("second"), "jaeger");
		app = SampleApp.start(work.resolve("sample-app.log"),
				Map.of("VICTORIA_METRICS_URL", victoria.url("VICTORIA_METRICS_URL"), "VICTORIA_LOGS_URL",
						victoria.url("VICTORIA_LOGS_URL"), "VICTORIA_TRACES_URL",
						victoria.url("JAEGER_OTLP_HTTP_URL") + "/v1/traces"),
				E2e.arguments("--spring.profiles.active=prod", "--telemetry.backends.uptrace.type=jaeger",
						"--telemetry.backends.uptrace.protocol=grpc",
						"--telemetry.backends.uptrace.endpoint=" + second.url("JAEGER_OTLP_GRPC_URL")));
		for (int i = 0; i < UNSOLICITED_REQUESTS; i++) {
			app.hello("prod-unsolicited-" + i, null);
		}
		Random random = new Random();
		for (int i = 0; i < SAMPLED_REQUESTS; i++) {
			TraceContext trace = TraceContext.random(random);
			app.hello("prod-" + i, trace);
			sampled.add(trace);
		}
	}

	@AfterAll
	static void stopAppAndBackends() throws Exception {
		if (app != null) {
			app.close();
		}
		for (RealBackends backends : new RealBackends[] { victoria, second }) {
			if (backends != null) {
				backends.close();
			}
		}
	}

	@Test
	void sampledTraceIsFoundByIdInBothBackendsWithItsGreeting() {
		for (int i = 0; i < SAMPLED_REQUESTS; i++) {
			TraceContext trace = sampled.get(i);
			String user = "prod-" + i;
			for (String jaeger : List.of(victoria.url("JAEGER_QUERY_URL"), second.url("JAEGER_QUERY_URL"))) {
				app.verify(() -> await().atMost(TIMEOUT).untilAsserted(() -> {
					List<Map<String, Object>> spans = Queries.jaegerSpans(jaeger, trace.traceId());
					assertThat(Queries.tag(E2e.single(Queries.named(spans, "hello.greet")), "enduser.id"))
						.isEqualTo(user);
					assertThat(Queries.named(spans, "http get /hello")).hasSize(1);
				}));
			}
		}
	}

	@Test
	void bothBackendsHoldTheSameTraces() {
		Set<String> traces = new TreeSet<>();
		app.verify(() -> await().atMost(TIMEOUT).untilAsserted(() -> {
			Set<String> first = greetingTraces(victoria.url("JAEGER_QUERY_URL"));
			assertThat(first).containsAll(sampled.stream().map(TraceContext::traceId).toList())
				.isEqualTo(greetingTraces(second.url("JAEGER_QUERY_URL")));
			traces.clear();
			traces.addAll(first);
		}));
		System.out.printf(
				"Both backends hold the same %d greeting traces: %d of %d requests sampled at 0.1,"
						+ " and %d sent with a sampled traceparent%n",
				traces.size(), traces.size() - SAMPLED_REQUESTS, UNSOLICITED_REQUESTS, SAMPLED_REQUESTS);
	}

	@Test
	void crossBackendCheckScriptPassesAgainstTheRealPrograms() throws Exception {
		Path output = Path.of(System.getProperty("e2e.work"), "prod", "cross-backend-check.log");
		ProcessBuilder builder = new ProcessBuilder("sh",
				Path.of(System.getProperty("e2e.repository"), "scripts", "cross-backend-check.sh").toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment()
			.putAll(Map.of("APP_URL", app.url(), "VICTORIA_TRACES_JAEGER_API", victoria.url("JAEGER_QUERY_URL"),
					"SECOND_BACKEND", "jaeger", "JAEGER_QUERY_URL", second.url("JAEGER_QUERY_URL"), "REQUESTS", "3",
					"TIMEOUT", "60", "INTERVAL", "1"));
		Process process = builder.start();
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
		String printed = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(printed).isZero();
		assertThat(printed).contains("ok   VictoriaTraces has trace", "ok   Jaeger has trace", "PASS: trace ");
	}

	// The ids of the traces holding a hello.greet span, from Jaeger's search API
	private static Set<String> greetingTraces(String jaeger) throws IOException {
		String body = Http.get(jaeger + "/api/traces?service=sample-app&operation=hello.greet&limit=1000&lookback=1h");
		return new TreeSet<>(JsonPath.<List<String>>read(body, "$.data[*].traceID"));
	}

}
