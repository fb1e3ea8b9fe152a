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

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Collects every invalid setting so that one failed startup reports them all, each once
 * even when several backends inherit it.
 *
 * @author Dual Export contributors
 */
final class ConfigurationProblems {

	private final Set<ConfigurationProblem> problems = new LinkedHashSet<>();

	void add(String property, Object value, String reason, String action) {
		this.problems.add(new ConfigurationProblem(property, value, reason, action));
	}

	boolean isEmpty() {
		return this.problems.isEmpty();
	}

	void throwIfAny() {
		if (!this.problems.isEmpty()) {
			throw new InvalidTelemetryConfigurationException(new ArrayList<>(this.problems));
		}
	}

}
