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

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.dualexport.autoconfigure.backend.ResolvedBackend.DropRule;
import io.github.dualexport.autoconfigure.backend.ResolvedBackend.SpanSelection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SpanSelector} on spans ended by a real tracer provider.
 *
 * @author Dual Export contributors
 */
class SpanSelectorTests {

	private final List<ReadableSpan> ended = new ArrayList<>();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(new Collecting())
		.build();

	@AfterEach
	void closeTracerProvider() {
		this.tracerProvider.close();
	}

	@Test
	void keepingAllKeepsEverySpan() {
		SpanSelector selector = new SpanSelector(SpanSelection.ALL);
		for (int i = 0; i < 100; i++) {
			assertThat(selector.keeps(span("operation-" + i))).isTrue();
		}
	}

	@Test
	void zeroRatioKeepsNoTrace() {
		SpanSelector selector = new SpanSelector(new SpanSelection(0.0, List.of()));
		for (int i = 0; i < 100; i++) {
			assertThat(selector.keeps(span("operation-" + i))).isFalse();
		}
	}

	@Test
	void samplingDecisionReadsTheLowSevenBytesOfTheTraceIdAsTheSpecificationDoes() {
		// Kept when the 56 random bits reach the rejection threshold (1 - ratio) * 2^56,
		// as the Collector's probabilistic_sampler in proportional mode decides
		SpanSelector half = new SpanSelector(new SpanSelection(0.5, List.of()));
		assertThat(half.sampled("ffffffffffffffff" + "007fffffffffffff")).isFalse();
		assertThat(half.sampled("0000000000000000" + "0080000000000000")).isTrue();
		// The high-order byte of the low half is not random: it does not count
		assertThat(half.sampled("0000000000000000" + "ff80000000000000")).isTrue();
		SpanSelector quarter = new SpanSelector(new SpanSelection(0.25, List.of()));
		assertThat(quarter.sampled("0000000000000000" + "00bfffffffffffff")).isFalse();
		assertThat(quarter.sampled("0000000000000000" + "00c0000000000000")).isTrue();
	}

	@Test
	void tracesKeptAtALowerRatioAreASubsetOfThoseKeptAtAHigherOne() {
		SpanSelector tenth = new SpanSelector(new SpanSelection(0.1, List.of()));
		SpanSelector half = new SpanSelector(new SpanSelection(0.5, List.of()));
		int keptByTenth = 0;
		int keptByHalf = 0;
		for (int i = 0; i < 2000; i++) {
			ReadableSpan span = span("operation");
			if (tenth.keeps(span)) {
				keptByTenth++;
				assertThat(half.keeps(span)).isTrue();
			}
			if (half.keeps(span)) {
				keptByHalf++;
			}
		}
		assertThat(keptByTenth).isBetween(100, 300);
		assertThat(keptByHalf).isBetween(850, 1150);
	}

	@Test
	void everySpanOfATraceSharesTheDecision() {
		SpanSelector selector = new SpanSelector(new SpanSelection(0.5, List.of()));
		for (int i = 0; i < 50; i++) {
			Span parent = this.tracerProvider.get("test").spanBuilder("parent").startSpan();
			ReadableSpan child = endedChild(parent);
			parent.end();
			assertThat(selector.keeps(child)).isEqualTo(selector.keeps(last()));
		}
	}

	@Test
	void dropRuleOnTheNameMatchesTheWholeName() {
		SpanSelector selector = new SpanSelector(
				new SpanSelection(1.0, List.of(new DropRule(Pattern.compile("GET /actuator/.*"), null, null))));
		assertThat(selector.keeps(span("GET /actuator/health"))).isFalse();
		assertThat(selector.keeps(span("GET /hello"))).isTrue();
		assertThat(selector.keeps(span("proxy GET /actuator/health"))).isTrue();
	}

	@Test
	void dropRuleOnAnAttributeMatchesItsPresenceOrItsValueOfAnyType() {
		SpanSelector present = new SpanSelector(new SpanSelection(1.0, List.of(new DropRule(null, "synthetic", null))));
		SpanSelector valued = new SpanSelector(
				new SpanSelection(1.0, List.of(new DropRule(null, "http.status", "404"))));
		assertThat(present.keeps(span("a", (builder) -> builder.setAttribute("synthetic", true)))).isFalse();
		assertThat(present.keeps(span("a", (builder) -> builder.setAttribute("other", true)))).isTrue();
		assertThat(valued.keeps(span("a", (builder) -> builder.setAttribute("http.status", 404L)))).isFalse();
		assertThat(valued.keeps(span("a", (builder) -> builder.setAttribute("http.status", "404")))).isFalse();
		assertThat(valued.keeps(span("a", (builder) -> builder.setAttribute("http.status", 200L)))).isTrue();
	}

	@Test
	void dropRuleWithNameAndAttributeNeedsBoth() {
		SpanSelector selector = new SpanSelector(
				new SpanSelection(1.0, List.of(new DropRule(Pattern.compile("db\\..*"), "cached", null))));
		assertThat(selector.keeps(span("db.query", (builder) -> builder.setAttribute("cached", true)))).isFalse();
		assertThat(selector.keeps(span("db.query"))).isTrue();
		assertThat(selector.keeps(span("http", (builder) -> builder.setAttribute("cached", true)))).isTrue();
	}

	@Test
	void dropRulesApplyToSampledTracesOnly() {
		SpanSelector selector = new SpanSelector(
				new SpanSelection(0.0, List.of(new DropRule(Pattern.compile("never"), null, null))));
		assertThat(selector.keeps(span("kept-by-the-rules"))).isFalse();
	}

	private ReadableSpan span(String name) {
		return span(name, (builder) -> {
		});
	}

	private ReadableSpan span(String name, java.util.function.Consumer<SpanBuilder> attributes) {
		SpanBuilder builder = this.tracerProvider.get("test").spanBuilder(name);
		attributes.accept(builder);
		builder.startSpan().end();
		return last();
	}

	private ReadableSpan endedChild(Span parent) {
		this.tracerProvider.get("test").spanBuilder("child").setParent(Context.root().with(parent)).startSpan().end();
		return last();
	}

	private ReadableSpan last() {
		return this.ended.get(this.ended.size() - 1);
	}

	private final class Collecting implements SpanProcessor {

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			SpanSelectorTests.this.ended.add(span);
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

}
