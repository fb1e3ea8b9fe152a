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
 * One invalid setting found while resolving the backends.
 *
 * @param property the full property name, such as 'telemetry.backends.uptrace.dsn'
 * @param value the offending value, already masked when secret; may be {@code null}
 * @param reason why the value cannot be used
 * @param action how to fix it
 * @author Dual Export contributors
 */
public record ConfigurationProblem(String property, Object value, String reason, String action) {

}
