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

/**
 * Tells what is wrong, if anything, with the SSL bundle a backend names, so that bundle
 * problems are reported with every other configuration problem at startup.
 *
 * @author Dual Export contributors
 */
@FunctionalInterface
public interface SslBundleCheck {

	/**
	 * A check for an application without SSL bundles: every name is unknown.
	 */
	SslBundleCheck NO_BUNDLES = (name) -> new Problem("No SSL bundles are configured",
			"Declare it under 'spring.ssl.bundle.pem." + name + "' or 'spring.ssl.bundle.jks." + name + "'");

	/**
	 * Check the bundle of a name.
	 * @param name the bundle name
	 * @return the problem, or {@code null} when the bundle can secure a backend
	 */
	Problem check(String name);

	/**
	 * What is wrong with a bundle and how to fix it.
	 *
	 * @param reason what is wrong
	 * @param action how to fix it
	 */
	record Problem(String reason, String action) {
	}

}
