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

import java.lang.reflect.Method;

import io.micrometer.core.instrument.Clock;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistryBuilder;

/**
 * Builds the OpenTelemetry Micrometer bridge, the meter registry that forwards the
 * application's Micrometer meters into the OpenTelemetry meter provider.
 *
 * @author Dual Export contributors
 */
public final class MicrometerBridge {

	private static final String INTERNAL = "io.opentelemetry.instrumentation.micrometer.v1_5.internal.Internal";

	private MicrometerBridge() {
	}

	/**
	 * Build the bridge.
	 * @param openTelemetry the OpenTelemetry whose meter provider receives the meters
	 * @param clock the Micrometer clock
	 * @return the bridge registry
	 */
	public static OpenTelemetryMeterRegistry create(OpenTelemetry openTelemetry, Clock clock) {
		OpenTelemetryMeterRegistryBuilder builder = OpenTelemetryMeterRegistry.builder(openTelemetry).setClock(clock);
		// The bridge cannot read values back and Boot's composite orders its children by
		// identity: hidden meters let the actuator read another child's
		Method hide = hideFromSearchMethod();
		if (hide != null) {
			try {
				hide.invoke(null, builder, true);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Could not hide the Micrometer bridge's meters from search", ex);
			}
		}
		return (OpenTelemetryMeterRegistry) builder.build();
	}

	/**
	 * Return whether the bridge on the classpath can hide its meters from Micrometer's
	 * search (from 2.31.1-alpha on, whose other dependencies fit no Spring Boot line: see
	 * README). Where it cannot, the actuator {@code metrics} endpoint may read a meter
	 * from the bridge, which holds no value, rather than from another registry.
	 * @return whether it can
	 */
	public static boolean canHideMetersFromSearch() {
		return hideFromSearchMethod() != null;
	}

	private static Method hideFromSearchMethod() {
		try {
			return Class.forName(INTERNAL, false, MicrometerBridge.class.getClassLoader())
				.getMethod("setMetersHiddenFromSearch", OpenTelemetryMeterRegistryBuilder.class, boolean.class);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return null;
		}
	}

}
