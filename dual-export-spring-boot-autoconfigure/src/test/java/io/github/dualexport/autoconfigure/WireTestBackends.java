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
package io.github.dualexport.autoconfigure;

import java.util.Arrays;

import io.github.dualexport.test.OtlpReceiverExtension;

/**
 * Properties that point backends at the test receivers of the wire tests.
 *
 * @author Dual Export contributors
 */
public final class WireTestBackends {

	private WireTestBackends() {
	}

	/**
	 * Return the property that points a backend at a receiver over http/protobuf.
	 * @param name the backend name
	 * @param receiver the receiver
	 * @return the property
	 */
	public static String http(String name, OtlpReceiverExtension receiver) {
		return "telemetry.backends." + name + ".endpoint=" + receiver.httpEndpoint();
	}

	/**
	 * Return the properties, joined by a comma, that point a backend at a receiver over
	 * gRPC; pass them through {@link #properties(String...)}.
	 * @param name the backend name
	 * @param receiver the receiver
	 * @return the properties
	 */
	public static String grpc(String name, OtlpReceiverExtension receiver) {
		return "telemetry.backends." + name + ".endpoint=" + receiver.grpcEndpoint() + "," + "telemetry.backends."
				+ name + ".protocol=grpc";
	}

	/**
	 * Split properties joined by a comma.
	 * @param properties the properties
	 * @return one property per element
	 */
	public static String[] properties(String... properties) {
		return Arrays.stream(properties)
			.flatMap((property) -> Arrays.stream(property.split(",")))
			.toArray(String[]::new);
	}

}
