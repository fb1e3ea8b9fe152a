package io.github.dualexport.test;

/**
 * The OTLP transports that an {@link OtlpReceiver} serves.
 */
public enum Transport {

	/**
	 * OTLP over HTTP/1.1, with protobuf or JSON bodies.
	 */
	HTTP,

	/**
	 * OTLP over gRPC.
	 */
	GRPC

}
