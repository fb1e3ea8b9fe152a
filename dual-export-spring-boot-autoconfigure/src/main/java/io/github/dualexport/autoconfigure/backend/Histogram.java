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
 * The aggregation of histogram instruments.
 *
 * @author Dual Export contributors
 */
public enum Histogram {

	/**
	 * Explicit bucket boundaries.
	 */
	EXPLICIT("explicit"),

	/**
	 * Base-2 exponential buckets.
	 */
	EXPONENTIAL("exponential");

	private final String id;

	Histogram(String id) {
		this.id = id;
	}

	/**
	 * Return the name used in configuration, such as 'exponential'.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Find the value with the given configuration name, leniently as Spring Boot binds
	 * enums: 'exponential' and 'EXPONENTIAL' are the same.
	 * @param id the name
	 * @return the value, or empty if none has that name
	 */
	public static Optional<Histogram> fromId(String id) {
		return ConfigurationIds.find(values(), Histogram::id, id);
	}

	@Override
	public String toString() {
		return this.id;
	}

}
