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

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dualexport.autoconfigure.otel.OtlpMessage;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Hands each request a group's capture stage produced, encoded once, to the send queue of
 * every enabled backend of the group.
 *
 * @author Dual Export contributors
 */
public final class FanOut {

	private static final Log logger = LogFactory.getLog(FanOut.class);

	private final List<SendQueue> members;

	private final Set<Encoding> encodings;

	private final GzipEncoder gzip;

	/**
	 * Create a new instance.
	 * @param members the send queues of the group's backends
	 * @param gzip compresses the requests of the members sending gzip
	 */
	FanOut(List<SendQueue> members, GzipEncoder gzip) {
		this.gzip = gzip;
		this.members = List.copyOf(members);
		Set<Encoding> encodings = EnumSet.noneOf(Encoding.class);
		members.forEach((member) -> encodings.add(member.encoding()));
		this.encodings = encodings;
	}

	/**
	 * Return the send queues of the group's backends.
	 * @return the members
	 */
	public List<SendQueue> members() {
		return this.members;
	}

	/**
	 * Return whether any backend of the group takes new items.
	 * @return whether capturing is worth it
	 */
	public boolean isAccepting() {
		for (SendQueue member : this.members) {
			if (member.isAccepting()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Encode a request once and queue it for every enabled backend of the group.
	 * @param request the request
	 * @param items the number of items in the request
	 * @return succeeds once queued; the sending is the send queues' business
	 */
	public CompletableResultCode deliver(OtlpMessage request, int items) {
		List<SendQueue> receivers = new ArrayList<>(this.members.size());
		for (SendQueue member : this.members) {
			if (member.isAccepting()) {
				receivers.add(member);
			}
		}
		if (receivers.isEmpty()) {
			return CompletableResultCode.ofSuccess();
		}
		EncodedRequest encoded;
		try {
			encoded = EncodedRequest.encode(request, items, this.encodings, this.gzip);
		}
		catch (UncheckedIOException ex) {
			logger.warn("Failed to encode an OTLP request of " + items + " items", ex);
			return CompletableResultCode.ofExceptionalFailure(ex);
		}
		receivers.forEach((receiver) -> receiver.add(encoded));
		return CompletableResultCode.ofSuccess();
	}

}
