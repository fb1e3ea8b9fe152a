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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import io.github.dualexport.test.OtlpIds;
import io.github.dualexport.test.OtlpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the sample application started with two {@code type: otlp} backends, one over
 * http/protobuf and one over gRPC: every {@code /hello} trace, its log line and the
 * application's metrics reach both.
 *
 * @author Dual Export contributors
 */
class SampleApplicationTwoBackendsTests {

	private static final int REQUESTS = 25;

	private static final OtlpReceiver first = OtlpReceiver.start();

	private static final OtlpReceiver second = OtlpReceiver.start();

	private static ConfigurableApplicationContext application;

	private static int port;

	@BeforeAll
	static void startApplicationWithTwoBackendsOnTheCommandLine() {
		application = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--telemetry.backends.console.enabled=false", "--telemetry.backends.first.type=otlp",
				"--telemetry.backends.first.endpoint=" + first.httpEndpoint(), "--telemetry.backends.second.type=otlp",
				"--telemetry.backends.second.endpoint=" + second.grpcEndpoint(),
				"--telemetry.backends.second.protocol=grpc", "--telemetry.defaults.traces.schedule-delay=200ms",
				"--telemetry.defaults.logs.schedule-delay=200ms", "--telemetry.defaults.metrics.interval=200ms");
		port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	@AfterAll
	static void stopApplicationAndReceivers() {
		application.close();
		first.close();
		second.close();
	}

	@Test
	void everyHelloTraceReachesBothBackends() {
		RestClient client = RestClient.create("http://127.0.0.1:" + port);
		for (int i = 0; i < REQUESTS; i++) {
			String body = client.get().uri("/hello?name=user-{i}", i).retrieve().body(String.class);
			assertThat(body).isEqualTo("Hello, user-" + i + "!");
		}
		Set<String> helloTraces = await(first, "user-");
		assertThat(helloTraces).hasSize(REQUESTS).isEqualTo(await(second, "user-"));
		// A server span ends after its child: it may leave in a later batch
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(traceIds(serverSpans(first))).containsAll(helloTraces));
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(traceIds(serverSpans(second))).containsAll(helloTraces));
	}

	@Test
	void greetingIsAChildSpanOfTheServerSpanCarryingTheUser() {
		RestClient.create("http://127.0.0.1:" + port).get().uri("/hello?name=ada").retrieve().toBodilessEntity();
		Span greeting = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> greetings(first, "ada"), (spans) -> !spans.isEmpty())
			.get(0);
		// The server span ends after its child: it may leave in a later batch
		Span server = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> serverSpans(first).stream()
				.filter((span) -> span.getTraceId().equals(greeting.getTraceId()))
				.findFirst(), Optional::isPresent)
			.get();
		assertThat(greeting.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
	}

	@Test
	void actuatorShowsEachBackendsHealthStateAndExportMetrics() {
		RestClient client = RestClient.create("http://127.0.0.1:" + port);
		client.get().uri("/hello").retrieve().toBodilessEntity();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> client.get().uri("/actuator/health/telemetry").retrieve().body(String.class),
					(health) -> health.contains("\"first\":{\"details\"") && !health.contains("UNKNOWN"));
		assertThat(client.get().uri("/actuator/health/telemetry").retrieve().body(String.class))
			.contains("\"status\":\"UP\"");
		assertThat(client.get().uri("/actuator/telemetrybackends").retrieve().body(String.class)).contains("\"first\":",
				"\"second\":", "\"protocol\":\"grpc\"");
		assertThat(client.get().uri("/actuator/prometheus").retrieve().body(String.class)).contains(
				"telemetry_backend_exported_total{backend=\"first\",outcome=\"success\",signal=\"traces\"}",
				"telemetry_backend_export_duration_seconds_count{backend=\"second\",outcome=\"success\",signal=\"traces\"}",
				"telemetry_backend_export_duration_seconds_bucket{backend=\"first\",outcome=\"success\",signal=\"traces\",le=\"",
				"telemetry_backend_queue_capacity{backend=\"first\",signal=\"traces\"} 2048");
	}

	@Test
	void greetingLogLineReachesBothBackendsWithTheIdsOfTheGreetingSpan() {
		RestClient.create("http://127.0.0.1:" + port).get().uri("/hello?name=grace").retrieve().toBodilessEntity();
		Span greeting = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> greetings(first, "grace"), (spans) -> !spans.isEmpty())
			.get(0);
		for (OtlpReceiver receiver : List.of(first, second)) {
			LogRecord line = Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> greetingLines(receiver, "grace"), (lines) -> !lines.isEmpty())
				.get(0);
			assertThat(line.getSeverityText()).isEqualTo("INFO");
			assertThat(line.getTraceId()).isEqualTo(greeting.getTraceId());
			assertThat(line.getSpanId()).isEqualTo(greeting.getSpanId());
		}
	}

	@Test
	void helloRequestsCounterReachesBothBackends() {
		RestClient client = RestClient.create("http://127.0.0.1:" + port);
		for (int i = 0; i < 3; i++) {
			client.get().uri("/hello?name=counted").retrieve().toBodilessEntity();
		}
		double count = application.getBean(MetricsEndpoint.class)
			.metric("hello.requests", null)
			.getMeasurements()
			.get(0)
			.getValue();
		assertThat(count).isGreaterThanOrEqualTo(3);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> latestValue(first, "hello.requests") == count
					&& latestValue(second, "hello.requests") == count);
	}

	@Test
	void httpServerAndJvmMetricsReachBothBackends() {
		RestClient.create("http://127.0.0.1:" + port).get().uri("/hello").retrieve().toBodilessEntity();
		for (OtlpReceiver receiver : List.of(first, second)) {
			receiver.awaitMetricNamed("http.server.requests", Duration.ofSeconds(10));
			receiver.awaitMetricNamed("jvm.memory.used", Duration.ofSeconds(10));
		}
	}

	@Test
	void anonymousIsTheDefaultName() {
		String body = RestClient.create("http://127.0.0.1:" + port).get().uri("/hello").retrieve().body(String.class);
		assertThat(body).isEqualTo("Hello, anonymous!");
	}

	private static double latestValue(OtlpReceiver receiver, String name) {
		List<NumberDataPoint> points = receiver.metrics()
			.stream()
			.filter((metric) -> metric.getName().equals(name))
			.flatMap((metric) -> metric.getSum().getDataPointsList().stream())
			.toList();
		return points.isEmpty() ? Double.NaN : points.get(points.size() - 1).getAsDouble();
	}

	private static Set<String> await(OtlpReceiver receiver, String userPrefix) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> greetings(receiver, userPrefix).size() >= REQUESTS);
		return traceIds(greetings(receiver, userPrefix));
	}

	private static List<Span> greetings(OtlpReceiver receiver, String userPrefix) {
		return receiver.spans()
			.stream()
			.filter((span) -> span.getName().equals("hello.greet"))
			.filter((span) -> span.getAttributesList()
				.stream()
				.anyMatch((attribute) -> attribute.getKey().equals("enduser.id")
						&& attribute.getValue().getStringValue().startsWith(userPrefix)))
			.toList();
	}

	private static List<LogRecord> greetingLines(OtlpReceiver receiver, String name) {
		return receiver.logRecords(HelloController.class.getName())
			.stream()
			.filter((record) -> record.getBody().getStringValue().equals("Greeting " + name))
			.toList();
	}

	private static List<Span> serverSpans(OtlpReceiver receiver) {
		return receiver.spans().stream().filter((span) -> span.getName().equals("http get /hello")).toList();
	}

	private static Set<String> traceIds(List<Span> spans) {
		return spans.stream().map((span) -> OtlpIds.toHex(span.getTraceId())).collect(Collectors.toSet());
	}

}
