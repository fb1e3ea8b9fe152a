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

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a backend type knows about its vendor: endpoint paths and ports, headers and the
 * metric temporality and histogram kind it prefers. A preset value is used when the
 * backend leaves the setting unset, before {@code telemetry.defaults}.
 *
 * @author Dual Export contributors
 */
interface BackendPreset {

	/**
	 * Return the name of this preset, the value of {@code type}.
	 * @return the type name
	 */
	String type();

	/**
	 * Return the transports the vendor accepts.
	 * @return the supported protocols
	 */
	default Set<Protocol> protocols() {
		return EnumSet.allOf(Protocol.class);
	}

	/**
	 * Return whether this preset sends requests to endpoints; console output does not.
	 * @return whether endpoints are derived and validated
	 */
	default boolean usesEndpoints() {
		return true;
	}

	/**
	 * Check the settings only this preset reads, such as a DSN.
	 * @param backend the backend being resolved
	 * @param problems where to report invalid values
	 */
	default void validate(BackendContext backend, ConfigurationProblems problems) {
	}

	/**
	 * Derive a signal's endpoint when the backend does not give it in full.
	 * @param backend the backend being resolved, already validated by this preset
	 * @param base the base URL (scheme, host, port) configured for the signal or the
	 * backend, or {@code null} to use the vendor's default
	 * @param signal the signal
	 * @param protocol the resolved protocol
	 * @return the full URL for http/protobuf, the base URL for gRPC
	 */
	String endpoint(BackendContext backend, String base, Signal signal, Protocol protocol);

	/**
	 * Return the headers this preset adds; the backend's own headers take precedence.
	 * @param backend the backend being resolved
	 * @return the headers to send
	 */
	default Map<String, String> headers(BackendContext backend) {
		return Map.of();
	}

	/**
	 * Return the headers this preset adds to one signal's requests, over the preset's and
	 * the backend's headers; the signal's own headers take precedence.
	 * @param backend the backend being resolved
	 * @param signal the signal
	 * @return the headers to send with that signal
	 */
	default Map<String, String> headers(BackendContext backend, Signal signal) {
		return Map.of();
	}

	/**
	 * Return whether the vendor receives the signals on different hosts or ports, so that
	 * one base URL for several signals is likely a mistake.
	 * @return whether each signal has its own default base URL
	 */
	default boolean placesSignalsApart() {
		return false;
	}

	/**
	 * Return the signals the vendor accepts when the backend does not list its own.
	 * @return the signals, or {@code null} to inherit the defaults
	 */
	default Set<Signal> signals() {
		return null;
	}

	/**
	 * Return the metric temporality the vendor prefers.
	 * @return the temporality, or {@code null} to inherit the defaults
	 */
	default Temporality temporality() {
		return null;
	}

	/**
	 * Return the histogram aggregation the vendor prefers.
	 * @return the histogram kind, or {@code null} to inherit the defaults
	 */
	default Histogram histogram() {
		return null;
	}

}
