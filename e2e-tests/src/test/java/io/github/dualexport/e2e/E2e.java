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
package io.github.dualexport.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end tests share: the sample app's arguments that make it export within
 * a second, and small readers of the backends' answers.
 *
 * @author Dual Export contributors
 */
final class E2e {

	private E2e() {
	}

	/**
	 * An empty folder of this run for one test class: backends started again in a state
	 * folder get their former data back, so nothing may be left from an earlier run.
	 * @param name the folder's name under {@code target/e2e}
	 * @return the folder, empty
	 */
	static Path freshFolder(String name) throws IOException {
		Path folder = Path.of(System.getProperty("e2e.work"), name);
		if (Files.exists(folder)) {
			try (Stream<Path> paths = Files.walk(folder)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
		return Files.createDirectories(folder);
	}

	/**
	 * The sample app's command line: the given arguments after those that shorten every
	 * export delay, so that a test waits seconds, not a minute.
	 * @param arguments the test's own arguments
	 * @return all arguments
	 */
	static String[] arguments(String... arguments) {
		List<String> all = new ArrayList<>(List.of("--telemetry.defaults.metrics.interval=1s",
				"--telemetry.defaults.traces.schedule-delay=200ms", "--telemetry.defaults.logs.schedule-delay=200ms",
				"--management.endpoints.web.exposure.include=health,telemetrybackends,collectorconfig"));
		all.addAll(List.of(arguments));
		return all.toArray(String[]::new);
	}

	/**
	 * The only element of a list.
	 * @param <T> the element type
	 * @param list the list
	 * @return its element
	 */
	static <T> T single(List<T> list) {
		assertThat(list).hasSize(1);
		return list.get(0);
	}

	/**
	 * The parent span id of a Jaeger span, from its {@code CHILD_OF} reference.
	 * @param span the span
	 * @return the parent's id, {@code null} for a root span
	 */
	static String parentSpanId(Map<String, Object> span) {
		List<String> parents = JsonPath.read(span, "$.references[?(@.refType == 'CHILD_OF')].spanID");
		return parents.isEmpty() ? null : parents.get(0);
	}

}
