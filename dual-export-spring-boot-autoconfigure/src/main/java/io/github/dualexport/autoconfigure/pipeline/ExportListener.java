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

import java.time.Duration;

import io.github.dualexport.autoconfigure.backend.Signal;

/**
 * Told about every export request a pipeline completes, on the pipeline's own thread.
 * Implementations must be fast and must not throw.
 *
 * @author Dual Export contributors
 */
@FunctionalInterface
public interface ExportListener {

	/**
	 * Called when one export request completed.
	 * @param backend the backend name
	 * @param signal the signal exported
	 * @param items the number of items in the request
	 * @param outcome {@link ExportOutcome#SUCCESS} or {@link ExportOutcome#FAILURE}
	 * @param duration the time the request took, retries included
	 */
	void exported(String backend, Signal signal, int items, ExportOutcome outcome, Duration duration);

}
