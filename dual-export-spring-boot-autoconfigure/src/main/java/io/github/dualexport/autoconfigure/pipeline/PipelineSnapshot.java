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
package io.github.dualexport.autoconfigure.pipeline;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.github.dualexport.autoconfigure.backend.Signal;

/**
 * The state of one backend's pipeline for one signal at one moment.
 *
 * @param backend the backend name
 * @param signal the signal
 * @param group the group of backends sharing the pipeline's capture stage
 * @param enabled whether the pipeline takes new items (see
 * {@link SignalPipeline#setEnabled(boolean)})
 * @param exported the items the backend accepted so far
 * @param failed the items whose export request failed so far
 * @param dropped the items dropped before export (full or closed queue)
 * @param queueSize the items waiting in the queue now
 * @param queueCapacity the item capacity of the queue, 0 when bounded by bytes only
 * @param queueBytes the bytes waiting in the queue now
 * @param lastSuccess when an export last succeeded, or {@code null}
 * @param lastFailure when an export last failed, or {@code null}
 * @param lastError the error of the last failed export, or {@code null}
 * @param consecutiveFailures the failed exports since the last success
 * @author Dual Export contributors
 */
public record PipelineSnapshot(String backend, Signal signal, String group, boolean enabled, long exported, long failed,
		long dropped, long queueSize, long queueCapacity, long queueBytes, @Nullable Instant lastSuccess,
		@Nullable Instant lastFailure, @Nullable String lastError, long consecutiveFailures) {

}
