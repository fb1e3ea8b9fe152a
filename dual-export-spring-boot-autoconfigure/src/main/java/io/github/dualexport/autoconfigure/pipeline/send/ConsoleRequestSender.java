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

import java.io.PrintStream;

import io.opentelemetry.sdk.common.CompletableResultCode;
import org.jspecify.annotations.Nullable;

/**
 * Writes each request as one line of OTLP JSON, for the console backend.
 *
 * @author Dual Export contributors
 */
final class ConsoleRequestSender implements RequestSender {

	private final PrintStream output;

	/**
	 * Create a new instance.
	 * @param output where the lines go
	 */
	ConsoleRequestSender(PrintStream output) {
		this.output = output;
	}

	@Override
	public Encoding encoding() {
		return Encoding.JSON_LINE;
	}

	@Override
	public CompletableResultCode send(BufferedRequest request) {
		synchronized (this.output) {
			this.output.write(request.body(), 0, request.body().length);
			this.output.flush();
		}
		return this.output.checkError() ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
	}

	@Override
	public boolean isTransient(@Nullable Throwable failure) {
		return false;
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

}
