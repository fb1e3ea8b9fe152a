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
package io.github.dualexport.consumers;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.dualexport.test.OtlpIds;
import io.github.dualexport.test.OtlpReceiver;
import io.github.dualexport.test.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Builds each project of {@code consumers/} as its user would, with Spring Boot's own
 * parent or BOM and no version overrides, against the starter this reactor installed;
 * runs it with {@code java -jar} next to two OTLP receivers standing in for Victoria and
 * Uptrace, and checks that traces, metrics and logs reach both and that actuator shows
 * both backends.
 *
 * @author Dual Export contributors
 */
class ConsumerProjectsTests {

	private static final int REQUESTS = 3;

	private static final String USER = "consumer";

	private static final String LOGGER = "com.example.consumer.HelloController";

	private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(30);

	private static Reactor reactor;

	@BeforeAll
	static void localRepositoryHoldsTheStarterThisReactorBuilt() {
		reactor = Reactor.fromSystemProperties();
		reactor.assertInstalledStarterIsThisReactors();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(
			strings = { "boot-4.1-parent", "boot-4.1-bom", "boot-4.0-parent", "boot-4.0-bom", "boot-4.1-otel-newer" })
	void applicationExportsEverySignalToBothBackendsAndReportsTheirHealth(String name) throws Exception {
		ConsumerProject project = new ConsumerProject(reactor, name);
		Path jar = project.packageExecutableJar();
		try (OtlpReceiver victoria = OtlpReceiver.start(); OtlpReceiver uptrace = OtlpReceiver.start()) {
			String dsn = "http://consumer-token@127.0.0.1:" + uptrace.httpPort() + "?grpc=" + uptrace.grpcPort();
			Map<String, String> environment = Map.of("VICTORIA_TRACES_URL", victoria.httpEndpoint(),
					"VICTORIA_METRICS_URL", victoria.httpEndpoint(), "VICTORIA_LOGS_URL", victoria.httpEndpoint(),
					"UPTRACE_DSN", dsn);
			try (RunningApplication application = RunningApplication.start(name, jar, environment,
					project.directory().resolve("application.log"))) {
				application.verify(() -> {
					for (int i = 0; i < REQUESTS; i++) {
						HttpResponse<String> response = application.get("/hello?name=" + USER);
						assertThat(response.statusCode()).as("status of /hello answering %s", response.body())
							.isEqualTo(200);
						assertThat(response.body()).isEqualTo("Hello, " + USER + "!");
					}
				});
				application.verify(() -> {
					assertEverySignalArrived("victoria", victoria,
							AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
					assertEverySignalArrived("uptrace", uptrace, AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
					assertThat(spanIds(greetings(uptrace))).isEqualTo(spanIds(greetings(victoria)));
					assertVictoriaRequests(victoria);
					assertUptraceRequests(uptrace, dsn);
					assertBothBackendsHealthy(application);
				});
			}
		}
	}

	@Test
	void applicationWhoseOpenTelemetryArtifactsDoNotFitFailsStartupNamingTheVersionsAndTheFix() throws Exception {
		ConsumerProject project = new ConsumerProject(reactor, "boot-4.1-mismatched");
		Path jar = project.packageExecutableJar();
		Path output = project.directory().resolve("application.log");
		Map<String, String> environment = Map.of("VICTORIA_TRACES_URL", "http://127.0.0.1:1", "VICTORIA_METRICS_URL",
				"http://127.0.0.1:1", "VICTORIA_LOGS_URL", "http://127.0.0.1:1", "UPTRACE_DSN",
				"http://token@127.0.0.1:1?grpc=2");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> RunningApplication.start("boot-4.1-mismatched", jar, environment, output).close())
			.withMessageContaining("exited with code 1 before answering");
		assertThat(Files.readString(output)).contains("APPLICATION FAILED TO START")
			.contains("The OpenTelemetry artifacts on the classpath do not fit together")
			.contains("opentelemetry-api-incubator is 1.65.0-alpha but must be 1.62.0-alpha")
			.contains("io.opentelemetry:opentelemetry-api:1.62.0")
			.contains("opentelemetry-bom-alpha");
	}

	private static void assertEverySignalArrived(String backend, OtlpReceiver receiver,
			AggregationTemporality temporality) {
		List<Span> greetings = Awaitility.await("hello.greet spans of " + USER + " at " + backend)
			.atMost(EXPORT_TIMEOUT)
			.until(() -> greetings(receiver), (spans) -> spans.size() >= REQUESTS);
		assertThat(greetings).hasSize(REQUESTS);
		List<LogRecord> lines = Awaitility.await("greeting log lines at " + backend)
			.atMost(EXPORT_TIMEOUT)
			.until(() -> greetingLines(receiver), (records) -> records.size() >= REQUESTS);
		assertThat(lines).hasSize(REQUESTS).allSatisfy((line) -> {
			assertThat(line.getSeverityText()).isEqualTo("INFO");
			assertThat(spanIds(greetings)).contains(OtlpIds.toHex(line.getSpanId()));
		});
		Awaitility.await("hello.requests counting " + REQUESTS + " at " + backend)
			.atMost(EXPORT_TIMEOUT)
			.until(() -> counted(receiver, temporality), (count) -> count == REQUESTS);
	}

	private static List<Span> greetings(OtlpReceiver receiver) {
		return receiver.spans()
			.stream()
			.filter((span) -> span.getName().equals("hello.greet"))
			.filter((span) -> span.getAttributesList()
				.stream()
				.anyMatch((attribute) -> attribute.getKey().equals("enduser.id")
						&& attribute.getValue().getStringValue().equals(USER)))
			.toList();
	}

	private static List<LogRecord> greetingLines(OtlpReceiver receiver) {
		return receiver.logRecords(LOGGER)
			.stream()
			.filter((record) -> record.getBody().getStringValue().contains("Greeting " + USER))
			.toList();
	}

	/**
	 * Return what the {@code hello.requests} counter reached: its latest point under
	 * cumulative temporality, the sum of its points under delta.
	 */
	private static double counted(OtlpReceiver receiver, AggregationTemporality temporality) {
		List<Metric> metrics = receiver.metrics()
			.stream()
			.filter((metric) -> metric.getName().equals("hello.requests"))
			.toList();
		assertThat(metrics).allSatisfy(
				(metric) -> assertThat(metric.getSum().getAggregationTemporality()).as("temporality of hello.requests")
					.isEqualTo(temporality));
		List<Double> values = metrics.stream()
			.flatMap((metric) -> metric.getSum().getDataPointsList().stream())
			.map(NumberDataPoint::getAsDouble)
			.toList();
		if (values.isEmpty()) {
			return Double.NaN;
		}
		if (temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE) {
			return values.get(values.size() - 1);
		}
		return values.stream().mapToDouble(Double::doubleValue).sum();
	}

	/**
	 * Assert that the {@code victoria} preset sent each signal to its Victoria path, and
	 * no Uptrace header.
	 */
	private static void assertVictoriaRequests(OtlpReceiver victoria) {
		Map<Signal, String> paths = Map.of(Signal.TRACES, "/insert/opentelemetry/v1/traces", Signal.METRICS,
				"/opentelemetry/v1/metrics", Signal.LOGS, "/insert/opentelemetry/v1/logs");
		assertThat(victoria.requests()).allSatisfy((request) -> {
			assertThat(request.path()).isEqualTo(paths.get(request.signal()));
			assertThat(request.header("uptrace-dsn")).isNull();
		});
	}

	/**
	 * Assert that the {@code uptrace} preset sent each signal to the DSN's host and port
	 * on the standard path, with the DSN as header.
	 */
	private static void assertUptraceRequests(OtlpReceiver uptrace, String dsn) {
		assertThat(uptrace.requests()).allSatisfy((request) -> {
			assertThat(request.path()).isEqualTo(request.signal().httpPathSuffix());
			assertThat(request.header("uptrace-dsn")).isEqualTo(dsn);
		});
	}

	private static void assertBothBackendsHealthy(RunningApplication application) {
		String health = Awaitility.await("victoria and uptrace UP in /actuator/health")
			.atMost(EXPORT_TIMEOUT)
			.ignoreException(PathNotFoundException.class)
			.until(() -> application.get("/actuator/health").body(), backendsUp("victoria", "uptrace"));
		Map<String, Object> backends = JsonPath.read(health, "$.components.telemetry.components");
		assertThat(backends).containsOnlyKeys("victoria", "uptrace");
	}

	private static Predicate<String> backendsUp(String... backends) {
		return (health) -> {
			for (String backend : backends) {
				String status = JsonPath.read(health, "$.components.telemetry.components['" + backend + "'].status");
				if (!"UP".equals(status)) {
					return false;
				}
			}
			return true;
		};
	}

	private static Set<String> spanIds(List<Span> spans) {
		return spans.stream().map((span) -> OtlpIds.toHex(span.getSpanId())).collect(Collectors.toSet());
	}

}
