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

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Checks the SSL bundles backends name against what the OTLP senders can use: the bundle
 * exists and asks for nothing the senders would silently ignore.
 *
 * @author Dual Export contributors
 */
public final class SslBundleChecks {

	private SslBundleChecks() {
	}

	/**
	 * Return the check of an application's SSL bundles.
	 * @param sslBundles the bundles, or {@code null} when there are none
	 * @return the check
	 */
	public static SslBundleCheck of(SslBundles sslBundles) {
		if (sslBundles == null) {
			return SslBundleCheck.NO_BUNDLES;
		}
		return (name) -> {
			SslBundle bundle;
			try {
				bundle = sslBundles.getBundle(name);
			}
			catch (NoSuchSslBundleException ex) {
				return new SslBundleCheck.Problem("No SSL bundle has that name",
						"Declare it under 'spring.ssl.bundle.pem." + name + "' or 'spring.ssl.bundle.jks." + name
								+ "', or fix the name");
			}
			if (bundle.getOptions().getCiphers() != null) {
				return new SslBundleCheck.Problem(
						"The OTLP senders cannot restrict cipher suites, so the bundle's 'options.ciphers' would be ignored",
						"Remove 'options.ciphers' from the bundle, or give the backend a bundle without it");
			}
			return null;
		};
	}

}
