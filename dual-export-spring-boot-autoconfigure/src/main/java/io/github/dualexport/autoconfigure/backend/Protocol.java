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
package io.github.dualexport.autoconfigure.backend;

import java.util.Arrays;
import java.util.Optional;

/**
 * OTLP transports.
 *
 * @author Dual Export contributors
 */
public enum Protocol {

	/**
	 * Protobuf-encoded requests over HTTP, one path per signal.
	 */
	HTTP_PROTOBUF("http/protobuf"),

	/**
	 * gRPC, one service per signal.
	 */
	GRPC("grpc");

	private final String id;

	Protocol(String id) {
		this.id = id;
	}

	/**
	 * Return the name used in configuration, such as 'http/protobuf'.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Find the protocol with the given configuration name. Besides the OpenTelemetry
	 * names, 'http' is read as 'http/protobuf', as Spring Boot's {@code transport}
	 * properties spell it.
	 * @param id the name, case-insensitive
	 * @return the protocol, or empty if none has that name
	 */
	public static Optional<Protocol> fromId(String id) {
		String name = id.trim();
		if (name.equalsIgnoreCase("http")) {
			return Optional.of(HTTP_PROTOBUF);
		}
		return Arrays.stream(values()).filter((protocol) -> protocol.id.equalsIgnoreCase(name)).findFirst();
	}

	@Override
	public String toString() {
		return this.id;
	}

}
