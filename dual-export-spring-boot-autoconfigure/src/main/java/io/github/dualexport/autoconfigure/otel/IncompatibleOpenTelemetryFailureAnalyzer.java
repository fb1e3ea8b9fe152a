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
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Explains a startup that failed because the OpenTelemetry artifacts on the classpath do
 * not fit together: names the versions found and needed and the Maven setting that aligns
 * them. Besides this starter's own check, it recognises the linkage errors
 * ({@code NoSuchMethodError}, {@code NoClassDefFoundError}...) that such a classpath
 * raises in OpenTelemetry code before that check runs.
 *
 * @author Dual Export contributors
 */
public class IncompatibleOpenTelemetryFailureAnalyzer implements FailureAnalyzer, Ordered {

	private final Checked checked = new Checked();

	private final Supplier<OpenTelemetryVersions> versions;

	/**
	 * Create an analyzer of the OpenTelemetry versions on this starter's class path.
	 */
	public IncompatibleOpenTelemetryFailureAnalyzer() {
		this(OpenTelemetryVersions::detect);
	}

	IncompatibleOpenTelemetryFailureAnalyzer(Supplier<OpenTelemetryVersions> versions) {
		this.versions = versions;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = this.checked.analyze(failure);
		if (analysis != null) {
			return analysis;
		}
		LinkageError linkageError = findOpenTelemetryLinkageError(failure);
		if (linkageError == null) {
			return null;
		}
		OpenTelemetryVersions versions = this.versions.get();
		List<String> problems = versions.problems();
		if (problems.isEmpty()) {
			return null;
		}
		return analysis(versions, problems, linkageError);
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's analyzer of NoSuchMethodError, which cannot name the fix
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private static LinkageError findOpenTelemetryLinkageError(Throwable failure) {
		Throwable candidate = failure;
		while (candidate != null) {
			if (candidate instanceof LinkageError linkageError
					&& String.valueOf(candidate.getMessage()).replace('/', '.').contains("io.opentelemetry")) {
				return linkageError;
			}
			candidate = candidate.getCause();
		}
		return null;
	}

	static FailureAnalysis analysis(OpenTelemetryVersions versions, List<String> problems, Throwable cause) {
		String found = versions.versions()
			.entrySet()
			.stream()
			.map((entry) -> "    io.opentelemetry:" + entry.getKey() + ":" + entry.getValue())
			.collect(Collectors.joining("\n"));
		String description = "The OpenTelemetry artifacts on the classpath do not fit together:\n"
				+ problems.stream().map((problem) -> "    - " + problem).collect(Collectors.joining("\n"))
				+ "\n\nFound:\n" + found
				+ "\n\nThe dual-export starter needs every stable OpenTelemetry artifact at one " + "version, "
				+ OpenTelemetryVersions.MINIMUM + " or later, and opentelemetry-api-incubator, if present, "
				+ "at that version with -alpha.";
		String action = "Let Spring Boot's dependency management choose the OpenTelemetry versions: remove "
				+ "explicit versions of io.opentelemetry artifacts from your build. To choose another version for "
				+ "all of them, set the Maven property <opentelemetry.version> (with spring-boot-starter-parent), or "
				+ "import io.opentelemetry:opentelemetry-bom at that version before spring-boot-dependencies. If "
				+ "opentelemetry-api-incubator is on the classpath, manage it at the same version with -alpha, for "
				+ "example by importing io.opentelemetry:opentelemetry-bom-alpha:<version>-alpha.";
		return new FailureAnalysis(description, action, cause);
	}

	private static final class Checked extends AbstractFailureAnalyzer<IncompatibleOpenTelemetryException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, IncompatibleOpenTelemetryException cause) {
			return IncompatibleOpenTelemetryFailureAnalyzer.analysis(cause.getVersions(), cause.getProblems(), cause);
		}

	}

}
