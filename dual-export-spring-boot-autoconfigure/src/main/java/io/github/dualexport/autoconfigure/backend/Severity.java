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

import java.util.Optional;

/**
 * The lowest severity of the log records a backend receives.
 *
 * @author Dual Export contributors
 */
public enum Severity {

	/**
	 * Every record, down to trace.
	 */
	TRACE("trace", io.opentelemetry.api.logs.Severity.TRACE),

	/**
	 * Debug and above.
	 */
	DEBUG("debug", io.opentelemetry.api.logs.Severity.DEBUG),

	/**
	 * Info and above.
	 */
	INFO("info", io.opentelemetry.api.logs.Severity.INFO),

	/**
	 * Warnings and above.
	 */
	WARN("warn", io.opentelemetry.api.logs.Severity.WARN),

	/**
	 * Errors and above.
	 */
	ERROR("error", io.opentelemetry.api.logs.Severity.ERROR),

	/**
	 * Fatal records only.
	 */
	FATAL("fatal", io.opentelemetry.api.logs.Severity.FATAL);

	private final String id;

	private final io.opentelemetry.api.logs.Severity lowest;

	Severity(String id, io.opentelemetry.api.logs.Severity lowest) {
		this.id = id;
		this.lowest = lowest;
	}

	/**
	 * Return the name used in configuration, such as 'warn'.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the lowest OpenTelemetry severity of this level: a record ranks at this
	 * level or above when its severity number is at least this one's.
	 * @return the OpenTelemetry severity, such as {@code WARN} (not {@code WARN2})
	 */
	public io.opentelemetry.api.logs.Severity lowestOpenTelemetrySeverity() {
		return this.lowest;
	}

	/**
	 * Find the severity with the given configuration name, leniently as Spring Boot binds
	 * enums: 'warn' and 'WARN' are the same.
	 * @param id the name
	 * @return the severity, or empty if none has that name
	 */
	public static Optional<Severity> fromId(String id) {
		return ConfigurationIds.find(values(), Severity::id, id);
	}

	@Override
	public String toString() {
		return this.id;
	}

}
