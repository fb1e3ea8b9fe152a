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

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown at startup when {@code telemetry.*} properties cannot be resolved into working
 * backends. Carries every problem found, not only the first.
 *
 * @author Dual Export contributors
 */
public class InvalidTelemetryConfigurationException extends RuntimeException {

	private final List<ConfigurationProblem> problems;

	/**
	 * Create a new instance.
	 * @param problems the problems found, at least one
	 */
	public InvalidTelemetryConfigurationException(List<ConfigurationProblem> problems) {
		super(problems.stream()
			.map((problem) -> problem.property() + ": " + problem.reason())
			.collect(Collectors.joining("; ", "Invalid telemetry configuration: ", "")));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Return the problems found.
	 * @return the problems, in the order of the properties
	 */
	public List<ConfigurationProblem> getProblems() {
		return this.problems;
	}

}
