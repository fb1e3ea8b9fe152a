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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.dualexport.autoconfigure.backend.Signal;

import static io.github.dualexport.autoconfigure.pipeline.send.TestRequests.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link FanOut}: one encoding per encoding the members need, shared by them,
 * and only for the members that take new requests.
 *
 * @author Dual Export contributors
 */
class FanOutTests {

	private final List<SendQueue> queues = new ArrayList<>();

	@AfterEach
	void shutdownQueues() {
		this.queues.forEach((queue) -> queue.shutdown().join(10, TimeUnit.SECONDS));
	}

	@Test
	void eachEncodingIsProducedOnceAndSharedByTheMembersThatSendIt() throws IOException {
		InProcessSender gzipA = new InProcessSender(Encoding.PROTOBUF_GZIP);
		InProcessSender gzipB = new InProcessSender(Encoding.PROTOBUF_GZIP);
		InProcessSender plain = new InProcessSender(Encoding.PROTOBUF);
		InProcessSender console = new InProcessSender(Encoding.JSON_LINE);
		FanOut fanOut = fanOut(gzipA, gzipB, plain, console);
		assertThat(fanOut.deliver(spans(3), 3).isSuccess()).isTrue();
		byte[] gzipped = gzipA.awaitReceived(1).get(0).body();
		byte[] protobuf = plain.awaitReceived(1).get(0).body();
		byte[] json = console.awaitReceived(1).get(0).body();
		assertThat(gzipB.awaitReceived(1).get(0).body()).isSameAs(gzipped);
		assertThat(gunzip(gzipped)).isEqualTo(protobuf);
		assertThat(ExportTraceServiceRequest.parseFrom(protobuf).getResourceSpans(0).getScopeSpans(0).getSpansCount())
			.isEqualTo(3);
		assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"resourceSpans\":").endsWith("}\n");
		assertThat(gzipA.received().get(0).items()).isEqualTo(3);
	}

	@Test
	void onlyTheEncodingsAskedForAreProduced() {
		EncodedRequest request = EncodedRequest.encode(spans(1), 1, Set.of(Encoding.PROTOBUF_GZIP),
				new GzipEncoder(GzipEncoder.DEFAULT_LEVEL));
		assertThat(request.bytes(Encoding.PROTOBUF_GZIP)).isNotEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> request.bytes(Encoding.PROTOBUF));
		assertThatIllegalArgumentException().isThrownBy(() -> request.bytes(Encoding.JSON_LINE));
	}

	@Test
	void membersSwitchedOffReceiveNothing() {
		InProcessSender on = new InProcessSender(Encoding.PROTOBUF);
		InProcessSender off = new InProcessSender(Encoding.PROTOBUF);
		FanOut fanOut = fanOut(on, off);
		fanOut.members().get(1).setAccepting(false);
		assertThat(fanOut.isAccepting()).isTrue();
		fanOut.deliver(spans(2), 2);
		on.awaitReceived(1);
		assertThat(fanOut.members().get(0).flush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(fanOut.members().get(1).flush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(off.received()).isEmpty();
		assertThat(fanOut.members().get(1).state().dropped()).isZero();
	}

	@Test
	void aGroupWhoseMembersAreAllSwitchedOffTakesNothing() {
		InProcessSender first = new InProcessSender(Encoding.PROTOBUF);
		InProcessSender second = new InProcessSender(Encoding.PROTOBUF_GZIP);
		FanOut fanOut = fanOut(first, second);
		fanOut.members().forEach((member) -> member.setAccepting(false));
		assertThat(fanOut.isAccepting()).isFalse();
		assertThat(fanOut.deliver(spans(1), 1).isSuccess()).isTrue();
		fanOut.members().forEach((member) -> assertThat(member.state().size()).isZero());
		assertThat(first.received()).isEmpty();
		assertThat(second.received()).isEmpty();
	}

	private FanOut fanOut(InProcessSender... senders) {
		List<SendQueue> members = new ArrayList<>();
		for (int i = 0; i < senders.length; i++) {
			String backend = "backend-" + i;
			SendQueue queue = new SendQueue(backend, Signal.TRACES, new MemoryRequestBuffer(100, 1_000_000), senders[i],
					new ExportRecorder(backend, Signal.TRACES, List.of()), Duration.ofSeconds(10),
					Duration.ofSeconds(1), 3, Duration.ofSeconds(2));
			members.add(queue);
			this.queues.add(queue);
		}
		return new FanOut(members, new GzipEncoder(GzipEncoder.DEFAULT_LEVEL));
	}

	private static byte[] gunzip(byte[] gzipped) throws IOException {
		try (GZIPInputStream input = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			return input.readAllBytes();
		}
	}

}
