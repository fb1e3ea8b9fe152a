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

/**
 * The seam between the export pipelines and everything that observes or controls them
 * (health, actuator endpoint, self-metrics, shutdown):
 * {@link io.github.dualexport.autoconfigure.pipeline.SignalPipeline SignalPipeline}, its
 * {@link io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot snapshots},
 * {@link io.github.dualexport.autoconfigure.pipeline.BackendPipelines BackendPipelines}
 * and {@link io.github.dualexport.autoconfigure.pipeline.ExportListener ExportListener}.
 * <p>
 * Data flows one way: {@code capture} (shared per group of backends) hands each request,
 * encoded once, to {@code send} (one queue, thread and sender per backend); {@code
 * redact} shapes what capture encodes.
 */
@NullMarked
package io.github.dualexport.autoconfigure.pipeline;

import org.jspecify.annotations.NullMarked;
