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

import java.io.IOException;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.marshal.Serializer;

/**
 * A marshaller of bytes encoded already, for the senders that take a marshaller rather
 * than a body.
 *
 * @author Dual Export contributors
 */
final class RawMarshaler extends Marshaler {

	private final byte[] bytes;

	RawMarshaler(byte[] bytes) {
		this.bytes = bytes;
	}

	static Class<?> marshalerType() {
		return Marshaler.class;
	}

	@Override
	public int getBinarySerializedSize() {
		return this.bytes.length;
	}

	@Override
	protected void writeTo(Serializer output) throws IOException {
		output.writeSerializedMessage(this.bytes, "");
	}

}
