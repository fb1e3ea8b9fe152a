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
package io.github.dualexport.autoconfigure.traces;

import java.util.List;

import io.github.dualexport.autoconfigure.pipeline.PipelineGroup;
import io.github.dualexport.autoconfigure.pipeline.SignalPipeline;

/**
 * The span pipelines of every backend that receives traces, and the capture stages that
 * feed them, one per group of backends that need the same spans.
 *
 * @param pipelines one pipeline per backend
 * @param stages one capture stage per group
 * @author Dual Export contributors
 */
public record TracePipelines(List<SignalPipeline> pipelines, List<TraceCaptureStage> stages) implements PipelineGroup {

	/**
	 * Create a new instance.
	 */
	public TracePipelines {
		pipelines = List.copyOf(pipelines);
		stages = List.copyOf(stages);
	}

}
