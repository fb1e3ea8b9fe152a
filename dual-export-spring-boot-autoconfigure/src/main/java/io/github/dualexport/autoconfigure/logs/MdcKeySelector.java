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
package io.github.dualexport.autoconfigure.logs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which MDC (Log4j2: context data) keys are copied into log records, from the
 * configured keys: {@code *} matches any characters, {@code ?} exactly one, and matching
 * is case-sensitive. No keys select nothing.
 *
 * @author Dual Export contributors
 */
final class MdcKeySelector {

	private final Set<String> keys = new HashSet<>();

	private final List<String> patterns = new ArrayList<>();

	MdcKeySelector(List<String> configuredKeys) {
		for (String configured : configuredKeys) {
			// A comma-separated entry lists several keys, as the property's String form
			// does
			for (String key : configured.split(",")) {
				key = key.trim();
				if (key.isEmpty()) {
					continue;
				}
				if (key.indexOf('*') >= 0 || key.indexOf('?') >= 0) {
					this.patterns.add(key);
				}
				else {
					this.keys.add(key);
				}
			}
		}
	}

	/**
	 * Return whether no key can be selected.
	 * @return whether this selector selects nothing
	 */
	boolean isEmpty() {
		return this.keys.isEmpty() && this.patterns.isEmpty();
	}

	/**
	 * Return whether the given key is selected.
	 * @param key the MDC key
	 * @return whether it is copied into the record
	 */
	boolean isSelected(String key) {
		if (this.keys.contains(key)) {
			return true;
		}
		for (String pattern : this.patterns) {
			if (matches(pattern, key)) {
				return true;
			}
		}
		return false;
	}

	// Backtracks to the last '*' only: at most pattern length times key length steps,
	// where a regular expression with several '*' can take far more on a mismatch
	static boolean matches(String pattern, String key) {
		int p = 0;
		int k = 0;
		int patternAfterStar = -1;
		int keyAtStar = -1;
		while (k < key.length()) {
			if (p < pattern.length() && pattern.charAt(p) == '*') {
				patternAfterStar = ++p;
				keyAtStar = k;
			}
			else if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == key.charAt(k))) {
				p++;
				k++;
			}
			else if (patternAfterStar >= 0) {
				p = patternAfterStar;
				k = ++keyAtStar;
			}
			else {
				return false;
			}
		}
		while (p < pattern.length() && pattern.charAt(p) == '*') {
			p++;
		}
		return p == pattern.length();
	}

}
