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

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.ReadableSpan;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend;

/**
 * Decides which spans one backend receives: a consistent share of traces, then the drop
 * rules.
 *
 * <p>
 * The sampling decision reads the 56 random low-order bits of the trace id that W3C Trace
 * Context Level 2 and OpenTelemetry's consistent probability sampling rely on, and keeps
 * the trace when they reach the rejection threshold {@code (1 - ratio) * 2^56}, as the
 * specification and the Collector's {@code probabilistic_sampler} in {@code proportional}
 * mode do. It depends on the trace id only, so every span of a trace shares the decision,
 * whichever service or backend makes it, and the traces kept at a lower ratio are a
 * subset of those kept at a higher one.
 *
 * @author Dual Export contributors
 */
final class SpanSelector {

	private static final long RANDOM_VALUES = 1L << 56;

	private final long threshold;

	private final ResolvedBackend.SpanSelection selection;

	SpanSelector(ResolvedBackend.SpanSelection selection) {
		this.selection = selection;
		// The rejection threshold of the specification's consistent probability sampling:
		// the same traces as the Collector's probabilistic_sampler in proportional mode
		this.threshold = RANDOM_VALUES - (long) Math.floor(selection.samplingRatio() * RANDOM_VALUES);
	}

	boolean keeps(ReadableSpan span) {
		return sampled(span.getSpanContext().getTraceId()) && !dropped(span);
	}

	boolean sampled(String traceId) {
		if (this.threshold <= 0) {
			return true;
		}
		return Long.parseUnsignedLong(traceId.substring(traceId.length() - 14), 16) >= this.threshold;
	}

	private boolean dropped(ReadableSpan span) {
		for (ResolvedBackend.DropRule rule : this.selection.dropRules()) {
			if (matches(rule, span)) {
				return true;
			}
		}
		return false;
	}

	private static boolean matches(ResolvedBackend.DropRule rule, ReadableSpan span) {
		if (rule.name() != null && !rule.name().matcher(span.getName()).matches()) {
			return false;
		}
		if (rule.attribute() == null) {
			return true;
		}
		// A string attribute is looked up in place; only other types need a copy of the
		// span's attributes
		Object value = span.getAttribute(AttributeKey.stringKey(rule.attribute()));
		if (value == null) {
			value = valueOfAnyType(span, rule.attribute());
		}
		return value != null && (rule.value() == null || rule.value().equals(String.valueOf(value)));
	}

	private static Object valueOfAnyType(ReadableSpan span, String attribute) {
		Object[] value = new Object[1];
		span.getAttributes().forEach((key, candidate) -> {
			if (key.getKey().equals(attribute)) {
				value[0] = candidate;
			}
		});
		return value[0];
	}

}
