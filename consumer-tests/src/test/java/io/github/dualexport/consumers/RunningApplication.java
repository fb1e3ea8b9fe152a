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
package io.github.dualexport.consumers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.github.dualexport.test.OtlpReceiver;

/**
 * An executable jar run with {@code java -jar} in a child process, on a port of
 * {@code 127.0.0.1}, its output kept in a file so that failures can show it.
 *
 * @author Dual Export contributors
 */
final class RunningApplication implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

	private static final int OUTPUT_TAIL_LINES = 60;

	private static final int OUTPUT_CAUSES = 5;

	private final String name;

	private final Process process;

	private final Path output;

	private final int port;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private RunningApplication(String name, Process process, Path output, int port) {
		this.name = name;
		this.process = process;
		this.output = output;
		this.port = port;
	}

	/**
	 * Start the jar with the same Java as these tests and wait until it answers http.
	 * @param name the name of the application in failure messages
	 * @param jar the executable jar
	 * @param environment the environment variables to add
	 * @param output the file receiving the application's standard output and error
	 * @return the application, answering http
	 * @throws AssertionError with the end of the application's output if it exits or does
	 * not answer in time
	 */
	static RunningApplication start(String name, Path jar, Map<String, String> environment, Path output)
			throws IOException {
		int port = OtlpReceiver.freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Startup time matters more than peak performance for this short run
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		RunningApplication application = new RunningApplication(name, builder.start(), output, port);
		try {
			application.awaitAnswering();
		}
		catch (RuntimeException | AssertionError ex) {
			application.close();
			throw ex;
		}
		return application;
	}

	private void awaitAnswering() {
		verify(() -> Awaitility.await("application answering on port " + this.port)
			.atMost(STARTUP_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> !this.process.isAlive() || answers()));
		if (!this.process.isAlive()) {
			throw failure("The application exited with code " + this.process.exitValue() + " before answering", null);
		}
	}

	private boolean answers() {
		try {
			this.client.send(request("/actuator/health"), HttpResponse.BodyHandlers.discarding());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Send a {@code GET} request.
	 * @param path the path and query
	 * @return the response
	 */
	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(request(path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(REQUEST_TIMEOUT)
			.GET()
			.build();
	}

	/**
	 * Run assertions about the application, adding the end of its output to any failure.
	 * @param assertions the assertions, which may call the application and wait with
	 * Awaitility
	 */
	void verify(Assertions assertions) {
		try {
			assertions.run();
		}
		catch (Exception | AssertionError ex) {
			throw failure((ex instanceof AssertionError) ? ex.getMessage() : ex.toString(), ex);
		}
	}

	private AssertionError failure(String message, Throwable cause) {
		List<String> output = output();
		List<String> causes = output.stream().filter((line) -> line.startsWith("Caused by: ")).toList();
		String newLine = System.lineSeparator();
		StringBuilder failure = new StringBuilder(this.name).append(": ").append(message).append(newLine);
		if (!causes.isEmpty()) {
			failure.append("Last causes in the application's output:").append(newLine);
			lastLines(causes, OUTPUT_CAUSES).forEach((line) -> failure.append(line).append(newLine));
		}
		failure.append("Last lines of the application's output (all of it in ").append(this.output).append("):");
		lastLines(output, OUTPUT_TAIL_LINES).forEach((line) -> failure.append(newLine).append(line));
		return new AssertionError(failure.toString(), cause);
	}

	private List<String> output() {
		try {
			return Files.readAllLines(this.output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> lastLines(List<String> lines, int count) {
		return lines.subList(Math.max(0, lines.size() - count), lines.size());
	}

	/**
	 * Stop the application as a platform would, with {@code SIGTERM}, and kill it if it
	 * has not exited in time.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Assertions about a running application.
	 */
	@FunctionalInterface
	interface Assertions {

		void run() throws Exception;

	}

}
