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
package io.github.dualexport.autoconfigure.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Writes OTLP export requests as OTLP-JSON, one request per line, the format of the
 * OpenTelemetry Collector's file exporter.
 *
 * @author Dual Export contributors
 */
public final class OtlpJsonLines {

	private final PrintStream output;

	/**
	 * Create a writer to the given stream.
	 * @param output the stream, such as {@code System.out}
	 */
	public OtlpJsonLines(PrintStream output) {
		this.output = output;
	}

	/**
	 * Write one request as a line.
	 * @param request the OTLP request, marshalled by the official OTLP marshalers
	 * @return the result of the write
	 */
	public CompletableResultCode write(Marshaler request) {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try {
			request.writeJsonTo(line);
		}
		catch (IOException ex) {
			return CompletableResultCode.ofExceptionalFailure(ex);
		}
		line.write('\n');
		synchronized (this.output) {
			this.output.write(line.toByteArray(), 0, line.size());
			this.output.flush();
		}
		return CompletableResultCode.ofSuccess();
	}

}
