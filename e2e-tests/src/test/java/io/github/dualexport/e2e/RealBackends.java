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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real backends run by {@code scripts/real-backends}: installed once per run from the Go
 * module proxy, started on free loopback ports with their storage in a state folder of
 * their own, stopped by pid.
 *
 * @author Dual Export contributors
 */
final class RealBackends implements AutoCloseable {

	private static final Path SCRIPTS = Path.of(System.getProperty("e2e.repository"), "scripts", "real-backends");

	private static final long SCRIPT_TIMEOUT_MINUTES = 30;

	private static boolean installed;

	private final Path state;

	private final Map<String, String> urls = new LinkedHashMap<>();

	private RealBackends(Path state) {
		this.state = state;
	}

	/**
	 * Install every program (a no-op once built) and start the given ones.
	 * @param state the state folder: ports, pids, logs and data
	 * @param programs the programs, as {@code start.sh} names them
	 * @return the running backends
	 */
	static RealBackends start(Path state, String... programs) throws IOException, InterruptedException {
		install();
		RealBackends backends = new RealBackends(state);
		try {
			backends.startPrograms(programs);
		}
		catch (IOException | RuntimeException | AssertionError ex) {
			backends.close();
			throw ex;
		}
		return backends;
	}

	private static synchronized void install() throws IOException, InterruptedException {
		if (!installed) {
			run(SCRIPTS.resolve("install.sh").toString());
			installed = true;
		}
	}

	/**
	 * Start programs in this state folder, again on their former ports and data if they
	 * ran there before.
	 * @param programs the programs
	 */
	void startPrograms(String... programs) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(SCRIPTS.resolve("start.sh").toString(), "-d", this.state.toString()));
		command.addAll(List.of(programs));
		for (String line : run(command.toArray(String[]::new)).split("\n")) {
			if (line.startsWith("export ")) {
				String assignment = line.substring("export ".length());
				int equals = assignment.indexOf('=');
				this.urls.put(assignment.substring(0, equals), assignment.substring(equals + 1));
			}
		}
	}

	/**
	 * Stop one program, leaving its port and data in the state folder.
	 * @param program the program
	 * @param signal {@code TERM}, or {@code KILL} to simulate a crash
	 */
	void stop(String program, String signal) throws IOException, InterruptedException {
		run(SCRIPTS.resolve("stop.sh").toString(), "-d", this.state.toString(), "-s", signal, program);
	}

	/**
	 * The URL {@code start.sh} printed under the given name.
	 * @param name such as {@code VICTORIA_METRICS_URL}
	 * @return the URL
	 */
	String url(String name) {
		String url = this.urls.get(name);
		if (url == null) {
			throw new IllegalStateException(name + " not among " + this.urls.keySet());
		}
		return url;
	}

	/**
	 * The log file of a program, for failure messages.
	 * @param program the program
	 * @return its log
	 */
	Path log(String program) {
		return this.state.resolve(program + ".log");
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (Files.isDirectory(this.state)) {
			run(SCRIPTS.resolve("stop.sh").toString(), "-d", this.state.toString());
		}
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Path output = Files.createTempFile("real-backends", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(false)
				.redirectOutput(output.toFile())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.start();
			if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new AssertionError(
						String.join(" ", command) + " did not finish in " + SCRIPT_TIMEOUT_MINUTES + " min");
			}
			String printed = Files.readString(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue()
						+ " (its error output is above)\n" + printed);
			}
			return printed;
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}
