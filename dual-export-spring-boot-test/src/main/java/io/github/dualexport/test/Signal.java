package io.github.dualexport.test;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * The OpenTelemetry signals that an {@link OtlpReceiver} accepts.
 */
public enum Signal {

	/**
	 * Spans, sent to {@code /v1/traces} or the gRPC {@code TraceService}.
	 */
	TRACES("/v1/traces", "opentelemetry.proto.collector.trace.v1.TraceService",
			ExportTraceServiceRequest.getDefaultInstance(), ExportTraceServiceResponse.getDefaultInstance()),

	/**
	 * Metrics, sent to {@code /v1/metrics} or the gRPC {@code MetricsService}.
	 */
	METRICS("/v1/metrics", "opentelemetry.proto.collector.metrics.v1.MetricsService",
			ExportMetricsServiceRequest.getDefaultInstance(), ExportMetricsServiceResponse.getDefaultInstance()),

	/**
	 * Log records, sent to {@code /v1/logs} or the gRPC {@code LogsService}.
	 */
	LOGS("/v1/logs", "opentelemetry.proto.collector.logs.v1.LogsService", ExportLogsServiceRequest.getDefaultInstance(),
			ExportLogsServiceResponse.getDefaultInstance());

	private final String httpPathSuffix;

	private final String grpcServiceName;

	private final Message requestPrototype;

	private final Message responsePrototype;

	Signal(String httpPathSuffix, String grpcServiceName, Message requestPrototype, Message responsePrototype) {
		this.httpPathSuffix = httpPathSuffix;
		this.grpcServiceName = grpcServiceName;
		this.requestPrototype = requestPrototype;
		this.responsePrototype = responsePrototype;
	}

	/**
	 * Return the suffix that identifies this signal in an http/protobuf request path.
	 * @return the path suffix, for example {@code /v1/traces}
	 */
	public String httpPathSuffix() {
		return this.httpPathSuffix;
	}

	/**
	 * Return the fully qualified name of the gRPC service that receives this signal.
	 * @return the gRPC service name
	 */
	public String grpcServiceName() {
		return this.grpcServiceName;
	}

	/**
	 * Return the full name of the gRPC {@code Export} method for this signal.
	 * @return the gRPC full method name
	 */
	public String grpcFullMethodName() {
		return this.grpcServiceName + "/Export";
	}

	Message requestPrototype() {
		return this.requestPrototype;
	}

	Message responsePrototype() {
		return this.responsePrototype;
	}

	/**
	 * Return the signal whose path suffix ends the given http request path.
	 * @param path the request path, with or without a vendor prefix
	 * @return the matching signal or {@code null}
	 */
	static Signal forHttpPath(String path) {
		String normalized = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
		for (Signal signal : values()) {
			if (normalized.endsWith(signal.httpPathSuffix)) {
				return signal;
			}
		}
		return null;
	}

}
