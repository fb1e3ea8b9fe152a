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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;

import io.github.dualexport.autoconfigure.otel.OtlpMessage;

/**
 * Export requests of real spans for the send side's unit tests.
 *
 * @author Dual Export contributors
 */
final class TestRequests {

	private TestRequests() {
	}

	/**
	 * Return the export request of the given number of spans.
	 * @param count the number of spans
	 * @return the request
	 */
	static OtlpMessage spans(int count) {
		List<SpanData> spans = new ArrayList<>();
		SpanExporter collecting = new SpanExporter() {

			@Override
			public CompletableResultCode export(java.util.Collection<SpanData> batch) {
				spans.addAll(batch);
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode flush() {
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode shutdown() {
				return CompletableResultCode.ofSuccess();
			}

		};
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(collecting))
			.build()) {
			for (int i = 0; i < count; i++) {
				provider.get("send-tests").spanBuilder("operation-" + i).startSpan().end();
			}
		}
		return OtlpMessage.ofSpans(spans);
	}

	/**
	 * Return the given number of spans encoded as protobuf.
	 * @param count the number of spans
	 * @return the encoded request
	 */
	static EncodedRequest encoded(int count) {
		return EncodedRequest.encode(spans(count), count, Set.of(Encoding.PROTOBUF),
				new GzipEncoder(GzipEncoder.DEFAULT_LEVEL));
	}

	/**
	 * Return a buffered request of the given size.
	 * @param items the number of items it claims
	 * @param bytes the size of its body
	 * @return the request
	 */
	static BufferedRequest buffered(int items, int bytes) {
		return new BufferedRequest(new byte[bytes], items, System.currentTimeMillis());
	}

}
