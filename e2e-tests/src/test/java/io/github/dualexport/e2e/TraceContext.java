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
package io.github.dualexport.e2e;

import java.util.HexFormat;
import java.util.Random;

/**
 * A W3C trace context made up by a test, so that the trace id of a request is known
 * without reading it back from the application.
 *
 * @param traceId 32 lower-case hex digits
 * @param parentSpanId 16 lower-case hex digits
 * @author Dual Export contributors
 */
record TraceContext(String traceId, String parentSpanId) {

	/**
	 * A sampled trace context with ids drawn from the given random source.
	 * @param random the source
	 * @return the context
	 */
	static TraceContext random(Random random) {
		return new TraceContext(nonZeroFirst(hex(random, 16)), nonZeroFirst(hex(random, 8)));
	}

	/**
	 * The {@code traceparent} header: version 00, flags 01 (sampled).
	 * @return the header value
	 */
	String traceparent() {
		return "00-" + this.traceId + "-" + this.parentSpanId + "-01";
	}

	private static String hex(Random random, int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return HexFormat.of().formatHex(value);
	}

	// No backend shortens an id whose first digit is not 0
	private static String nonZeroFirst(String hex) {
		return (hex.charAt(0) == '0') ? "1" + hex.substring(1) : hex;
	}

}
