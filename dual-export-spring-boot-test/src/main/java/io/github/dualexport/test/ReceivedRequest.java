package io.github.dualexport.test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An export request received by an {@link OtlpReceiver}.
 *
 * @param signal the signal carried by the request
 * @param transport the transport the request arrived on
 * @param path the http request path or the gRPC full method name
 * @param headers the request headers, keyed by lowercase name, with repeated values
 * joined by a comma
 * @param compression the content encoding of the request body ({@code Content-Encoding}
 * or {@code grpc-encoding}) or {@code none}
 * @param receivedAt when the request arrived
 * @param message the parsed {@code Export*ServiceRequest}
 * @param accepted whether the receiver answered, or decided to answer, with success
 * @param body the request's protobuf bytes: over http the body as sent (decompressed),
 * over gRPC the message serialised again
 */
public record ReceivedRequest(Signal signal, Transport transport, String path, Map<String, String> headers,
		String compression, Instant receivedAt, Message message, boolean accepted, byte[] body) {

	/**
	 * Create a new instance, copying the headers so that the record stays immutable.
	 * @param signal the signal carried by the request
	 * @param transport the transport the request arrived on
	 * @param path the http request path or the gRPC full method name
	 * @param headers the request headers, keyed by lowercase name
	 * @param compression the content encoding of the request body or {@code none}
	 * @param receivedAt when the request arrived
	 * @param message the parsed {@code Export*ServiceRequest}
	 * @param accepted whether the receiver answered with success
	 * @param body the request's protobuf bytes
	 */
	public ReceivedRequest {
		Objects.requireNonNull(signal, "'signal' must not be null");
		Objects.requireNonNull(transport, "'transport' must not be null");
		Objects.requireNonNull(path, "'path' must not be null");
		Objects.requireNonNull(compression, "'compression' must not be null");
		Objects.requireNonNull(receivedAt, "'receivedAt' must not be null");
		Objects.requireNonNull(message, "'message' must not be null");
		Objects.requireNonNull(body, "'body' must not be null");
		if (!signal.requestPrototype().getClass().isInstance(message)) {
			throw new IllegalArgumentException(
					"'message' must be a " + signal.requestPrototype().getClass().getSimpleName() + " for " + signal);
		}
		headers = Map.copyOf(headers);
	}

	/**
	 * Return the value of the given header.
	 * @param name the header name, in any case
	 * @return the header value or {@code null}
	 */
	public String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Return the request as an {@link ExportTraceServiceRequest}.
	 * @return the trace export request
	 * @throws IllegalStateException if the request does not carry traces
	 */
	public ExportTraceServiceRequest traceRequest() {
		return as(Signal.TRACES, ExportTraceServiceRequest.class);
	}

	/**
	 * Return the request as an {@link ExportMetricsServiceRequest}.
	 * @return the metrics export request
	 * @throws IllegalStateException if the request does not carry metrics
	 */
	public ExportMetricsServiceRequest metricsRequest() {
		return as(Signal.METRICS, ExportMetricsServiceRequest.class);
	}

	/**
	 * Return the request as an {@link ExportLogsServiceRequest}.
	 * @return the logs export request
	 * @throws IllegalStateException if the request does not carry logs
	 */
	public ExportLogsServiceRequest logsRequest() {
		return as(Signal.LOGS, ExportLogsServiceRequest.class);
	}

	/**
	 * Return the spans of every resource and scope in this request.
	 * @return the spans, empty if the request does not carry traces
	 */
	public List<Span> spans() {
		if (this.signal != Signal.TRACES) {
			return List.of();
		}
		return traceRequest().getResourceSpansList()
			.stream()
			.flatMap((resourceSpans) -> resourceSpans.getScopeSpansList().stream())
			.flatMap((scopeSpans) -> scopeSpans.getSpansList().stream())
			.toList();
	}

	/**
	 * Return the metrics of every resource and scope in this request.
	 * @return the metrics, empty if the request does not carry metrics
	 */
	public List<Metric> metrics() {
		if (this.signal != Signal.METRICS) {
			return List.of();
		}
		return metricsRequest().getResourceMetricsList()
			.stream()
			.flatMap((resourceMetrics) -> resourceMetrics.getScopeMetricsList().stream())
			.flatMap((scopeMetrics) -> scopeMetrics.getMetricsList().stream())
			.toList();
	}

	/**
	 * Return the log records of every resource and scope in this request.
	 * @return the log records, empty if the request does not carry logs
	 */
	public List<LogRecord> logRecords() {
		if (this.signal != Signal.LOGS) {
			return List.of();
		}
		return logsRequest().getResourceLogsList()
			.stream()
			.flatMap((resourceLogs) -> resourceLogs.getScopeLogsList().stream())
			.flatMap((scopeLogs) -> scopeLogs.getLogRecordsList().stream())
			.toList();
	}

	/**
	 * Return the log records of every resource in this request whose instrumentation
	 * scope has the given name. The OpenTelemetry log appenders name the scope after the
	 * logger.
	 * @param scopeName the instrumentation scope name, such as a logger name
	 * @return the log records, empty if the request does not carry logs
	 */
	public List<LogRecord> logRecords(String scopeName) {
		if (this.signal != Signal.LOGS) {
			return List.of();
		}
		return logsRequest().getResourceLogsList()
			.stream()
			.flatMap((resourceLogs) -> resourceLogs.getScopeLogsList().stream())
			.filter((scopeLogs) -> scopeLogs.getScope().getName().equals(scopeName))
			.flatMap((scopeLogs) -> scopeLogs.getLogRecordsList().stream())
			.toList();
	}

	private <T extends Message> T as(Signal expected, Class<T> type) {
		if (this.signal != expected) {
			throw new IllegalStateException("Request carries " + this.signal + ", not " + expected);
		}
		return type.cast(this.message);
	}

}
