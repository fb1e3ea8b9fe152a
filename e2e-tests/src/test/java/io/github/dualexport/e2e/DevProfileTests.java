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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app's {@code dev} profile (the {@code victoria} backend only) against the
 * real VictoriaMetrics and VictoriaLogs, and Jaeger for traces (the Go module proxy
 * serves no VictoriaTraces release): each signal is read back through the product's own
 * query API.
 *
 * @author Dual Export contributors
 */
class DevProfileTests {

	private static final int REQUESTS = 5;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final List<TraceContext> traces = new ArrayList<>();

	private static RealBackends backends;

	private static SampleApp app;

	@BeforeAll
	static void startBackendsAndAppThenGreet() throws Exception {
		Path work = E2e.freshFolder("dev");
		backends = RealBackends.start(work.resolve("backends"), "victoria-metrics", "victoria-logs", "jaeger");
		app = SampleApp.start(work.resolve("sample-app.log"),
				Map.of("VICTORIA_METRICS_URL", backends.url("VICTORIA_METRICS_URL"), "VICTORIA_LOGS_URL",
						backends.url("VICTORIA_LOGS_URL"), "VICTORIA_TRACES_URL",
						backends.url("JAEGER_OTLP_HTTP_URL") + "/v1/traces"),
				E2e.arguments("--spring.profiles.active=dev"));
		Random random = new Random();
		for (int i = 0; i < REQUESTS; i++) {
			TraceContext trace = TraceContext.random(random);
			assertThat(app.hello("dev-" + i, trace)).isEqualTo("Hello, dev-" + i + "!");
			traces.add(trace);
		}
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
	void helloRequestsCounterIsReadBackWithPromql() {
		// OTLP names are kept as they are (no Prometheus translation): a dotted name is
		// selected through __name__
		String vm = backends.url("VICTORIA_METRICS_URL");
		app.verify(() -> await().atMost(TIMEOUT)
			.untilAsserted(
					() -> assertThat(Queries.promql(vm, "sum({__name__=\"hello.requests\"})")).isEqualTo(REQUESTS)));
	}

	@Test
	void httpServerRequestsOfHelloAreReadBackWithPromql() {
		// A Micrometer timer arrives as an OTLP histogram: _count, _sum and _bucket
		// series
		String vm = backends.url("VICTORIA_METRICS_URL");
		app.verify(() -> await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(Queries.promql(vm,
					"sum({__name__=\"http.server.requests_count\", uri=\"/hello\", method=\"GET\", status=\"200\"})"))
				.isEqualTo(REQUESTS)));
		assertThat(Queries.promql(vm,
				"histogram_quantile(0.5, sum by (le) ({__name__=\"http.server.requests_bucket\", uri=\"/hello\"}))"))
			.isPositive();
	}

	@Test
	void traceByIdHasTheGreetingChildSpanCarryingTheUser() {
		String jaeger = backends.url("JAEGER_QUERY_URL");
		for (int i = 0; i < REQUESTS; i++) {
			TraceContext trace = traces.get(i);
			String user = "dev-" + i;
			app.verify(() -> await().atMost(TIMEOUT).untilAsserted(() -> {
				List<Map<String, Object>> spans = Queries.jaegerSpans(jaeger, trace.traceId());
				Map<String, Object> server = E2e.single(Queries.named(spans, "http get /hello"));
				Map<String, Object> greeting = E2e.single(Queries.named(spans, "hello.greet"));
				assertThat(Queries.tag(greeting, "enduser.id")).isEqualTo(user);
				assertThat(E2e.parentSpanId(greeting)).isEqualTo(server.get("spanID"));
				assertThat(E2e.parentSpanId(server)).isEqualTo(trace.parentSpanId());
			}));
		}
	}

	@Test
	void greetingLogLineIsReadBackWithLogsqlCarryingTheIdsOfTheGreetingSpan() {
		String jaeger = backends.url("JAEGER_QUERY_URL");
		String vl = backends.url("VICTORIA_LOGS_URL");
		TraceContext trace = traces.get(0);
		app.verify(() -> await().atMost(TIMEOUT).untilAsserted(() -> {
			Map<String, Object> greeting = E2e
				.single(Queries.named(Queries.jaegerSpans(jaeger, trace.traceId()), "hello.greet"));
			Map<String, Object> line = E2e.single(Queries.logsql(vl, "_msg:=\"Greeting dev-0\""));
			assertThat(line).containsEntry("trace_id", trace.traceId())
				.containsEntry("span_id", greeting.get("spanID"))
				.containsEntry("severity_text", "INFO")
				.containsEntry("scope.name", "io.github.dualexport.sample.HelloController")
				.containsEntry("service.name", "sample-app");
		}));
	}

}
