package io.github.dualexport.test;

import java.util.List;

import com.google.protobuf.Message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link OtlpReceiverAssert}.
 */
class OtlpReceiverAssertTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String OTHER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@RegisterExtension
	static OtlpReceiverExtension receiver = new OtlpReceiverExtension();

	@Test
	void passesForReceivedTelemetry() throws Exception {
		post("/v1/traces", OtlpTestData.traceRequest(TRACE_ID, "checkout", "checkout", "db"), "X-Tenant", "acme");
		post("/v1/traces", OtlpTestData.traceRequest(OTHER_TRACE_ID, "db"));
		post("/v1/metrics", OtlpTestData.metricsRequest("orders"));
		post("/v1/logs", OtlpTestData.logsRequest("order placed"));
		OtlpAssertions.assertThat(receiver)
			.hasReceivedTrace(TRACE_ID.toUpperCase())
			.hasReceivedTraceIds(List.of(TRACE_ID, OTHER_TRACE_ID))
			.hasReceivedSpanNamed("db")
			.hasReceivedSpansNamed("checkout", 2)
			.hasReceivedSpansNamed("db", 2)
			.hasReceivedHeader("x-tenant", "acme")
			.hasReceivedCompression("none")
			.hasReceivedMetricNamed("orders")
			.hasReceivedLogRecordWithBody("order placed");
		assertThat(receiver.spans()).hasSize(4);
		assertThat(receiver.traceIds()).containsExactly(TRACE_ID, OTHER_TRACE_ID);
		assertThat(receiver.metrics()).hasSize(1);
		assertThat(receiver.logRecords()).hasSize(1);
	}

	@Test
	void failsWithDescriptiveMessages() throws Exception {
		post("/v1/traces", OtlpTestData.traceRequest(TRACE_ID, "checkout"));
		OtlpReceiverAssert assertion = OtlpAssertions.assertThat(receiver.receiver());
		assertFails(() -> assertion.hasReceivedTrace(OTHER_TRACE_ID),
				"Expected to have received trace <" + OTHER_TRACE_ID);
		assertFails(() -> assertion.hasReceivedTraceIds(List.of(TRACE_ID, OTHER_TRACE_ID)),
				"traces <[" + OTHER_TRACE_ID + "]> are missing");
		assertFails(() -> assertion.hasReceivedSpanNamed("db"), "received spans named <[checkout]>");
		assertFails(() -> assertion.hasReceivedSpansNamed("checkout", 2), "Expected to have received 2 span(s)");
		assertFails(assertion::hasReceivedNoSpans, "Expected to have received no spans");
		assertFails(() -> assertion.hasReceivedNoRequests(Signal.TRACES), "received 1 on paths <[/v1/traces]>");
		assertFails(() -> assertion.hasReceivedHeader("x-tenant", "acme"), "header <x-tenant: acme>");
		assertFails(() -> assertion.hasReceivedCompression("gzip"), "compressed with <gzip> but received <[none]>");
		assertFails(() -> assertion.hasReceivedMetricNamed("orders"), "a metric named <orders>");
		assertFails(() -> assertion.hasReceivedLogRecordWithBody("order placed"), "a log record with body");
	}

	@Test
	void passesForAnEmptyReceiver() {
		OtlpAssertions.assertThat(receiver)
			.hasReceivedNoSpans()
			.hasReceivedNoRequests(Signal.TRACES)
			.hasReceivedNoRequests(Signal.METRICS)
			.hasReceivedNoRequests(Signal.LOGS);
		assertFails(() -> OtlpAssertions.assertThat(receiver).hasReceivedCompression("none"), "received no requests");
	}

	@Test
	void ignoresTelemetryOfRejectedRequestsButNotTheirHeaders() throws Exception {
		receiver.respondWithStatus(400);
		post("/v1/traces", OtlpTestData.traceRequest(TRACE_ID, "rejected"), "X-Tenant", "acme");
		OtlpAssertions.assertThat(receiver).hasReceivedNoSpans().hasReceivedHeader("X-Tenant", "acme");
		assertThat(receiver.requests(Signal.TRACES).get(0).spans()).hasSize(1);
	}

	private static void post(String path, Message message, String... headers) throws Exception {
		OtlpTestData.post(receiver.receiver(), path, message, headers);
	}

	private static void assertFails(Runnable assertion, String expectedMessage) {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(assertion::run)
			.withMessageContaining(expectedMessage);
	}

}
