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

package io.github.dualexport.autoconfigure.pipeline.send;

import io.opentelemetry.sdk.common.CompletableResultCode;
import org.jspecify.annotations.Nullable;

/**
 * Puts one backend's encoded requests of one signal on the wire.
 *
 * @author Dual Export contributors
 */
interface RequestSender {

	/**
	 * Return the encoding the sender sends.
	 * @return the encoding
	 */
	Encoding encoding();

	/**
	 * Send one request, retrying as the backend's retry policy says.
	 * @param request the request
	 * @return completes when the request was accepted or finally failed
	 */
	CompletableResultCode send(BufferedRequest request);

	/**
	 * Return whether a failed request may succeed when sent again later, as the OTLP
	 * specification says: the backend was unreachable or answered with a retryable status
	 * (HTTP 429, 502, 503, 504; gRPC UNAVAILABLE and the like, RESOURCE_EXHAUSTED only
	 * with RetryInfo), as opposed to a request it refused (400, 401, 413...) or one the
	 * client refused to send.
	 * @param failure the failure of {@link #send(BufferedRequest)}, or {@code null}
	 * @return whether to send it again later
	 */
	boolean isTransient(@Nullable Throwable failure);

	/**
	 * Release the sender's connections and threads.
	 * @return completes when released
	 */
	CompletableResultCode shutdown();

}
