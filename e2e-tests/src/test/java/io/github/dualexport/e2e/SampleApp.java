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
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The sample app's executable jar run with {@code java -jar} in a child process on a free
 * port of {@code 127.0.0.1}, its output kept in a file that failures quote.
 *
 * @author Dual Export contributors
 */
final class SampleApp implements AutoCloseable {

	private static final Path JAR = Path.of(System.getProperty("e2e.sample-jar"));

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	private static final int OUTPUT_TAIL_LINES = 40;

	private final Process process;

	private final Path output;

	private final String url;

	private SampleApp(Process process, Path output, int port) {
		this.process = process;
		this.output = output;
		this.url = "http://127.0.0.1:" + port;
	}

	/**
	 * Start the jar with the same Java as these tests and wait until it answers http.
	 * @param output the file receiving its standard output and error
	 * @param environment environment variables to add
	 * @param arguments command line arguments (Spring Boot properties)
	 * @return the application, answering http
	 */
	static SampleApp start(Path output, Map<String, String> environment, String... arguments) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(JAR.toString());
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.addAll(List.of(arguments));
		Files.createDirectories(output.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().putAll(environment);
		SampleApp application = new SampleApp(builder.start(), output, port);
		try {
			application.verify(() -> Awaitility.await("sample app answering on port " + port)
				.atMost(STARTUP_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> !application.process.isAlive() || Http.get(application.url + "/actuator/health") != null));
			if (!application.process.isAlive()) {
				throw application.failure("exited with code " + application.process.exitValue() + " at startup", null);
			}
		}
		catch (RuntimeException | AssertionError ex) {
			application.close();
			throw ex;
		}
		return application;
	}

	/**
	 * Call {@code /hello} as the given user, in the given trace when not {@code null}.
	 * @param name the user
	 * @param trace the trace the request joins, or {@code null}
	 * @return the greeting
	 */
	String hello(String name, TraceContext trace) {
		Map<String, String> headers = (trace != null) ? Map.of("traceparent", trace.traceparent()) : Map.of();
		HttpResponse<String> response = Http.send(this.url + "/hello?name=" + name, headers);
		if (response.statusCode() != 200) {
			throw failure("GET /hello answered " + response.statusCode() + ": " + response.body(), null);
		}
		return response.body();
	}

	/**
	 * The base URL of the application.
	 * @return such as {@code http://127.0.0.1:8080}
	 */
	String url() {
		return this.url;
	}

	/**
	 * Run assertions, adding the end of the application's output to any failure.
	 * @param assertions the assertions
	 */
	void verify(Assertions assertions) {
		verify(() -> {
			assertions.run();
			return null;
		});
	}

	/**
	 * Wait for a value, adding the end of the application's output to any failure.
	 * @param <T> the type of the value
	 * @param wait what waits for the value, such as an Awaitility {@code until}
	 * @return the value
	 */
	<T> T verify(Callable<T> wait) {
		try {
			return wait.call();
		}
		catch (Exception | AssertionError ex) {
			throw failure((ex instanceof AssertionError) ? ex.getMessage() : ex.toString(), ex);
		}
	}

	private AssertionError failure(String message, Throwable cause) {
		StringBuilder failure = new StringBuilder("sample app: ").append(message)
			.append("\nLast lines of its output (all of it in ")
			.append(this.output)
			.append("):");
		try {
			List<String> lines = Files.readAllLines(this.output);
			lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size())
				.forEach((line) -> failure.append('\n').append(line));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new AssertionError(failure.toString(), cause);
	}

	/**
	 * Stop the application with {@code SIGTERM}, as a platform would: it flushes every
	 * backend on the way out.
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
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Assertions that may throw.
	 */
	@FunctionalInterface
	interface Assertions {

		void run() throws Exception;

	}

}
