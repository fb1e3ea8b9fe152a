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
package io.github.dualexport.autoconfigure.pipeline.send;

import io.opentelemetry.sdk.common.export.RetryPolicy;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;

/**
 * Maps a backend's retry settings onto the OTLP exporters' {@link RetryPolicy}, which
 * retries connection errors, 429, 502, 503, 504 and their gRPC equivalents and honours
 * {@code Retry-After}.
 *
 * @author Dual Export contributors
 */
final class RetryPolicies {

	private RetryPolicies() {
	}

	/**
	 * Return the retry policy of the given settings.
	 * @param retry the resolved retry settings
	 * @return the policy, or {@code null} when retry is disabled
	 */
	static RetryPolicy of(ResolvedBackend.Retry retry) {
		if (!retry.enabled()) {
			return null;
		}
		return RetryPolicy.builder()
			.setMaxAttempts(retry.maxAttempts())
			.setInitialBackoff(retry.initialBackoff())
			.setMaxBackoff(retry.maxBackoff())
			.setBackoffMultiplier(retry.multiplier())
			.build();
	}

}
