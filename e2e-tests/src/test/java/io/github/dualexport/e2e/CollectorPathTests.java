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
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The move to a Collector that the README describes, with a real OpenTelemetry Collector:
 * the {@code /actuator/collectorconfig} output of the {@code victoria} backend, with
 * sampling, a drop rule and a masked attribute, is the Collector's whole configuration;
 * then the app sends everything to that Collector as its one backend, and the data
 * arrives in VictoriaMetrics, VictoriaLogs and Jaeger with the settings applied there.
 *
 * @author Dual Export contributors
 */
class CollectorPathTests {

	private static final int SAMPLED_REQUESTS = 40;

	private static final int DROPPED_REQUESTS = 20;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final List<TraceContext> traces = new ArrayList<>();

	private static final List<TraceContext> droppedGreetings = new ArrayList<>();

	private static RealBackends backends;

	private static SampleApp app;

	private static String configuration;

	@BeforeAll
	static void runTheCollectorWithTheEndpointsOutputThenGreetThroughIt() throws Exception {
		Path work = E2e.freshFolder("collector");
		backends = RealBackends.start(work.resolve("backends"), "victoria-metrics", "victoria-logs", "jaeger");
		Map<String, String> victoria = Map.of("VICTORIA_METRICS_URL", backends.url("VICTORIA_METRICS_URL"),
				"VICTORIA_LOGS_URL", backends.url("VICTORIA_LOGS_URL"), "VICTORIA_TRACES_URL",
				backends.url("JAEGER_OTLP_HTTP_URL") + "/v1/traces");
		// Another service name, so that its own telemetry stays apart from what is
		// counted
		try (SampleApp source = SampleApp.start(work.resolve("config-source.log"), victoria,
				E2e.arguments("--spring.profiles.active=dev", "--spring.application.name=collector-config-source",
						"--telemetry.backends.victoria.traces.sampling.ratio=0.5",
						"--telemetry.backends.victoria.traces.drop[0].name=hello\\.greet",
						"--telemetry.backends.victoria.traces.drop[0].attribute=enduser.id",
						"--telemetry.backends.victoria.traces.drop[0].value=collector-dropped",
						"--telemetry.backends.victoria.redact.mask=enduser.id"))) {
			configuration = Http.get(source.url() + "/actuator/collectorconfig");
		}
		Path file = work.resolve("collector.yaml");
		Files.writeString(file, configuration);
		backends.startPrograms("otelcol=" + file);
		app = SampleApp.start(work.resolve("sample-app.log"), Map.of(),
				E2e.arguments("--telemetry.backends.console.enabled=false",
						"--telemetry.backends.collector.type=collector",
						"--telemetry.backends.collector.endpoint=" + backends.url("OTELCOL_OTLP_HTTP_URL")));
		// Fixed ids: the Collector's sampling decisions are the same on every run
		Random random = new Random(15);
		for (int i = 0; i < SAMPLED_REQUESTS; i++) {
			TraceContext trace = TraceContext.random(random);
			app.hello("collector-" + i, trace);
			traces.add(trace);
		}
		for (int i = 0; i < DROPPED_REQUESTS; i++) {
			TraceContext trace = TraceContext.random(random);
			app.hello("collector-dropped", trace);
			droppedGreetings.add(trace);
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
	void configurationHoldsTheSettingsAsCollectorProcessors() {
		assertThat(configuration).contains("probabilistic_sampler/victoria", "filter/victoria-traces",
				"attributes/victoria", "otlphttp/victoria", "compression_params");
	}

	@Test
	void metricsArriveInVictoriaMetricsThroughTheCollector() {
		String vm = backends.url("VICTORIA_METRICS_URL");
		app.verify(() -> await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(
					Queries.promql(vm, "sum({__name__=\"hello.requests\", service.name=\"sample-app\"})"))
				.isEqualTo(SAMPLED_REQUESTS + DROPPED_REQUESTS)));
	}

	@Test
	void everyGreetingLineArrivesInVictoriaLogsThroughTheCollector() {
		String vl = backends.url("VICTORIA_LOGS_URL");
		app.verify(() -> await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(
					Queries.logCount(vl, "service.name:=\"sample-app\" _msg:~\"^Greeting collector-\""))
				.isEqualTo(SAMPLED_REQUESTS + DROPPED_REQUESTS)));
	}

	@Test
	void sampledTracesArriveInJaegerWholeWithTheUserMasked() {
		String jaeger = backends.url("JAEGER_QUERY_URL");
		// The traces kept are known once two polls a second apart find the same ones
		AtomicReference<List<Integer>> previous = new AtomicReference<>(List.of());
		List<Integer> kept = app.verify(() -> await().atMost(TIMEOUT)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> keptTraces(jaeger), (now) -> !now.isEmpty() && now.equals(previous.getAndSet(now))));
		// 40 traces at 50 %: far from none and from all
		assertThat(kept.size()).isBetween(SAMPLED_REQUESTS / 4, SAMPLED_REQUESTS * 3 / 4);
		for (int i : kept) {
			List<Map<String, Object>> spans = Queries.jaegerSpans(jaeger, traces.get(i).traceId());
			// kept or dropped as a whole: the decision depends on the trace id only
			assertThat(Queries.named(spans, "http get /hello")).hasSize(1);
			Object user = Queries.tag(E2e.single(Queries.named(spans, "hello.greet")), "enduser.id");
			assertThat(user).asString().isNotEqualTo("collector-" + i).matches("[0-9a-f]{64}");
		}
		// The emitted sampler decides as the starter's own would: the very same traces
		assertThat(kept).isEqualTo(starterKeeps());
	}

	// The indexes of the traces of which Jaeger has at least one span
	private static List<Integer> keptTraces(String jaeger) {
		List<Integer> kept = new ArrayList<>();
		for (int i = 0; i < SAMPLED_REQUESTS; i++) {
			if (!Queries.jaegerSpans(jaeger, traces.get(i).traceId()).isEmpty()) {
				kept.add(i);
			}
		}
		return kept;
	}

	@Test
	void dropRuleRemovesTheGreetingSpanOnly() {
		String jaeger = backends.url("JAEGER_QUERY_URL");
		app.verify(() -> await().atMost(TIMEOUT).untilAsserted(() -> {
			int found = 0;
			for (TraceContext trace : droppedGreetings) {
				List<Map<String, Object>> spans = Queries.jaegerSpans(jaeger, trace.traceId());
				if (!spans.isEmpty()) {
					assertThat(Queries.named(spans, "hello.greet")).isEmpty();
					assertThat(Queries.named(spans, "http get /hello")).hasSize(1);
					found++;
				}
			}
			assertThat(found).isPositive();
		}));
	}

	// The indexes of the traces that the starter's sampler (SpanSelector) keeps at 0.5:
	// the 56 low-order bits of the trace id at or above the rejection threshold 2^55
	private static List<Integer> starterKeeps() {
		List<Integer> keeps = new ArrayList<>();
		for (int i = 0; i < SAMPLED_REQUESTS; i++) {
			String traceId = traces.get(i).traceId();
			if (Long.parseUnsignedLong(traceId.substring(traceId.length() - 14), 16) >= (1L << 55)) {
				keeps.add(i);
			}
		}
		return keeps;
	}

}
