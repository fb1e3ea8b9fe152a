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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidTelemetryConfigurationException} into a startup report that
 * names each offending property and how to fix it.
 *
 * @author Dual Export contributors
 */
class InvalidTelemetryConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidTelemetryConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTelemetryConfigurationException cause) {
		StringBuilder description = new StringBuilder("Invalid telemetry configuration:\n");
		StringBuilder action = new StringBuilder("Update your application's configuration:\n");
		for (ConfigurationProblem problem : cause.getProblems()) {
			description.append("\n    Property: ").append(problem.property());
			if (problem.value() != null) {
				description.append("\n    Value: \"").append(problem.value()).append('"');
			}
			description.append("\n    Reason: ").append(problem.reason()).append('\n');
			action.append("\n    - ").append(problem.property()).append(": ").append(problem.action());
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

}
