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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Masking of secret values (header values, DSNs) wherever configuration is shown.
 *
 * @author Dual Export contributors
 */
public final class Secrets {

	/**
	 * The text shown in place of a secret value.
	 */
	public static final String MASK = "******";

	private Secrets() {
	}

	/**
	 * Return a copy of the given headers whose values are masked.
	 * @param headers the headers, may be {@code null}
	 * @return the masked copy, or {@code null}
	 */
	public static Map<String, String> maskValues(Map<String, String> headers) {
		if (headers == null) {
			return null;
		}
		Map<String, String> masked = new LinkedHashMap<>();
		headers.keySet().forEach((name) -> masked.put(name, MASK));
		return masked;
	}

	/**
	 * Return the URL with its user info, if any, masked.
	 * @param url an absolute URL
	 * @return the URL without credentials
	 */
	public static String maskUserInfo(String url) {
		try {
			URI uri = new URI(url);
			if (uri.getRawUserInfo() == null) {
				return url;
			}
			return new URI(uri.getScheme(), MASK, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
					uri.getFragment())
				.toString();
		}
		catch (URISyntaxException ex) {
			return MASK;
		}
	}

}
