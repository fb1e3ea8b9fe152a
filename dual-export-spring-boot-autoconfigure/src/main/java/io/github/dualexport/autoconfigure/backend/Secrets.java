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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one list of secret settings, and their masking wherever configuration is shown:
 * every header value (of the backend and of each signal), {@code dsn} and {@code token}.
 * Other keys, such as {@code instance-id}, {@code tenant} or {@code type}, are not
 * secrets and are shown.
 *
 * @author Dual Export contributors
 */
public final class Secrets {

	/**
	 * The text shown in place of a secret value.
	 */
	public static final String MASK = "******";

	/**
	 * The keys of a backend whose values are secrets, besides header values.
	 */
	static final List<String> SECRET_KEYS = List.of("dsn", "token");

	private static final Pattern SECRET_PROPERTY = Pattern
		.compile("^telemetry\\.(defaults|backends\\.[^.]+)\\.((traces\\.|metrics\\.|logs\\.)?headers(\\..+|\\[.+\\])|"
				+ String.join("|", SECRET_KEYS) + ")$", Pattern.CASE_INSENSITIVE);

	private static final Pattern SECRET_ENVIRONMENT_VARIABLE = Pattern
		.compile("^TELEMETRY_(DEFAULTS|BACKENDS_[A-Z0-9]+)_((TRACES_|METRICS_|LOGS_)?HEADERS_.+|"
				+ String.join("|", SECRET_KEYS).toUpperCase(Locale.ROOT) + ")$", Pattern.CASE_INSENSITIVE);

	private Secrets() {
	}

	/**
	 * Return whether a property, or the environment variable that sets it, holds a
	 * secret.
	 * @param name the property name, such as {@code telemetry.backends.a.dsn}, or the
	 * environment variable, such as {@code TELEMETRY_BACKENDS_A_DSN}
	 * @return whether its value is a secret
	 */
	public static boolean isSecretProperty(String name) {
		return SECRET_PROPERTY.matcher(name).matches() || SECRET_ENVIRONMENT_VARIABLE.matcher(name).matches();
	}

	/**
	 * Return every secret value of the given properties, with the credential each one
	 * carries: header values and the credential after their scheme (the token of
	 * {@code Bearer <token>}), DSNs and their user info, tokens.
	 * @param properties the bound properties
	 * @return the trimmed, non-empty secret values
	 */
	public static Set<String> secretValues(TelemetryProperties properties) {
		Set<String> values = new LinkedHashSet<>();
		addHeaderValues(values, properties.getDefaults());
		properties.getBackends().values().forEach((backend) -> {
			addHeaderValues(values, backend);
			secretKeys(backend).values().forEach((value) -> addCredential(values, value));
			addUserInfo(values, backend.getDsn());
		});
		return values;
	}

	private static void addHeaderValues(Set<String> values, BackendSettings settings) {
		settings.getHeaders().values().forEach((value) -> addCredential(values, value));
		List.of(settings.getTraces(), settings.getMetrics(), settings.getLogs())
			.forEach((signal) -> signal.getHeaders().values().forEach((value) -> addCredential(values, value)));
	}

	// The credential of 'Bearer <token>' is often set on its own, through a placeholder
	private static void addCredential(Set<String> values, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return;
		}
		String trimmed = value.trim();
		values.add(trimmed);
		int space = trimmed.lastIndexOf(' ');
		if (space > 0) {
			values.add(trimmed.substring(space + 1));
		}
	}

	private static void addUserInfo(Set<String> values, @Nullable String url) {
		if (url == null) {
			return;
		}
		try {
			String userInfo = new URI(url.trim()).getRawUserInfo();
			if (userInfo != null && !userInfo.isBlank()) {
				values.add(userInfo);
			}
		}
		catch (URISyntaxException ex) {
			// Reported as invalid at startup; the whole value is masked already
		}
	}

	/**
	 * Return the secret keys of a backend with their values.
	 * @param properties the backend's properties
	 * @return the value of each of {@link #SECRET_KEYS}, {@code null} when unset
	 */
	static Map<String, String> secretKeys(BackendProperties properties) {
		Map<String, String> keys = new LinkedHashMap<>();
		keys.put("dsn", properties.getDsn());
		keys.put("token", properties.getToken());
		return keys;
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
