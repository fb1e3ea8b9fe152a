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
package io.github.dualexport.autoconfigure.endpoint;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

import io.github.dualexport.autoconfigure.backend.BackendSettings;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;

/**
 * Masks telemetry secrets in the {@code env} and {@code configprops} endpoints even with
 * {@code show-values: always}: every {@code headers.*} value and {@code dsn} under
 * {@code telemetry.}, and any other property whose value carries one of those secrets
 * (such as the {@code UPTRACE_DSN} environment variable a placeholder points to).
 *
 * @author Dual Export contributors
 */
public final class TelemetrySecretsSanitizingFunction implements SanitizingFunction {

	private static final Pattern SECRET_KEY = Pattern.compile(
			"^telemetry\\.(defaults|backends\\.[^.]+)\\.(headers\\..+|headers\\[.+\\]|dsn|token)$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern SECRET_ENVIRONMENT_VARIABLE = Pattern
		.compile("^TELEMETRY_(DEFAULTS|BACKENDS_[A-Z0-9]+)_(HEADERS_.+|DSN|TOKEN)$", Pattern.CASE_INSENSITIVE);

	// Shorter values would mask unrelated properties that merely share a common word
	private static final int MIN_SECRET_LENGTH = 6;

	private final Set<String> secrets;

	/**
	 * Create a function masking the secrets of the given properties.
	 * @param properties the bound telemetry properties
	 */
	public TelemetrySecretsSanitizingFunction(TelemetryProperties properties) {
		Set<String> secrets = new LinkedHashSet<>();
		addSecrets(secrets, properties.getDefaults());
		properties.getBackends().values().forEach((backend) -> {
			addSecrets(secrets, backend);
			add(secrets, backend.getDsn());
			add(secrets, backend.getToken());
		});
		this.secrets = Set.copyOf(secrets);
	}

	private static void addSecrets(Set<String> secrets, BackendSettings settings) {
		settings.getHeaders().values().forEach((value) -> add(secrets, value));
	}

	private static void add(Set<String> secrets, String value) {
		if (value != null && value.trim().length() >= MIN_SECRET_LENGTH) {
			secrets.add(value.trim());
		}
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (SECRET_KEY.matcher(data.getKey()).matches() || SECRET_ENVIRONMENT_VARIABLE.matcher(data.getKey()).matches()
				|| carriesSecret(data.getValue())) {
			return data.withSanitizedValue();
		}
		return data;
	}

	private boolean carriesSecret(Object value) {
		if (!(value instanceof CharSequence text) || text.length() < MIN_SECRET_LENGTH) {
			return false;
		}
		String candidate = text.toString().trim();
		return this.secrets.stream().anyMatch((secret) -> candidate.contains(secret) || secret.contains(candidate));
	}

}
