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
import java.util.Locale;
import java.util.Optional;

/**
 * The OpenTelemetry signals a backend can receive.
 *
 * @author Dual Export contributors
 */
public enum Signal {

	/**
	 * Spans.
	 */
	TRACES,

	/**
	 * Metric points.
	 */
	METRICS,

	/**
	 * Log records.
	 */
	LOGS;

	/**
	 * Return the name used in configuration, tags and OTLP paths, such as 'traces'.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Find the signal with the given configuration name.
	 * @param id the name, case-insensitive
	 * @return the signal, or empty if none has that name
	 */
	public static Optional<Signal> fromId(String id) {
		return Arrays.stream(values()).filter((signal) -> signal.id().equalsIgnoreCase(id.trim())).findFirst();
	}

	@Override
	public String toString() {
		return id();
	}

}
