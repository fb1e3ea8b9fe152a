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

package io.github.dualexport.autoconfigure.otel;

import java.util.List;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MicrometerBridge}.
 *
 * @author Dual Export contributors
 */
class MicrometerBridgeTests {

	private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
		.setMeterProvider(SdkMeterProvider.builder().build())
		.build();

	@AfterEach
	void close() {
		this.openTelemetry.close();
	}

	@Test
	void readableViewLeavesTheBridgeOut() {
		SimpleMeterRegistry simple = new SimpleMeterRegistry();
		MeterRegistry bridge = MicrometerBridge.create(this.openTelemetry, Clock.SYSTEM);
		CompositeMeterRegistry composite = new CompositeMeterRegistry(Clock.SYSTEM, List.of(bridge, simple));
		composite.counter("hello.requests").increment(3);
		MeterRegistry view = MicrometerBridge.readableView(composite, bridge);
		assertThat(view).isInstanceOfSatisfying(CompositeMeterRegistry.class,
				(readable) -> assertThat(readable.getRegistries()).containsExactly(simple));
		assertThat(new MetricsEndpoint(view).metric("hello.requests", null).getMeasurements()).singleElement()
			.satisfies((sample) -> assertThat(sample.getValue()).isEqualTo(3));
		assertThat(view.getMeters()).isEmpty();
	}

	@Test
	void bridgeMetersHoldNoValueToReadBack() {
		MeterRegistry bridge = MicrometerBridge.create(this.openTelemetry, Clock.SYSTEM);
		bridge.counter("hello.requests").increment(3);
		assertThat(bridge.counter("hello.requests").count()).isNaN();
	}

	@Test
	void readableViewOfTheBridgeAloneIsEmpty() {
		MeterRegistry bridge = MicrometerBridge.create(this.openTelemetry, Clock.SYSTEM);
		MeterRegistry view = MicrometerBridge.readableView(bridge, bridge);
		assertThat(view).isInstanceOfSatisfying(CompositeMeterRegistry.class,
				(readable) -> assertThat(readable.getRegistries()).isEmpty());
	}

	@Test
	void withoutBridgeTheRegistryIsReadAsItIs() {
		SimpleMeterRegistry simple = new SimpleMeterRegistry();
		assertThat(MicrometerBridge.readableView(simple, null)).isSameAs(simple);
	}

}
