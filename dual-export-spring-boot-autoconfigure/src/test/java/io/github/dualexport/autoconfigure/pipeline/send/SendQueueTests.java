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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.common.CompletableResultCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.dualexport.autoconfigure.backend.Signal;
import io.github.dualexport.autoconfigure.pipeline.PipelineSnapshot;

import static io.github.dualexport.autoconfigure.pipeline.send.TestRequests.encoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link SendQueue} over a real buffer and an in-process sender: order, the
 * thread it sends on, what it drops, gives up or keeps, flush and shutdown.
 *
 * @author Dual Export contributors
 */
class SendQueueTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final InProcessSender sender = new InProcessSender(Encoding.PROTOBUF);

	private final List<SendQueue> queues = new ArrayList<>();

	@TempDir
	Path directory;

	@AfterEach
	void shutdownQueues() {
		this.queues.forEach((queue) -> queue.shutdown().join(15, TimeUnit.SECONDS));
	}

	@Test
	void requestsAreSentInOrderOnTheBackendsOwnThread() {
		SendQueue queue = queue(new MemoryRequestBuffer(100, 1_000_000));
		EncodedRequest first = encoded(1);
		EncodedRequest second = encoded(2);
		queue.add(first);
		queue.add(second);
		assertThat(this.sender.awaitReceived(2)).extracting(BufferedRequest::body)
			.containsExactly(first.bytes(Encoding.PROTOBUF), second.bytes(Encoding.PROTOBUF));
		assertThat(this.sender.threads()).containsOnly("dual-export-backend-traces");
		await().atMost(WAIT).until(() -> queue.snapshot("g", 0).exported() == 3);
		assertThat(queue.state().size()).isZero();
	}

	@Test
	void addingNeverWaitsForAStuckBackendAndCountsWhatDoesNotFit() {
		this.sender.neverAnswer();
		SendQueue queue = queue(new MemoryRequestBuffer(10, 1_000_000), Duration.ofMinutes(5));
		queue.add(encoded(5));
		this.sender.awaitReceived(1);
		assertTimeoutPreemptively(WAIT, () -> {
			for (int i = 0; i < 5; i++) {
				queue.add(encoded(5));
			}
		});
		// One request in flight stays in the buffer: one more fits, the other four do not
		assertThat(queue.state().size()).isEqualTo(10);
		assertThat(queue.state().dropped()).isEqualTo(20);
		assertThat(queue.state().capacity()).isEqualTo(10);
	}

	@Test
	void aFailedRequestIsGivenUpByAMemoryBufferAndTheNextOneSent() {
		this.sender.answer((request) -> (request.items() == 1)
				? CompletableResultCode.ofExceptionalFailure(new IllegalStateException("unavailable"))
				: CompletableResultCode.ofSuccess());
		SendQueue queue = queue(new MemoryRequestBuffer(100, 1_000_000));
		queue.add(encoded(1));
		queue.add(encoded(2));
		this.sender.awaitReceived(2);
		await().atMost(WAIT).until(() -> queue.snapshot("g", 0).exported() == 2);
		PipelineSnapshot snapshot = queue.snapshot("g", 0);
		assertThat(snapshot.failed()).isEqualTo(1);
		assertThat(snapshot.lastError()).contains("unavailable");
		assertThat(this.sender.received()).hasSize(2);
	}

	@Test
	void aTransientFailureKeepsTheRequestOfADurableBufferUntilItIsSent() {
		List<Boolean> outcomes = new ArrayList<>(List.of(false, false, true));
		this.sender.answer((request) -> outcomes.remove(0) ? CompletableResultCode.ofSuccess()
				: CompletableResultCode.ofExceptionalFailure(new IllegalStateException("unavailable")));
		SendQueue queue = new SendQueue("backend", Signal.TRACES,
				new DiskRequestBuffer(this.directory, 1_000_000, Duration.ofHours(1)), this.sender,
				new ExportRecorder("backend", Signal.TRACES, List.of()), WAIT, Duration.ofMillis(50), 100, WAIT);
		this.queues.add(queue);
		queue.add(encoded(4));
		List<BufferedRequest> attempts = this.sender.awaitReceived(3);
		await().atMost(WAIT).until(() -> queue.snapshot("g", 0).exported() == 4);
		assertThat(attempts).extracting(BufferedRequest::body)
			.allSatisfy((body) -> assertThat(body).isEqualTo(attempts.get(0).body()));
		assertThat(queue.state().size()).isZero();
	}

	@Test
	void aRequestWithoutAnswerIsGivenUpAfterTheRequestBound() {
		this.sender.neverAnswer();
		SendQueue queue = queue(new MemoryRequestBuffer(100, 1_000_000), Duration.ofMillis(200));
		queue.add(encoded(1));
		queue.add(encoded(1));
		this.sender.awaitReceived(2);
		await().atMost(WAIT).until(() -> queue.snapshot("g", 0).failed() == 2);
	}

	@Test
	void aQueueSwitchedOffTakesNothingNewButSendsWhatItHolds() {
		CompletableResultCode held = new CompletableResultCode();
		this.sender.answer((request) -> held);
		SendQueue queue = queue(new MemoryRequestBuffer(100, 1_000_000));
		queue.add(encoded(1));
		queue.add(encoded(2));
		this.sender.awaitReceived(1);
		queue.setAccepting(false);
		queue.add(encoded(3));
		this.sender.answer((request) -> CompletableResultCode.ofSuccess());
		held.succeed();
		this.sender.awaitReceived(2);
		assertThat(queue.flush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(this.sender.received()).extracting(BufferedRequest::items).containsExactly(1, 2);
		assertThat(queue.state().dropped()).isZero();
	}

	@Test
	void flushCompletesOnceEverythingQueuedIsSent() {
		CompletableResultCode held = new CompletableResultCode();
		this.sender.answer((request) -> held);
		SendQueue queue = queue(new MemoryRequestBuffer(100, 1_000_000));
		queue.add(encoded(1));
		this.sender.awaitReceived(1);
		CompletableResultCode flush = queue.flush();
		assertThat(flush.isDone()).isFalse();
		held.succeed();
		assertThat(flush.join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(queue.flush().isSuccess()).isTrue();
	}

	@Test
	void shutdownSendsWhatIsQueuedThenReleasesTheSenderOnce() {
		SendQueue queue = queue(new MemoryRequestBuffer(100, 1_000_000));
		queue.add(encoded(1));
		queue.add(encoded(2));
		CompletableResultCode shutdown = queue.shutdown();
		assertThat(queue.shutdown()).isSameAs(shutdown);
		assertThat(shutdown.join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(this.sender.received()).hasSize(2);
		assertThat(this.sender.isShutdown()).isTrue();
		queue.add(encoded(4));
		assertThat(queue.state().dropped()).isEqualTo(4);
	}

	@Test
	void shutdownGivesUpAfterItsTimeoutAndCountsWhatWasLeft() {
		this.sender.neverAnswer();
		SendQueue queue = new SendQueue("backend", Signal.TRACES, new MemoryRequestBuffer(100, 1_000_000), this.sender,
				new ExportRecorder("backend", Signal.TRACES, List.of()), Duration.ofMinutes(5), Duration.ofSeconds(1),
				3, Duration.ofMillis(200));
		this.queues.add(queue);
		queue.add(encoded(1));
		queue.add(encoded(2));
		this.sender.awaitReceived(1);
		CompletableResultCode shutdown = queue.shutdown();
		assertThat(shutdown.join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
		// Given up at the deadline, the request in flight and the one queued are dropped:
		// each item counted once
		assertThat(queue.state().dropped()).isEqualTo(3);
		assertThat(queue.snapshot("traces-1", 0).failed()).isZero();
		assertThat(this.sender.isShutdown()).isTrue();
	}

	private SendQueue queue(RequestBuffer buffer) {
		return queue(buffer, WAIT);
	}

	private SendQueue queue(RequestBuffer buffer, Duration requestBound) {
		SendQueue queue = new SendQueue("backend", Signal.TRACES, buffer, this.sender,
				new ExportRecorder("backend", Signal.TRACES, List.of()), requestBound, Duration.ofSeconds(1), 3,
				Duration.ofSeconds(2));
		this.queues.add(queue);
		return queue;
	}

}
