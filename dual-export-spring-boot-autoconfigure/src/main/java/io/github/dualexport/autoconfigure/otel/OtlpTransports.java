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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Creates the {@link OtlpTransport} of a backend's signal over the sender that the
 * OpenTelemetry version on the classpath offers: its public sender interfaces where it
 * has them, its exporters' internal ones before.
 *
 * @author Dual Export contributors
 */
public final class OtlpTransports {

	private static final String USER_AGENT = "OTel-OTLP-Exporter-Java/"
			+ OpenTelemetryVersions.detect().version("opentelemetry-exporter-otlp");

	private OtlpTransports() {
	}

	/**
	 * Create the transport of the given settings.
	 * @param settings where and how to send
	 * @return the transport
	 * @throws IllegalStateException if this OpenTelemetry version has no sender this
	 * starter can use
	 */
	public static OtlpTransport create(OtlpTransportSettings settings) {
		ClassLoader classLoader = OtlpTransports.class.getClassLoader();
		Supplier<Map<String, List<String>>> headers = headers(settings.headers());
		// Each transport class is loaded only where the types it links against exist
		if (isPresent("io.opentelemetry.sdk.common.export.HttpSenderProvider", classLoader)) {
			return SdkSenderTransport.create(settings, headers, classLoader);
		}
		if (isPresent("io.opentelemetry.exporter.internal.http.HttpSenderProvider", classLoader)) {
			try {
				return LegacySenderTransport.create(settings, headers, classLoader);
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				throw new IllegalStateException("The OTLP sender of OpenTelemetry "
						+ OpenTelemetryVersions.detect().sdkVersion() + " could not be used", ex);
			}
		}
		throw new IllegalStateException("No OTLP sender found: add io.opentelemetry:opentelemetry-exporter-otlp");
	}

	private static Supplier<Map<String, List<String>>> headers(Supplier<Map<String, String>> headers) {
		return () -> {
			Map<String, List<String>> result = new LinkedHashMap<>();
			headers.get().forEach((name, value) -> result.put(name, List.of(value)));
			result.put("User-Agent", List.of(USER_AGENT));
			return Collections.unmodifiableMap(result);
		};
	}

	static boolean isPresent(String className, ClassLoader classLoader) {
		try {
			Class.forName(className, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Return the provider the official exporters would take: the OkHttp one when several
	 * are present, as they do without a configured choice.
	 */
	static <T> T preferred(ServiceLoader<?> loader, Class<T> type) {
		Object first = null;
		for (Object provider : loader) {
			if (provider.getClass().getName().contains(".okhttp.")) {
				return type.cast(provider);
			}
			if (first == null) {
				first = provider;
			}
		}
		if (first == null) {
			throw new IllegalStateException("No " + type.getSimpleName()
					+ " found: add io.opentelemetry:opentelemetry-exporter-sender-okhttp (brought by opentelemetry-exporter-otlp)");
		}
		return type.cast(first);
	}

}
