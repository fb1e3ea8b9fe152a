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

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks that endpoints are absolute http(s) URLs.
 *
 * @author Dual Export contributors
 */
final class EndpointValidation {

	private EndpointValidation() {
	}

	static boolean isHttpScheme(String scheme) {
		return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
	}

	static boolean isAbsoluteHttpUrl(String value) {
		try {
			URI uri = new URI(value.trim());
			return uri.isAbsolute() && isHttpScheme(uri.getScheme()) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * Return whether the URL names only a scheme, host and port, so that a preset's
	 * signal path can be appended.
	 * @param url an absolute http(s) URL
	 * @return whether its path is empty or '/'
	 */
	static boolean hasNoPath(String url) {
		String path = URI.create(url).getPath();
		return path == null || path.isEmpty() || path.equals("/");
	}

}
