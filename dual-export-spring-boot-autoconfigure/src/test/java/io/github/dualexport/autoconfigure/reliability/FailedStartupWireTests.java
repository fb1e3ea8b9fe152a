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
package io.github.dualexport.autoconfigure.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.dualexport.test.OtlpReceiverExtension;

import static io.github.dualexport.autoconfigure.WireTestBackends.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a startup failing half-way through building the pipelines leaves no send
 * thread, batch processor thread or HTTP client behind.
 *
 * @author Dual Export contributors
 */
class FailedStartupWireTests {

	@RegisterExtension
	static final OtlpReceiverExtension healthy = new OtlpReceiverExtension();

	@RegisterExtension
	static final OtlpReceiverExtension unopenable = new OtlpReceiverExtension();

	@Test
	void pipelinesBuiltBeforeAnUnopenableDiskBufferAreClosedWithTheFailedContext(@TempDir Path directory)
			throws IOException {
		// The second backend's log buffer cannot be opened: its traces pipelines, and the
		// first backend's, are built by then
		Path secondsDirectory = Files.createDirectories(directory.resolve("second"));
		Files.writeString(secondsDirectory.resolve("traces"), "not a directory");
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		FaultInjection.contextRunner()
			.withPropertyValues(FaultInjection.signals("traces,logs,metrics"), http("first", healthy),
					http("second", unopenable), "telemetry.backends.second.buffer.type=disk",
					"telemetry.backends.second.buffer.directory=" + directory)
			.run((context) -> assertThat(context).hasFailed());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(startedSince(before)).as("threads left by the failed start").isEmpty());
	}

	private static Set<String> startedSince(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread) && thread.isAlive())
			// The JVM's shared pool and the thread running this test's assertion
			.filter((thread) -> !thread.getName().startsWith("ForkJoinPool.commonPool")
					&& !thread.getName().equals("awaitility-thread"))
			.map(Thread::getName)
			.collect(Collectors.toSet());
	}

}
