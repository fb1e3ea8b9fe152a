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

import io.github.dualexport.autoconfigure.backend.Signal;

/**
 * Callback that tunes the OTLP sender of one backend's signal before it is created: add
 * or remove headers, compute headers per request (a short-lived token), change the
 * timeout. Applied, in {@link org.springframework.core.annotation.Order @Order}, to every
 * http/protobuf and gRPC sender, once per backend and signal; the console backend has no
 * OTLP sender.
 * <p>
 * Declare it as a bean: <pre class="code">
 * &#64;Bean
 * OtlpSenderCustomizer uptraceToken(TokenSource tokens) {
 *     return (backend, signal, sender) -&gt; {
 *         if (backend.equals("uptrace")) {
 *             sender.headers(() -&gt; Map.of("Authorization", "Bearer " + tokens.current()));
 *         }
 *     };
 * }
 * </pre>
 *
 * @author Dual Export contributors
 */
@FunctionalInterface
public interface OtlpSenderCustomizer {

	/**
	 * Customize the sender of one backend's signal.
	 * @param backend the backend name, as under {@code telemetry.backends}
	 * @param signal the signal the sender carries
	 * @param sender the sender's settings, resolved from the configuration, to adjust
	 */
	void customize(String backend, Signal signal, OtlpSenderBuilder sender);

}
