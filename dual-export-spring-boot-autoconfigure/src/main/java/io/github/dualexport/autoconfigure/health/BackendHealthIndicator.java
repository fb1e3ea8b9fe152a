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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import io.github.dualexport.autoconfigure.pipeline.BackendPipelines;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;

/**
 * The health of one backend, from the outcomes its pipelines recorded; it sends no probe
 * of its own.
 * <ul>
 * <li>{@code UNKNOWN} until a first export completed;</li>
 * <li>{@code UP} when the last export of every signal succeeded;</li>
 * <li>{@link TelemetryStatus#DEGRADED} (or {@code DOWN} with
 * {@code telemetry.health.fail-on-outage=true}) when the last export of any signal
 * failed;</li>
 * <li>{@link TelemetryStatus#DISABLED} when switched off at runtime.</li>
 * </ul>
 *
 * @author Dual Export contributors
 */
final class BackendHealthIndicator implements HealthIndicator {

	private final String backend;

	private final BackendPipelines pipelines;

	private final boolean failOnOutage;

	BackendHealthIndicator(String backend, BackendPipelines pipelines, boolean failOnOutage) {
		this.backend = backend;
		this.pipelines = pipelines;
		this.failOnOutage = failOnOutage;
	}

	@Override
	public Health health() {
		List<PipelineSnapshot> snapshots = this.pipelines.of(this.backend)
			.stream()
			.map((pipeline) -> pipeline.snapshot())
			.toList();
		Map<String, Object> details = new LinkedHashMap<>();
		snapshots.forEach((snapshot) -> details.put(snapshot.signal().id(), details(snapshot)));
		return Health.status(status(snapshots)).withDetails(details).build();
	}

	private Status status(List<PipelineSnapshot> snapshots) {
		if (snapshots.isEmpty()) {
			return Status.UNKNOWN;
		}
		if (snapshots.stream().noneMatch(PipelineSnapshot::enabled)) {
			return TelemetryStatus.DISABLED;
		}
		if (snapshots.stream().anyMatch((snapshot) -> snapshot.consecutiveFailures() > 0)) {
			return this.failOnOutage ? Status.DOWN : TelemetryStatus.DEGRADED;
		}
		if (snapshots.stream().anyMatch((snapshot) -> snapshot.lastSuccess() != null)) {
			return Status.UP;
		}
		return Status.UNKNOWN;
	}

	private static Map<String, Object> details(PipelineSnapshot snapshot) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("enabled", snapshot.enabled());
		putIfPresent(details, "lastSuccess", snapshot.lastSuccess());
		putIfPresent(details, "lastFailure", snapshot.lastFailure());
		putIfPresent(details, "lastError", snapshot.lastError());
		details.put("consecutiveFailures", snapshot.consecutiveFailures());
		details.put("exported", snapshot.exported());
		details.put("failed", snapshot.failed());
		details.put("dropped", snapshot.dropped());
		details.put("queueSize", snapshot.queueSize());
		details.put("queueCapacity", snapshot.queueCapacity());
		details.put("queueBytes", snapshot.queueBytes());
		return details;
	}

	private static void putIfPresent(Map<String, Object> details, String key, Object value) {
		if (value != null) {
			details.put(key, value.toString());
		}
	}

}
