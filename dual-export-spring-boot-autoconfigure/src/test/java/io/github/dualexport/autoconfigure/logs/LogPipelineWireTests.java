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
package io.github.dualexport.autoconfigure.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.github.dualexport.autoconfigure.DualExportAutoConfiguration;
import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.capture.SignalPipelines;
import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;
import io.github.dualexport.autoconfigure.traces.DualExportTracingAutoConfiguration;
import io.github.dualexport.test.OtlpIds;
import io.github.dualexport.test.OtlpReceiverExtension;
import io.github.dualexport.test.ReceivedRequest;
import io.github.dualexport.test.Transport;

import static io.github.dualexport.test.OtlpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests that the application's log events reach every backend that receives logs over
 * real sockets, correlated with the active span, each backend through its own pipeline
 * and severity gate, and that one backend's trouble neither blocks the logging call nor
 * feeds back into the exported logs.
 *
 * @author Dual Export contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class LogPipelineWireTests {

	private static final Duration DELIVERY = Duration.ofSeconds(5);

	private static final String LOGGER_NAME = "io.github.dualexport.wiretest.Orders";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	@RegisterExtension
	static final OtlpReceiverExtension first = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension second = new OtlpReceiverExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryLoggingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				DualExportAutoConfiguration.class, DualExportLoggingAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0",
				"telemetry.defaults.logs.schedule-delay=100ms", "telemetry.defaults.signals=logs");

	@Test
	void twoBackendsReceiveALogLineWithTheTraceAndSpanIdsOfTheActiveSpan() {
		this.contextRunner
			.withPropertyValues(http("a", first), "telemetry.backends.b.endpoint=" + second.grpcEndpoint(),
					"telemetry.backends.b.protocol=grpc")
			.run((context) -> {
				SpanContext span = inSpan(context, () -> logger.info("Order placed"));
				for (OtlpReceiverExtension receiver : List.of(first, second)) {
					LogRecord record = receiver.awaitLogRecords(LOGGER_NAME, 1, DELIVERY).get(0);
					assertThat(record.getBody().getStringValue()).isEqualTo("Order placed");
					assertThat(OtlpIds.toHex(record.getTraceId())).isEqualTo(span.getTraceId());
					assertThat(OtlpIds.toHex(record.getSpanId())).isEqualTo(span.getSpanId());
				}
				assertThat(first.requests(io.github.dualexport.test.Signal.LOGS)).extracting(ReceivedRequest::transport)
					.containsOnly(Transport.HTTP);
				assertThat(second.requests(io.github.dualexport.test.Signal.LOGS))
					.extracting(ReceivedRequest::transport)
					.containsOnly(Transport.GRPC);
			});
	}

	@Test
	void recordCarriesSeverityLoggerNameAndThread() {
		this.contextRunner.withPropertyValues(http("a", first)).run((context) -> {
			logger.warn("Stock low");
			LogRecord record = first.awaitLogRecords(LOGGER_NAME, 1, DELIVERY).get(0);
			assertThat(record.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
			assertThat(record.getSeverityText()).isEqualTo("WARN");
			assertThat(attribute(record, "thread.name")).hasValue(Thread.currentThread().getName());
			assertThat(first.requests(io.github.dualexport.test.Signal.LOGS)
				.stream()
				.flatMap((request) -> request.logsRequest().getResourceLogsList().stream())
				.flatMap((resourceLogs) -> resourceLogs.getScopeLogsList().stream())
				.map((scopeLogs) -> scopeLogs.getScope().getName())).contains(LOGGER_NAME);
		});
	}

	@Test
	void warnOnlyBackendReceivesWarningsButNoInfoRecords() {
		this.contextRunner
			.withPropertyValues(http("everything", first), http("warnings", second),
					"telemetry.backends.warnings.logs.min-severity=warn")
			.run((context) -> {
				logger.info("Order placed");
				logger.warn("Stock low");
				logger.error("Payment refused");
				assertThat(bodies(first.awaitLogRecords(LOGGER_NAME, 3, DELIVERY))).containsExactly("Order placed",
						"Stock low", "Payment refused");
				assertThat(bodies(second.awaitLogRecords(LOGGER_NAME, 2, DELIVERY))).containsExactly("Stock low",
						"Payment refused");
				assertThat(second.logRecords()).allSatisfy((record) -> assertThat(record.getSeverityNumber())
					.isGreaterThanOrEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN));
			});
	}

	@Test
	void debugRecordsAreLeftOutByTheDefaultMinimumSeverity() {
		this.contextRunner
			.withPropertyValues(http("default", first), http("verbose", second),
					"telemetry.backends.verbose.logs.min-severity=trace")
			.run((context) -> withLevel(ch.qos.logback.classic.Level.DEBUG, () -> {
				logger.debug("Cache miss");
				logger.info("Order placed");
				assertThat(bodies(second.awaitLogRecords(LOGGER_NAME, 2, DELIVERY))).containsExactly("Cache miss",
						"Order placed");
				assertThat(bodies(first.awaitLogRecords(LOGGER_NAME, 1, DELIVERY))).containsExactly("Order placed");
			}));
	}

	@Test
	void backendWithoutTheLogsSignalReceivesNoLogRecords() {
		this.contextRunner
			.withPropertyValues(http("logs", first), http("traces-only", second),
					"telemetry.backends.traces-only.signals=traces")
			.run((context) -> {
				logger.info("Order placed");
				first.awaitLogRecords(LOGGER_NAME, 1, DELIVERY);
				assertThat(((SignalPipelines<?>) context.getBean("telemetryLogPipelines")).pipelines())
					.extracting(SignalPipeline::backend)
					.containsExactly("logs");
				assertThat(second.receiver()).hasReceivedNoRequests(io.github.dualexport.test.Signal.LOGS);
			});
	}

	@Test
	void mdcKeysChosenByThePropertyArriveAsAttributes() {
		this.contextRunner.withPropertyValues(http("a", first), "telemetry.logs.capture.mdc-keys=tenant,order.*")
			.run((context) -> {
				MDC.put("tenant", "acme");
				MDC.put("order.id", "o-42");
				MDC.put("session", "secret-session");
				try {
					logger.info("Order placed");
				}
				finally {
					MDC.clear();
				}
				LogRecord record = first.awaitLogRecords(LOGGER_NAME, 1, DELIVERY).get(0);
				assertThat(attribute(record, "tenant")).hasValue("acme");
				assertThat(attribute(record, "order.id")).hasValue("o-42");
				assertThat(attribute(record, "session")).isEmpty();
			});
	}

	@Test
	void redactionRemovesAndMasksLogAttributesForItsBackendOnly() {
		this.contextRunner
			.withPropertyValues(http("full", first), http("redacted", second),
					"telemetry.logs.capture.mdc-keys=enduser.id,client.address",
					"telemetry.backends.redacted.redact.attributes=enduser.id",
					"telemetry.backends.redacted.redact.mask=client.address")
			.run((context) -> {
				MDC.put("enduser.id", "ada");
				MDC.put("client.address", "10.1.2.3");
				try {
					logger.info("Greeting");
				}
				finally {
					MDC.clear();
				}
				LogRecord original = first.awaitLogRecords(LOGGER_NAME, 1, DELIVERY).get(0);
				LogRecord redacted = second.awaitLogRecords(LOGGER_NAME, 1, DELIVERY).get(0);
				assertThat(attribute(original, "enduser.id")).hasValue("ada");
				assertThat(attribute(original, "client.address")).hasValue("10.1.2.3");
				assertThat(attribute(redacted, "enduser.id")).isEmpty();
				assertThat(attribute(redacted, "client.address"))
					.hasValueSatisfying((value) -> assertThat(value).startsWith("sha256:").isNotEqualTo("10.1.2.3"));
				assertThat(redacted.getBody().getStringValue()).isEqualTo("Greeting");
			});
	}

	@Test
	void exceptionTypeMessageAndStacktraceArriveAsAttributes() {
		this.contextRunner.withPropertyValues(http("a", first)).run((context) -> {
			logger.error("Payment failed", new IllegalStateException("card expired"));
			LogRecord record = first.awaitLogRecords(LOGGER_NAME, 1, DELIVERY).get(0);
			assertThat(record.getBody().getStringValue()).isEqualTo("Payment failed");
			assertThat(attribute(record, "exception.type")).hasValue(IllegalStateException.class.getName());
			assertThat(attribute(record, "exception.message")).hasValue("card expired");
			assertThat(attribute(record, "exception.stacktrace")).hasValueSatisfying(
					(stacktrace) -> assertThat(stacktrace).startsWith("java.lang.IllegalStateException: card expired")
						.contains("exceptionTypeMessageAndStacktraceArriveAsAttributes"));
		});
	}

	@Test
	void victoriaPresetPostsToTheVictoriaLogsPath() {
		this.contextRunner
			.withPropertyValues("telemetry.backends.victoria.type=victoria",
					"telemetry.backends.victoria.endpoint=" + first.httpEndpoint())
			.run((context) -> {
				logger.info("Order placed");
				first.awaitLogRecords(LOGGER_NAME, 1, DELIVERY);
				assertThat(first.requests()).extracting(ReceivedRequest::path)
					.containsOnly("/insert/opentelemetry/v1/logs");
			});
	}

	@Test
	void uptracePresetSendsTheDsnHeaderToTheLogsPath() {
		String dsn = "http://project_token@127.0.0.1:" + first.httpPort() + "?grpc=" + first.grpcPort();
		this.contextRunner
			.withPropertyValues("telemetry.backends.uptrace.type=uptrace", "telemetry.backends.uptrace.dsn=" + dsn)
			.run((context) -> {
				logger.info("Order placed");
				first.awaitLogRecords(LOGGER_NAME, 1, DELIVERY);
				assertThat(first.receiver()).hasReceivedHeader("uptrace-dsn", dsn);
				assertThat(first.requests()).extracting(ReceivedRequest::path).containsOnly("/v1/logs");
			});
	}

	@Test
	void blackHoledLogsBackendDoesNotDelayTheOtherBackend() {
		second.neverRespond();
		this.contextRunner.withPropertyValues(http("healthy", first), http("black-hole", second)).run((context) -> {
			logLines(10);
			first.awaitLogRecords(LOGGER_NAME, 10, DELIVERY);
			second.awaitRequests(io.github.dualexport.test.Signal.LOGS, 1, DELIVERY);
			logLines(10);
			first.awaitLogRecords(LOGGER_NAME, 20, DELIVERY);
			releaseHeldRequests(second);
		});
	}

	@Test
	void fullQueueOfADeadLogsBackendDropsAndCountsWithoutBlockingTheLoggingCall() {
		second.neverRespond();
		this.contextRunner
			.withPropertyValues(http("healthy", first), "telemetry.backends.healthy.logs.max-queue-size=10000",
					http("dead", second), "telemetry.backends.dead.logs.max-queue-size=50",
					"telemetry.backends.dead.logs.max-export-batch-size=10")
			.run((context) -> {
				// Logging would never return if a full queue made the caller wait
				assertTimeoutPreemptively(Duration.ofSeconds(30), () -> logLines(3000));
				first.awaitLogRecords(LOGGER_NAME, 3000, Duration.ofSeconds(10));
				PipelineSnapshot dead = snapshot(context, "dead");
				assertThat(dead.dropped()).isGreaterThan(2000);
				assertThat(dead.queueCapacity()).isEqualTo(50);
				assertThat(snapshot(context, "healthy").dropped()).isZero();
				releaseHeldRequests(second);
			});
	}

	@Test
	void switchedOffBackendTakesNoLogRecordsUntilSwitchedOn() {
		this.contextRunner.withPropertyValues(http("a", first)).run((context) -> {
			BackendPipelines pipelines = context.getBean(BackendPipelines.class);
			assertThat(pipelines.setEnabled("a", false)).isTrue();
			logger.info("While off");
			assertThat(pipelines.setEnabled("a", true)).isTrue();
			logger.info("While on");
			assertThat(bodies(first.awaitLogRecords(LOGGER_NAME, 1, DELIVERY))).containsExactly("While on");
		});
	}

	@Test
	void queuedLogRecordsAreFlushedToEveryBackendWhenTheContextCloses() {
		this.contextRunner
			.withPropertyValues(http("a", first), "telemetry.backends.b.endpoint=" + second.grpcEndpoint(),
					"telemetry.backends.b.protocol=grpc", "telemetry.defaults.logs.schedule-delay=60s")
			.run((context) -> logLines(100));
		assertThat(first.logRecords(LOGGER_NAME)).hasSize(100);
		assertThat(second.logRecords(LOGGER_NAME)).hasSize(100);
	}

	@Test
	void consoleBackendPrintsOtlpJsonLogLines(CapturedOutput output) {
		this.contextRunner.withPropertyValues("telemetry.backends.console.type=console").run((context) -> {
			logger.info("Order placed for console");
			await().atMost(DELIVERY).until(() -> output.getOut().contains("{\"resourceLogs\":["));
			assertThat(output.getOut()).contains("\"stringValue\":\"Order placed for console\"");
		});
	}

	@Test
	void appenderIsAttachedToTheRootLoggerAndDetachedWhenTheContextCloses() {
		this.contextRunner.withPropertyValues(http("a", first))
			.run((context) -> assertThat(rootLogger().getAppender(AppenderInstaller.APPENDER_NAME)).isNotNull());
		assertThat(rootLogger().getAppender(AppenderInstaller.APPENDER_NAME)).isNull();
	}

	@Test
	void switchingCaptureOffInstallsNoAppender() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DualExportTracingAutoConfiguration.class))
			.withPropertyValues(http("a", first), "telemetry.logs.capture.enabled=false",
					"telemetry.defaults.signals=logs,traces", "telemetry.defaults.traces.schedule-delay=100ms")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LogbackAppenderInstaller.class).hasBean("telemetryLogPipelines");
				assertThat(rootLogger().getAppender(AppenderInstaller.APPENDER_NAME)).isNull();
				inSpan(context, () -> logger.info("Order placed"));
				// The span reaching the backend shows the pipelines run; its log line
				// would follow on the same schedule
				first.awaitSpans(1, DELIVERY);
				await().during(Duration.ofMillis(300)).atMost(DELIVERY).until(() -> first.logRecords().isEmpty());
			});
	}

	@Test
	void exportFailureLogsAreNotExportedAgain(CapturedOutput output) {
		second.respondWithStatus(400);
		try (ConfigurableApplicationContext context = startApplication(http("healthy", first),
				http("rejecting", second))) {
			logLines(5);
			first.awaitLogRecords(LOGGER_NAME, 5, DELIVERY);
			await().atMost(DELIVERY).until(() -> snapshot(context, "rejecting").failed() >= 5);
			// The sender did log its failure through Logback, where the appender sees it
			await().atMost(DELIVERY)
				.until(() -> output.getOut().contains("Failed to export logs to backend 'rejecting'")
						&& output.getOut().contains("HTTP 400"));
			logLines(5);
			first.awaitLogRecords(LOGGER_NAME, 10, DELIVERY);
			await().during(Duration.ofMillis(500))
				.atMost(DELIVERY)
				.until(() -> exportersOwnRecords(first).isEmpty() && first.logRecords(LOGGER_NAME).size() == 10);
		}
	}

	@Test
	void linesTheSendPathLogsWhileExportingAreNotExportedAgain() {
		// Every library of the http and gRPC send paths logs what it does at its lowest
		// level, through the JUL bridge the logging system installs
		try (ConfigurableApplicationContext context = startApplication(http("http", first),
				"telemetry.backends.grpc.endpoint=" + second.grpcEndpoint(), "telemetry.backends.grpc.protocol=grpc",
				"telemetry.defaults.logs.min-severity=trace", "logging.level.okhttp3=trace", "logging.level.okio=trace",
				"logging.level.io.grpc=trace", "logging.level.io.netty=trace", "logging.level.io.opentelemetry=trace",
				"logging.level.io.github.dualexport=trace", "logging.level.jdk.internal.httpclient=trace",
				"logging.level.sun.net=trace", "logging.level.javax.net=trace", "spring.main.log-startup-info=false")) {
			for (int round = 0; round < 3; round++) {
				logLines(5);
				first.awaitLogRecords(LOGGER_NAME, 5 * (round + 1), DELIVERY);
				second.awaitLogRecords(LOGGER_NAME, 5 * (round + 1), DELIVERY);
			}
			await().during(Duration.ofMillis(500)).atMost(DELIVERY).untilAsserted(() -> {
				List<String> loggers = new ArrayList<>(receivedLoggerNames(first));
				loggers.addAll(receivedLoggerNames(second));
				assertThat(loggers)
					.allMatch((name) -> name.equals(LOGGER_NAME) || name.startsWith("org.springframework."));
			});
		}
	}

	@Test
	void twoApplicationContextsInOneJvmEachCaptureUntilTheirOwnClose() {
		this.contextRunner.withPropertyValues(http("a", first)).run((firstContext) -> {
			this.contextRunner.withPropertyValues(http("b", second)).run((secondContext) -> {
				logger.info("Both open");
				first.awaitLogRecords(LOGGER_NAME, 1, DELIVERY);
				second.awaitLogRecords(LOGGER_NAME, 1, DELIVERY);
			});
			logger.info("Second closed");
			await().atMost(DELIVERY)
				.untilAsserted(() -> assertThat(bodies(first.logRecords(LOGGER_NAME))).containsExactly("Both open",
						"Second closed"));
			assertThat(bodies(second.logRecords(LOGGER_NAME))).containsExactly("Both open");
		});
	}

	@Test
	void twoApplicationContextsInOneJvmEachCaptureUntilTheirOwnCloseWithLog4j2() {
		String log4jLoggerName = "io.github.dualexport.wiretest.Log4j2Orders";
		org.apache.logging.log4j.core.LoggerContext log4j = new org.apache.logging.log4j.core.LoggerContext(
				"log4j2-two-contexts-test");
		log4j.start(new DefaultConfiguration());
		log4j.getConfiguration().getRootLogger().setLevel(Level.INFO);
		log4j.updateLoggers();
		org.apache.logging.log4j.Logger log4jLogger = log4j.getLogger(log4jLoggerName);
		try {
			this.contextRunner.withPropertyValues(http("a", first)).run((firstContext) -> {
				Runnable detachFirst = Log4j2AppenderInstaller.attach(log4j, firstContext.getBean(OpenTelemetry.class),
						List.of());
				this.contextRunner.withPropertyValues(http("b", second)).run((secondContext) -> {
					Runnable detachSecond = Log4j2AppenderInstaller.attach(log4j,
							secondContext.getBean(OpenTelemetry.class), List.of());
					log4jLogger.info("Both open");
					first.awaitLogRecords(log4jLoggerName, 1, DELIVERY);
					second.awaitLogRecords(log4jLoggerName, 1, DELIVERY);
					detachSecond.run();
				});
				log4jLogger.info("Second closed");
				await().atMost(DELIVERY)
					.untilAsserted(() -> assertThat(bodies(first.logRecords(log4jLoggerName)))
						.containsExactly("Both open", "Second closed"));
				assertThat(bodies(second.logRecords(log4jLoggerName))).containsExactly("Both open");
				detachFirst.run();
			});
		}
		finally {
			log4j.stop();
		}
	}

	@Test
	void log4j2EventsReachTheBackendWithTheTraceAndSpanIdsOfTheActiveSpan() {
		String log4jLoggerName = "io.github.dualexport.wiretest.Log4j2Orders";
		this.contextRunner.withPropertyValues(http("a", first), "telemetry.backends.a.logs.min-severity=warn")
			.run((context) -> {
				org.apache.logging.log4j.core.LoggerContext log4j = new org.apache.logging.log4j.core.LoggerContext(
						"log4j2-wire-test");
				log4j.start(new DefaultConfiguration());
				log4j.getConfiguration().getRootLogger().setLevel(Level.INFO);
				log4j.updateLoggers();
				Runnable detach = Log4j2AppenderInstaller.attach(log4j, context.getBean(OpenTelemetry.class),
						List.of());
				try {
					org.apache.logging.log4j.Logger log4jLogger = log4j.getLogger(log4jLoggerName);
					SpanContext span = inSpan(context, () -> {
						log4jLogger.info("Order placed");
						log4jLogger.warn("Stock low");
					});
					log4j.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter").error("Export failed");
					LogRecord record = first.awaitLogRecords(log4jLoggerName, 1, DELIVERY).get(0);
					assertThat(record.getBody().getStringValue()).isEqualTo("Stock low");
					assertThat(OtlpIds.toHex(record.getTraceId())).isEqualTo(span.getTraceId());
					assertThat(OtlpIds.toHex(record.getSpanId())).isEqualTo(span.getSpanId());
					assertThat(attribute(record, "thread.name")).hasValue(Thread.currentThread().getName());
					await().during(Duration.ofMillis(300))
						.atMost(DELIVERY)
						.until(() -> first.logRecords(log4jLoggerName).size() == 1
								&& exportersOwnRecords(first).isEmpty());
				}
				finally {
					detach.run();
					log4j.stop();
				}
			});
	}

	private static ConfigurableApplicationContext startApplication(String... properties) {
		SpringApplication application = new SpringApplication(LoggingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off",
				"--telemetry.defaults.logs.schedule-delay=100ms", "--telemetry.defaults.signals=logs"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return application.run(args.toArray(String[]::new));
	}

	private static List<LogRecord> exportersOwnRecords(OtlpReceiverExtension receiver) {
		return receiver.requests(io.github.dualexport.test.Signal.LOGS)
			.stream()
			.filter(ReceivedRequest::accepted)
			.flatMap((request) -> request.logsRequest().getResourceLogsList().stream())
			.flatMap((resourceLogs) -> resourceLogs.getScopeLogsList().stream())
			.filter((scopeLogs) -> scopeLogs.getScope().getName().startsWith("io.opentelemetry")
					|| scopeLogs.getScope().getName().startsWith("io.github.dualexport.autoconfigure.pipeline"))
			.flatMap((scopeLogs) -> scopeLogs.getLogRecordsList().stream())
			.toList();
	}

	private static List<String> receivedLoggerNames(OtlpReceiverExtension receiver) {
		return receiver.requests(io.github.dualexport.test.Signal.LOGS)
			.stream()
			.filter(ReceivedRequest::accepted)
			.flatMap((request) -> request.logsRequest().getResourceLogsList().stream())
			.flatMap((resourceLogs) -> resourceLogs.getScopeLogsList().stream())
			.map((scopeLogs) -> scopeLogs.getScope().getName())
			.distinct()
			.toList();
	}

	private static SpanContext inSpan(ApplicationContext context, Runnable action) {
		Span span = context.getBean(OpenTelemetry.class).getTracer("wire-test").spanBuilder("operation").startSpan();
		try (Scope scope = span.makeCurrent()) {
			action.run();
		}
		finally {
			span.end();
		}
		return span.getSpanContext();
	}

	private static void withLevel(ch.qos.logback.classic.Level level, Runnable action) {
		ch.qos.logback.classic.Logger logbackLogger = (ch.qos.logback.classic.Logger) logger;
		ch.qos.logback.classic.Level previous = logbackLogger.getLevel();
		logbackLogger.setLevel(level);
		try {
			action.run();
		}
		finally {
			logbackLogger.setLevel(previous);
		}
	}

	private static ch.qos.logback.classic.Logger rootLogger() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
	}

	private static void logLines(int count) {
		for (int i = 0; i < count; i++) {
			logger.info("Order {} placed", i);
		}
	}

	private static List<String> bodies(List<LogRecord> records) {
		return records.stream().map((record) -> record.getBody().getStringValue()).toList();
	}

	private static Optional<String> attribute(LogRecord record, String key) {
		return record.getAttributesList()
			.stream()
			.filter((attribute) -> attribute.getKey().equals(key))
			.map(KeyValue::getValue)
			.map((value) -> value.getStringValue())
			.findFirst();
	}

	private static void releaseHeldRequests(OtlpReceiverExtension receiver) {
		// Lets the context close without waiting for the hanging exports to time out
		receiver.respondNormally();
	}

	private static PipelineSnapshot snapshot(ApplicationContext context, String backend) {
		return context.getBean(BackendPipelines.class).find(backend, Signal.LOGS).orElseThrow().snapshot();
	}

	private static String http(String name, OtlpReceiverExtension receiver) {
		return "telemetry.backends." + name + ".endpoint=" + receiver.httpEndpoint();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class,
			DualExportAutoConfiguration.class, DualExportLoggingAutoConfiguration.class })
	static class LoggingApplication {

	}

}
