package io.github.dualexport.test;

import java.time.Duration;

import io.grpc.Status;

/**
 * The answer an {@link OtlpReceiver} gives to one export request.
 *
 * @param httpStatus the http status code, also the source of the gRPC status
 * @param retryAfter the delay the sender should wait before retrying or {@code null}
 */
record Reply(int httpStatus, Duration retryAfter) {

	static final Reply OK = new Reply(200, null);

	static final Reply UNAVAILABLE = new Reply(503, null);

	boolean success() {
		return this.httpStatus >= 200 && this.httpStatus < 300;
	}

	/**
	 * Return the gRPC status that matches the http status, following the OTLP
	 * specification's mapping of retryable and permanent failures.
	 * @return the gRPC status
	 */
	Status grpcStatus() {
		if (success()) {
			return Status.OK;
		}
		Status status = switch (this.httpStatus) {
			case 429, 502, 503, 504 -> Status.UNAVAILABLE;
			case 400 -> Status.INVALID_ARGUMENT;
			case 401 -> Status.UNAUTHENTICATED;
			case 403 -> Status.PERMISSION_DENIED;
			case 413 -> Status.RESOURCE_EXHAUSTED;
			default -> Status.INTERNAL;
		};
		return status.withDescription(description());
	}

	String description() {
		return "OtlpReceiver answered with http status " + this.httpStatus;
	}

	/**
	 * Return the {@code Retry-After} header value, in whole seconds rounded up.
	 * @return the number of seconds
	 */
	long retryAfterSeconds() {
		long millis = this.retryAfter.toMillis();
		return (millis + 999) / 1000;
	}

}
