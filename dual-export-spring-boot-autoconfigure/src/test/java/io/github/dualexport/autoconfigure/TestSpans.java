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
package io.github.dualexport.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.context.ApplicationContext;

/**
 * Ends spans through the application's {@link OpenTelemetry} bean, as instrumented code
 * would.
 *
 * @author Dual Export contributors
 */
public final class TestSpans {

	private TestSpans() {
	}

	/**
	 * End the given number of spans, each its own trace.
	 * @param context the application context holding the OpenTelemetry bean
	 * @param count the number of spans
	 * @return their trace ids, in order
	 */
	public static List<String> emit(ApplicationContext context, int count) {
		Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("wire-test");
		List<String> traceIds = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Span span = tracer.spanBuilder("operation-" + i).startSpan();
			traceIds.add(span.getSpanContext().getTraceId());
			span.end();
		}
		return traceIds;
	}

}
