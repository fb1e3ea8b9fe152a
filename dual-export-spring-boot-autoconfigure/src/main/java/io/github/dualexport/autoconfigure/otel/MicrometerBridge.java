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

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistry;

/**
 * Builds the OpenTelemetry Micrometer bridge, the meter registry that forwards the
 * application's Micrometer meters into the OpenTelemetry meter provider.
 *
 * @author Dual Export contributors
 */
public final class MicrometerBridge {

	private MicrometerBridge() {
	}

	/**
	 * Build the bridge.
	 * @param openTelemetry the OpenTelemetry whose meter provider receives the meters
	 * @param clock the Micrometer clock
	 * @return the bridge registry
	 */
	public static OpenTelemetryMeterRegistry create(OpenTelemetry openTelemetry, Clock clock) {
		return (OpenTelemetryMeterRegistry) OpenTelemetryMeterRegistry.builder(openTelemetry).setClock(clock).build();
	}

	/**
	 * Return a view of the application's registry for reading values back: its children
	 * but the bridge, whose meters hold no value. The view holds no meter of its own and
	 * records nothing.
	 * @param registry the application's registry, usually Spring Boot's composite
	 * @param bridge the bridge, or {@code null} if there is none
	 * @return the registry to read from
	 */
	public static MeterRegistry readableView(MeterRegistry registry, @Nullable MeterRegistry bridge) {
		if (bridge == null) {
			return registry;
		}
		CompositeMeterRegistry view = new CompositeMeterRegistry(registry.config().clock());
		if (registry instanceof CompositeMeterRegistry composite) {
			composite.getRegistries().stream().filter((child) -> child != bridge).forEach(view::add);
		}
		else if (registry != bridge) {
			view.add(registry);
		}
		return view;
	}

}
