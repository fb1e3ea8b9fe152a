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
package io.github.dualexport.autoconfigure.backend;

/**
 * A backend's raw properties during resolution, with the prefix its property names carry
 * in error reports.
 *
 * @param name the backend name
 * @param properties the bound properties
 * @author Dual Export contributors
 */
record BackendContext(String name, BackendProperties properties) {

	/**
	 * Return the full name of one of this backend's properties.
	 * @param key the key below the backend, such as 'traces.endpoint'
	 * @return the full property name
	 */
	String property(String key) {
		return "telemetry.backends." + this.name + "." + key;
	}

}
