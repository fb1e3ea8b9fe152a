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

import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

import io.github.dualexport.autoconfigure.backend.Secrets;
import io.github.dualexport.autoconfigure.backend.TelemetryProperties;

/**
 * Masks telemetry secrets in the {@code env} and {@code configprops} endpoints even with
 * {@code show-values: always}: the properties {@link Secrets} names (every header value,
 * {@code dsn} and {@code token}), and any other property whose value contains one of
 * those secrets (such as the {@code UPTRACE_DSN} environment variable a placeholder
 * points to). Values that are merely part of a secret, such as a host name inside a DSN,
 * are shown.
 *
 * @author Dual Export contributors
 */
public final class TelemetrySecretsSanitizingFunction implements SanitizingFunction {

	// A shorter secret would mask unrelated values that merely contain it; such a secret
	// is still masked under its own property
	private static final int MIN_SECRET_LENGTH = 6;

	private final Set<String> secrets;

	/**
	 * Create a function masking the secrets of the given properties.
	 * @param properties the bound telemetry properties
	 */
	public TelemetrySecretsSanitizingFunction(TelemetryProperties properties) {
		this.secrets = Secrets.secretValues(properties)
			.stream()
			.filter((secret) -> secret.length() >= MIN_SECRET_LENGTH)
			.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (Secrets.isSecretProperty(data.getKey()) || carriesSecret(data.getValue())) {
			return data.withSanitizedValue();
		}
		return data;
	}

	private boolean carriesSecret(@Nullable Object value) {
		if (!(value instanceof CharSequence text)) {
			return false;
		}
		String candidate = text.toString();
		return this.secrets.stream().anyMatch(candidate::contains);
	}

}
