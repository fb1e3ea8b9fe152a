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

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the constant of an enumerated setting by the name written in configuration,
 * leniently in the way Spring Boot binds enums: case, white space and separators are
 * ignored, so that 'low-memory', 'LOW_MEMORY' and 'lowMemory' name the same value.
 *
 * @author Dual Export contributors
 */
final class ConfigurationIds {

	private ConfigurationIds() {
	}

	/**
	 * Find the constant whose name in configuration matches the given text.
	 * @param <E> the enum type
	 * @param values the constants
	 * @param id the name in configuration of a constant
	 * @param text the configured text, or {@code null}
	 * @return the constant, or empty if none matches
	 */
	static <E extends Enum<E>> Optional<E> find(E[] values, Function<E, String> id, String text) {
		if (text == null) {
			return Optional.empty();
		}
		String canonical = canonical(text);
		return Arrays.stream(values).filter((value) -> canonical(id.apply(value)).equals(canonical)).findFirst();
	}

	private static String canonical(String name) {
		StringBuilder canonical = new StringBuilder(name.length());
		name.chars()
			.filter(Character::isLetterOrDigit)
			.map(Character::toLowerCase)
			.forEach((c) -> canonical.append((char) c));
		return canonical.toString();
	}

}
