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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What the consumer projects need to know about the reactor building them: where Maven
 * and the local repository are, which version of the starter it installed and where its
 * modules' sources and outputs lie. Handed over by Maven as system properties.
 *
 * @param mavenHome the Maven installation running the reactor
 * @param version the version of the starter
 * @param localRepository the local repository the reactor installs into
 * @param root the root directory of the reactor
 * @param work the directory the consumer projects are copied to and built in
 * @author Dual Export contributors
 */
record Reactor(Path mavenHome, String version, Path localRepository, Path root, Path work) {

	static final String INSTALL_REQUIRED = "run `mvn install`, not `mvn verify`: "
			+ "the consumer projects build against the installed starter";

	private static final String GROUP_PATH = "io/github/dualexport";

	static Reactor fromSystemProperties() {
		return new Reactor(Path.of(required("maven.home")), required("project.version"),
				Path.of(required("settings.localRepository")), Path.of(required("consumers.repository")).normalize(),
				Path.of(required("consumers.work")));
	}

	private static String required(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank() || value.startsWith("${")) {
			fail("System property '%s' is not set: run these tests through Maven (%s)", name, INSTALL_REQUIRED);
		}
		return value;
	}

	/**
	 * Assert that the local repository holds the parent, starter and auto-configuration
	 * this reactor built, byte for byte, and not an older install or another working
	 * copy's.
	 */
	void assertInstalledStarterIsThisReactors() {
		List<Artifact> artifacts = List.of(new Artifact("dual-export-parent", "pom", this.root.resolve("pom.xml")),
				module("dual-export-spring-boot-starter", "pom"), module("dual-export-spring-boot-starter", "jar"),
				module("dual-export-spring-boot-autoconfigure", "pom"),
				module("dual-export-spring-boot-autoconfigure", "jar"));
		for (Artifact artifact : artifacts) {
			Path installed = this.localRepository.resolve(GROUP_PATH)
				.resolve(artifact.id())
				.resolve(this.version)
				.resolve(artifact.id() + "-" + this.version + "." + artifact.extension());
			assertThat(fingerprint(installed))
				.as("%s of %s in %s compared with %s: %s", artifact.extension(), artifact.id(), this.localRepository,
						artifact.built(), INSTALL_REQUIRED)
				.isNotNull()
				.isEqualTo(fingerprint(artifact.built()));
		}
	}

	private Artifact module(String id, String extension) {
		Path module = this.root.resolve(id);
		Path built = extension.equals("pom") ? module.resolve("pom.xml")
				: module.resolve("target").resolve(id + "-" + this.version + "." + extension);
		return new Artifact(id, extension, built);
	}

	private static String fingerprint(Path file) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			byte[] content = Files.readAllBytes(file);
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
			return content.length + " bytes, sha256 " + HexFormat.of().formatHex(hash);
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Failed to read " + file, ex);
		}
	}

	private record Artifact(String id, String extension, Path built) {

	}

}
