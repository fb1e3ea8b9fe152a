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
package io.github.dualexport.autoconfigure.health;

import org.springframework.boot.health.contributor.Status;

/**
 * The statuses a backend reports beside Spring Boot's own.
 *
 * @author Dual Export contributors
 */
public final class TelemetryStatus {

	/**
	 * The backend's recent exports fail. Not part of Boot's default status order, so it
	 * leaves the application's health UP (HTTP 200); add it to
	 * {@code management.endpoint.health.status.order} to surface it.
	 */
	public static final Status DEGRADED = new Status("DEGRADED", "Recent exports to this backend failed");

	/**
	 * The backend was switched off at runtime through the {@code telemetrybackends}
	 * endpoint.
	 */
	public static final Status DISABLED = new Status("DISABLED", "Switched off at runtime");

	private TelemetryStatus() {
	}

}
