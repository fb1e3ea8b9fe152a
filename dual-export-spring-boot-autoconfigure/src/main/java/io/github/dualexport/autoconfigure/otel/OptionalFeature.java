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

package io.github.dualexport.autoconfigure.otel;

/**
 * A feature of this starter that needs a newer OpenTelemetry than the oldest it runs on.
 * With an older one the feature is left out, and said so once at startup.
 *
 * @author Dual Export contributors
 */
public enum OptionalFeature {

	/**
	 * A backend answering 429 or 503 with {@code Retry-After} is retried after the time
	 * it asks for rather than after the retry policy's backoff.
	 */
	RETRY_AFTER("Retry-After honoured between retries", "1.66.0", "retries wait the retry backoff instead"),

	/**
	 * The TLS protocols of an SSL bundle's {@code options.enabled-protocols} apply to the
	 * backend's connections.
	 */
	TLS_ENABLED_PROTOCOLS("SSL bundle enabled-protocols applied to OTLP connections", "1.66.0",
			"connections use the JVM's default TLS protocols");

	private final String description;

	private final String since;

	private final String fallback;

	OptionalFeature(String description, String since, String fallback) {
		this.description = description;
		this.since = since;
		this.fallback = fallback;
	}

	/**
	 * Return what the feature does, in a few words.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Return what happens instead when the feature is not available.
	 * @return the fallback behaviour
	 */
	public String fallback() {
		return this.fallback;
	}

	/**
	 * Return the first OpenTelemetry version that has the feature.
	 * @return the version
	 */
	public String since() {
		return this.since;
	}

}
