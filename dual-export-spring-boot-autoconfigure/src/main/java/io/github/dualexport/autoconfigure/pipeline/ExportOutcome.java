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

import java.util.Locale;

/**
 * What became of exported items; the {@code outcome} tag of the export metrics.
 *
 * @author Dual Export contributors
 */
public enum ExportOutcome {

	/**
	 * The backend accepted the items.
	 */
	SUCCESS,

	/**
	 * The export request failed after its retries.
	 */
	FAILURE,

	/**
	 * The items never left the application: the backend's queue was full or closed.
	 */
	DROPPED;

	/**
	 * Return the tag value, such as 'success'.
	 * @return the lower-case name
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
