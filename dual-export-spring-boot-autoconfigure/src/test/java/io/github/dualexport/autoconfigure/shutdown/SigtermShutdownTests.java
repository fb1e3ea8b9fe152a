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
package io.github.dualexport.autoconfigure.shutdown;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code telemetry.shutdown.timeout} bounds the whole telemetry shutdown of a
 * real process receiving SIGTERM, with a backend that accepts connections and never
 * answers, and that every item still queued at the bound is counted as dropped once.
 *
 * @author Dual Export contributors
 */
class SigtermShutdownTests {

	private static final int SPANS = 2000;

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final List<Socket> held = new CopyOnWriteArrayList<>();

	private ServerSocket blackHole;

	private Thread acceptor;

	@BeforeEach
	void startBlackHole() throws IOException {
		this.blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(() -> {
			while (!this.blackHole.isClosed()) {
				try {
					// Accepted, never read, never answered
					this.held.add(this.blackHole.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "black-hole");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	@AfterEach
	void stopBlackHole() throws IOException {
		this.blackHole.close();
		for (Socket socket : this.held) {
			socket.close();
		}
	}

	@Test
	void sigtermWithABlackHoledBackendEndsTheTelemetryWithinTheTimeoutAndCountsEveryQueuedSpanDroppedOnce()
			throws Exception {
		Process process = new ProcessBuilder(command()).redirectErrorStream(true).start();
		List<String> lines = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> readLines(process, lines), "sigterm-app-output");
		reader.setDaemon(true);
		reader.start();
		try {
			long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (!lines.contains("READY") && process.isAlive() && System.nanoTime() < ready) {
				Thread.sleep(50);
			}
			assertThat(lines).as(String.join("\n", lines)).contains("READY");
			// SIGTERM; Process.destroy() would also close the output being read
			process.toHandle().destroy();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			reader.join(10_000);
		}
		finally {
			process.destroyForcibly();
		}
		String output = String.join("\n", lines);
		long start = marker(lines, "TELEMETRY-SHUTDOWN-START ");
		long end = marker(lines, "CONTEXT-CLOSED ");
		Duration took = Duration.ofNanos(end - start);
		assertThat(took).as(output).isLessThanOrEqualTo(TIMEOUT.plus(TIMEOUT.dividedBy(10)));
		assertThat(lines).as(output).contains("PIPELINE dead traces exported=0 failed=0 dropped=" + SPANS);
	}

	private List<String> command() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(SigtermApplication.class.getName());
		command.add(Integer.toString(SPANS));
		command.add("--telemetry.backends.dead.endpoint=http://127.0.0.1:" + this.blackHole.getLocalPort());
		command.add("--telemetry.defaults.signals=traces");
		command.add("--telemetry.defaults.traces.schedule-delay=100ms");
		command.add("--telemetry.defaults.traces.max-queue-size=" + SPANS);
		command.add("--telemetry.shutdown.timeout=" + TIMEOUT.toMillis() + "ms");
		command.add("--management.tracing.sampling.probability=1.0");
		command.add("--spring.main.banner-mode=off");
		command.add("--spring.jmx.enabled=false");
		command.add("--management.otlp.metrics.export.enabled=false");
		return command;
	}

	private static void readLines(Process process, List<String> lines) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		}
		catch (IOException ex) {
			// The process ended
		}
	}

	private static long marker(List<String> lines, String prefix) {
		return lines.stream()
			.filter((line) -> line.startsWith(prefix))
			.map((line) -> Long.parseLong(line.substring(prefix.length()).trim()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"No line starting with '" + prefix + "' in:\n" + String.join("\n", lines)));
	}

}
