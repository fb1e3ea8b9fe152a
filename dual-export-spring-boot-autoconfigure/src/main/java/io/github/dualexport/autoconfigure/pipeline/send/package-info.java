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

/**
 * The per-backend send side: a bounded buffer (memory or disk), one thread, one sender
 * (http/protobuf, gRPC or console) with its retry.
 * {@link io.github.dualexport.autoconfigure.pipeline.send.SendStages SendStages} builds
 * the queues and the {@link io.github.dualexport.autoconfigure.pipeline.send.FanOut
 * FanOut} that feeds them, and applies the
 * {@link io.github.dualexport.autoconfigure.pipeline.send.OtlpSenderCustomizer
 * OtlpSenderCustomizer} beans to each sender's
 * {@link io.github.dualexport.autoconfigure.pipeline.send.OtlpSenderBuilder
 * OtlpSenderBuilder}; everything else is package-private.
 */
@NullMarked
package io.github.dualexport.autoconfigure.pipeline.send;

import org.jspecify.annotations.NullMarked;
