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

import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Puts encoded OTLP request bodies on the wire through the sender of the OpenTelemetry
 * SDK on the classpath, whichever of its sender interfaces that version has.
 *
 * @author Dual Export contributors
 * @see OtlpTransports#create(OtlpTransportSettings)
 */
public interface OtlpTransport {

	/**
	 * Send one request body, retrying as the settings' retry policy says.
	 * @param body the encoded body, compressed already when the settings say gzip
	 * @param result completed with success, or failed with an {@link OtlpExportException}
	 */
	void send(byte[] body, CompletableResultCode result);

	/**
	 * Release the sender's connections and threads.
	 * @return completes when released
	 */
	CompletableResultCode shutdown();

}
