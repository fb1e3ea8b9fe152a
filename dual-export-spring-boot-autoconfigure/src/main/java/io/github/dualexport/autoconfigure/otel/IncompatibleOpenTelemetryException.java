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

import java.util.List;

/**
 * Thrown at startup when the OpenTelemetry artifacts on the classpath do not fit together
 * or are older than this starter runs on.
 *
 * @author Dual Export contributors
 */
public class IncompatibleOpenTelemetryException extends RuntimeException {

	private final OpenTelemetryVersions versions;

	private final List<String> problems;

	/**
	 * Create a new instance.
	 * @param versions the versions found
	 * @param problems what does not fit
	 */
	public IncompatibleOpenTelemetryException(OpenTelemetryVersions versions, List<String> problems) {
		super("Incompatible OpenTelemetry artifacts: " + String.join("; ", problems));
		this.versions = versions;
		this.problems = List.copyOf(problems);
	}

	/**
	 * Return the versions found.
	 * @return the versions
	 */
	public OpenTelemetryVersions getVersions() {
		return this.versions;
	}

	/**
	 * Return what does not fit.
	 * @return the problems
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
