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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * One project of {@code consumers/}, copied with the application sources it shares into
 * its own directory under {@code target} and packaged by Maven in a child process, as its
 * user would build it.
 *
 * @author Dual Export contributors
 */
final class ConsumerProject {

	private static final String SHARED_APPLICATION = "app";

	private static final long BUILD_TIMEOUT_MINUTES = 5;

	private static final int OUTPUT_TAIL_LINES = 60;

	private static final String QUICK_START = "-XX:TieredStopAtLevel=1";

	private final Reactor reactor;

	private final String name;

	private final Path directory;

	ConsumerProject(Reactor reactor, String name) {
		this.reactor = reactor;
		this.name = name;
		this.directory = reactor.work().resolve(name);
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * Copy the project and the shared application sources, then run {@code mvn package}
	 * on the copy against the starter in the reactor's local repository.
	 * @return the executable jar
	 */
	Path packageExecutableJar() throws IOException, InterruptedException {
		Path sources = this.reactor.root().resolve("consumers");
		deleteRecursively(this.directory);
		copyRecursively(sources.resolve(this.name), this.directory.resolve(this.name));
		copyRecursively(sources.resolve(SHARED_APPLICATION), this.directory.resolve(SHARED_APPLICATION));
		Path project = this.directory.resolve(this.name);
		Path log = this.directory.resolve("build.log");
		ProcessBuilder builder = new ProcessBuilder(mavenCommand()).directory(project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// A build this short spends most of its time compiling Maven: C1 alone halves it
		builder.environment().merge("MAVEN_OPTS", QUICK_START, (options, quickStart) -> options + " " + quickStart);
		Process maven = builder.start();
		if (!maven.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
			maven.destroyForcibly().waitFor();
			failBuild(log, "did not finish within " + BUILD_TIMEOUT_MINUTES + " minutes");
		}
		if (maven.exitValue() != 0) {
			failBuild(log, "failed with exit code " + maven.exitValue());
		}
		try (Stream<Path> files = Files.list(project.resolve("target"))) {
			List<Path> jars = files.filter((file) -> file.getFileName().toString().endsWith(".jar")).toList();
			if (jars.size() != 1) {
				failBuild(log, "left " + jars + " instead of one executable jar");
			}
			return jars.get(0);
		}
	}

	private List<String> mavenCommand() {
		List<String> command = new ArrayList<>();
		command.add(this.reactor.mavenHome().resolve("bin").resolve("mvn").toString());
		command.add("-B");
		command.add("-q");
		command.add("package");
		command.add("-DskipTests");
		command.add("-Ddual-export.version=" + this.reactor.version());
		command.add("-Dmaven.repo.local=" + this.reactor.localRepository());
		return command;
	}

	private void failBuild(Path log, String problem) throws IOException {
		String output = Files.readString(log);
		System.out.println("Maven output of consumer project " + this.name + ":");
		System.out.println(output);
		fail("Consumer project %s did not build: Maven %s. Last lines of its output (all of it in %s):%n%s", this.name,
				problem, log, tail(output, OUTPUT_TAIL_LINES));
	}

	private static String tail(String text, int lines) {
		List<String> all = text.lines().toList();
		return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	private static void copyRecursively(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : paths.filter((path) -> !isBuildOutput(source.relativize(path))).toList()) {
				Path copy = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(path, copy);
				}
			}
		}
	}

	private static boolean isBuildOutput(Path relative) {
		return relative.getNameCount() > 0 && relative.getName(0).toString().equals("target");
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
