package io.github.dualexport.test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions for the telemetry received by an {@link OtlpReceiver}.
 * <p>
 * Assertions about spans, metrics and log records consider accepted requests only, like
 * {@link OtlpReceiver#spans()}; assertions about requests, headers and compression
 * consider every received request.
 *
 * @see OtlpAssertions#assertThat(OtlpReceiver)
 */
public final class OtlpReceiverAssert extends AbstractAssert<OtlpReceiverAssert, OtlpReceiver> {

	/**
	 * Create a new assertion for the given receiver.
	 * @param actual the receiver to check
	 */
	public OtlpReceiverAssert(OtlpReceiver actual) {
		super(actual, OtlpReceiverAssert.class);
	}

	/**
	 * Verify that at least one span of the given trace has been received.
	 * @param traceIdHex the trace id as hexadecimal, in either case
	 * @return {@code this} assertion object
	 */
	public OtlpReceiverAssert hasReceivedTrace(String traceIdHex) {
		isNotNull();
		String traceId = traceIdHex.toLowerCase(Locale.ROOT);
		if (!this.actual.traceIds().contains(traceId)) {
			failWithMessage("Expected to have received trace <%s> but received traces <%s>", traceId,
					this.actual.traceIds());
		}
		return this;
	}

	/**
	 * Verify that spans of all the given traces have been received.
	 * @param traceIdsHex the trace ids as hexadecimal, in either case
	 * @return {@code this} assertion object
	 */
	public OtlpReceiverAssert hasReceivedTraceIds(Collection<String> traceIdsHex) {
		isNotNull();
		List<String> missing = new ArrayList<>();
		for (String traceIdHex : traceIdsHex) {
			String traceId = traceIdHex.toLowerCase(Locale.ROOT);
			if (!this.actual.traceIds().contains(traceId)) {
				missing.add(traceId);
			}
		}
		if (!missing.isEmpty()) {
			failWithMessage("Expected to have received traces <%s> but traces <%s> are missing from <%s>", traceIdsHex,
					missing, this.actual.traceIds());
		}
		return this;
	}

	/**
	 * Verify that at least one span with the given name has been received.
	 * @param name the span name
	 * @return {@code this} assertion object
	 */
	public OtlpReceiverAssert hasReceivedSpanNamed(String name) {
		isNotNull();
		if (spansNamed(name) == 0) {
			failWithMessage("Expected to have received a span named <%s> but received spans named <%s>", name,
					spanNames());
		}
		return this;
	}

	/**
	 * Verify that exactly the given number of spans with the given name has been
	 * received.
	 * @param name the span name
	 * @param count the expected number of spans
	 * @return {@code this} assertion object
	 */
	public OtlpReceiverAssert hasReceivedSpansNamed(String name, int count) {
		isNotNull();
		long actualCount = spansNamed(name);
		if (actualCount != count) {
			failWithMessage("Expected to have received %s span(s) named <%s> but received %s in <%s>", count, name,
					actualCount, spanNames());
		}
		return this;
	}

	/**
	 * Verify that no span has been received.
	 * @return {@code this} assertion object
	 */
	public OtlpReceiverAssert hasReceivedNoSpans() {
		isNotNull();
		if (!this.actual.spans().isEmpty()) {
			failWithMessage("Expected to have received no spans but received spans named <%s>", spanNames());
		}
		return this;
	}

	/**
	 * Verify that no request for the given signal has been received, whether accepted or
	 * not.
	 * @param signal the signal
	 * @return {@code this} assertion object
	 */
	public OtlpReceiverAssert hasReceivedNoRequests(Signal signal) {
		isNotNull();
		List<ReceivedRequest> requests = this.actual.requests(signal);
		if (!requests.isEmpty()) {
			failWithMessage("Expected to have received no %s requests but received %s on paths <%s>", signal,
					requests.size(), requests.stream().map(ReceivedRequest::path).toList());
		}
		return this;
	}

	/**
	 * Verify that at least one request carried the given header.
	 * @param name the header name, in any case
	 * @param value the exact header value
	 * @return {@code this} assertion object
	 */
	public OtlpReceiverAssert hasReceivedHeader(String name, String value) {
		isNotNull();
		List<String> values = this.actual.requests()
			.stream()
			.map((request) -> request.header(name))
			.filter(Objects::nonNull)
			.toList();
		if (!values.contains(value)) {
			failWithMessage("Expected a request with header <%s: %s> but received values <%s>", name, value, values);
		}
		return this;
	}

	/**
	 * Verify that requests have been received and that every one of them used the given
	 * compression.
	 * @param compression the content encoding, for example {@code gzip}, or {@code none}
	 * @return {@code this} assertion object
	 */
	public OtlpReceiverAssert hasReceivedCompression(String compression) {
		isNotNull();
		List<String> compressions = this.actual.requests().stream().map(ReceivedRequest::compression).toList();
		if (compressions.isEmpty()) {
			failWithMessage("Expected requests compressed with <%s> but received no requests", compression);
		}
		if (!compressions.stream().allMatch(compression::equalsIgnoreCase)) {
			failWithMessage("Expected every request to be compressed with <%s> but received <%s>", compression,
					compressions);
		}
		return this;
	}

	/**
	 * Verify that at least one metric with the given name has been received.
	 * @param name the metric name
	 * @return {@code this} assertion object
	 */
	public OtlpReceiverAssert hasReceivedMetricNamed(String name) {
		isNotNull();
		List<String> names = this.actual.metrics().stream().map(Metric::getName).toList();
		if (!names.contains(name)) {
			failWithMessage("Expected to have received a metric named <%s> but received metrics named <%s>", name,
					names);
		}
		return this;
	}

	/**
	 * Verify that at least one log record with the given string body has been received.
	 * @param body the log record body
	 * @return {@code this} assertion object
	 */
	public OtlpReceiverAssert hasReceivedLogRecordWithBody(String body) {
		isNotNull();
		List<String> bodies = this.actual.logRecords()
			.stream()
			.map(LogRecord::getBody)
			.filter((value) -> value.getValueCase() == AnyValue.ValueCase.STRING_VALUE)
			.map(AnyValue::getStringValue)
			.toList();
		if (!bodies.contains(body)) {
			failWithMessage("Expected to have received a log record with body <%s> but received bodies <%s>", body,
					bodies);
		}
		return this;
	}

	private long spansNamed(String name) {
		return this.actual.spans().stream().filter((span) -> span.getName().equals(name)).count();
	}

	private List<String> spanNames() {
		return this.actual.spans().stream().map(Span::getName).toList();
	}

}
