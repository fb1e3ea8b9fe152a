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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import io.github.dualexport.autoconfigure.otel.OtlpMessage;

/**
 * One OTLP export request encoded once, in every {@link Encoding} the backends of a group
 * need, and shared by their send queues.
 *
 * @author Dual Export contributors
 */
final class EncodedRequest {

	private final int items;

	private final Map<Encoding, byte[]> encodings;

	private EncodedRequest(int items, Map<Encoding, byte[]> encodings) {
		this.items = items;
		this.encodings = encodings;
	}

	/**
	 * Encode a request with the official OTLP marshaller, once per encoding asked for;
	 * the gzip encoding compresses the protobuf bytes once.
	 * @param request the request
	 * @param items the number of items (spans, points, log records) in the request
	 * @param encodings the encodings to produce
	 * @param gzip compresses the protobuf bytes for the gzip encoding
	 * @return the encoded request
	 */
	static EncodedRequest encode(OtlpMessage request, int items, Set<Encoding> encodings, GzipEncoder gzip) {
		Map<Encoding, byte[]> encoded = new EnumMap<>(Encoding.class);
		try {
			if (encodings.contains(Encoding.PROTOBUF) || encodings.contains(Encoding.PROTOBUF_GZIP)) {
				ByteArrayOutputStream protobuf = new ByteArrayOutputStream(request.protobufSize());
				request.writeProtobuf(protobuf);
				byte[] bytes = protobuf.toByteArray();
				if (encodings.contains(Encoding.PROTOBUF)) {
					encoded.put(Encoding.PROTOBUF, bytes);
				}
				if (encodings.contains(Encoding.PROTOBUF_GZIP)) {
					encoded.put(Encoding.PROTOBUF_GZIP, gzip.encode(bytes));
				}
			}
			if (encodings.contains(Encoding.JSON_LINE)) {
				ByteArrayOutputStream json = new ByteArrayOutputStream();
				request.writeJson(json);
				json.write('\n');
				encoded.put(Encoding.JSON_LINE, json.toByteArray());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to encode an OTLP request of " + items + " items", ex);
		}
		return new EncodedRequest(items, encoded);
	}

	/**
	 * Return the number of items in the request.
	 * @return the number of items
	 */
	public int items() {
		return this.items;
	}

	/**
	 * Return the request in one encoding.
	 * @param encoding the encoding, one of those the request was encoded in
	 * @return the bytes, shared: never modify them
	 */
	public byte[] bytes(Encoding encoding) {
		byte[] bytes = this.encodings.get(encoding);
		if (bytes == null) {
			throw new IllegalArgumentException("Request was not encoded as " + encoding);
		}
		return bytes;
	}

}
