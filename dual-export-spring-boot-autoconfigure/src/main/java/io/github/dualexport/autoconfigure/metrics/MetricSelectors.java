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
package io.github.dualexport.autoconfigure.metrics;

import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;

import io.github.dualexport.autoconfigure.backend.Histogram;
import io.github.dualexport.autoconfigure.backend.Temporality;

/**
 * What a metric reader asks of the SDK: the temporality of each instrument type and the
 * aggregation of histograms.
 *
 * @param temporality the temporality per instrument type
 * @param aggregation the default aggregation per instrument type
 * @author Dual Export contributors
 */
record MetricSelectors(AggregationTemporalitySelector temporality, DefaultAggregationSelector aggregation) {

	/**
	 * Return the selectors of a temporality and a histogram aggregation.
	 * @param temporality the temporality
	 * @param histogram the histogram aggregation
	 * @return the selectors
	 */
	static MetricSelectors of(Temporality temporality, Histogram histogram) {
		return new MetricSelectors(temporality(temporality), aggregation(histogram));
	}

	private static AggregationTemporalitySelector temporality(Temporality temporality) {
		return switch (temporality) {
			case CUMULATIVE -> AggregationTemporalitySelector.alwaysCumulative();
			case DELTA -> AggregationTemporalitySelector.deltaPreferred();
			case LOW_MEMORY -> AggregationTemporalitySelector.lowMemory();
		};
	}

	private static DefaultAggregationSelector aggregation(Histogram histogram) {
		return switch (histogram) {
			case EXPLICIT -> DefaultAggregationSelector.getDefault();
			case EXPONENTIAL -> DefaultAggregationSelector.getDefault()
				.with(InstrumentType.HISTOGRAM, Aggregation.base2ExponentialBucketHistogram());
		};
	}

}
