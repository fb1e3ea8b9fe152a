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

package io.github.dualexport.autoconfigure.otel;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Why an OTLP request failed: the backend's answer (HTTP status or gRPC status) when it
 * answered, or the cause when it could not be reached. The message never quotes a header
 * value.
 *
 * @author Dual Export contributors
 */
public final class OtlpExportException extends Exception {

	private static final List<String> GRPC_STATUS_NAMES = List.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
			"DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
			"FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
			"UNAUTHENTICATED");

	private final boolean grpc;

	private final int status;

	private final @Nullable Duration retryDelay;

	private OtlpExportException(boolean grpc, int status, String message, @Nullable Throwable cause,
			@Nullable Duration retryDelay) {
		super(message, cause, false, false);
		this.grpc = grpc;
		this.status = status;
		this.retryDelay = retryDelay;
	}

	/**
	 * Create the failure of an http request the backend answered with a non-2xx status.
	 * @param status the HTTP status
	 * @param statusMessage the status message, may be {@code null}
	 * @return the failure
	 */
	public static OtlpExportException httpResponse(int status, @Nullable String statusMessage) {
		return httpResponse(status, statusMessage, null);
	}

	/**
	 * Create the failure of an http request the backend answered with a non-2xx status
	 * and, maybe, a {@code Retry-After} header.
	 * @param status the HTTP status
	 * @param statusMessage the status message, may be {@code null}
	 * @param retryAfter the delay the backend asked for, or {@code null}
	 * @return the failure
	 */
	public static OtlpExportException httpResponse(int status, @Nullable String statusMessage,
			@Nullable Duration retryAfter) {
		String message = "HTTP " + status + ((statusMessage != null) ? " " + statusMessage : "");
		return new OtlpExportException(false, status, message.strip(), null, retryAfter);
	}

	/**
	 * Create the failure of a gRPC call the backend answered with a status other than OK.
	 * @param status the numeric gRPC status code
	 * @param description the status description, may be {@code null}
	 * @return the failure
	 */
	public static OtlpExportException grpcResponse(int status, @Nullable String description) {
		return grpcResponse(status, description, null);
	}

	/**
	 * Create the failure of a gRPC call the backend answered with a status other than OK
	 * and, maybe, a {@code google.rpc.RetryInfo} detail.
	 * @param status the numeric gRPC status code
	 * @param description the status description, may be {@code null}
	 * @param retryDelay the delay of the status' RetryInfo, or {@code null} without one
	 * @return the failure
	 */
	public static OtlpExportException grpcResponse(int status, @Nullable String description,
			@Nullable Duration retryDelay) {
		String name = (status >= 0 && status < GRPC_STATUS_NAMES.size()) ? GRPC_STATUS_NAMES.get(status)
				: String.valueOf(status);
		String message = "gRPC " + name + ((description != null) ? " " + description : "");
		return new OtlpExportException(true, status, message.strip(), null, retryDelay);
	}

	/**
	 * Create the failure of a request that got no answer.
	 * @param grpc whether the request was a gRPC call
	 * @param cause why it got none
	 * @return the failure
	 */
	public static OtlpExportException noResponse(boolean grpc, @Nullable Throwable cause) {
		String message = (cause != null) ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : "No response";
		return new OtlpExportException(grpc, -1, message, cause, null);
	}

	/**
	 * Return whether the backend answered.
	 * @return whether a status was received
	 */
	public boolean hasResponse() {
		return this.status >= 0;
	}

	/**
	 * Return whether the request was a gRPC call.
	 * @return {@code true} for gRPC, {@code false} for http/protobuf
	 */
	public boolean isGrpc() {
		return this.grpc;
	}

	/**
	 * Return the HTTP status, or the numeric gRPC status code.
	 * @return the status, or {@code -1} when the backend did not answer
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return the delay the backend asked for before the request is sent again: its
	 * {@code Retry-After} header (http) or the {@code RetryInfo} of its status (gRPC).
	 * Known only where the sender lets the answer be read, see
	 * {@link OtlpTransports#create(OtlpTransportSettings)}.
	 * @return the delay, or {@code null} when the backend asked for none
	 */
	public @Nullable Duration retryDelay() {
		return this.retryDelay;
	}

}
