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

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the disk buffer: what survives a restart, what a crash can cost, and how the
 * size and age bounds give up requests.
 *
 * @author Dual Export contributors
 */
class DiskRequestBufferTests {

	private static final long LARGE = 1024 * 1024;

	@TempDir
	Path directory;

	@Test
	void requestsSurviveReopeningInTheOrderTheyWereAdded() {
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, Duration.ofHours(1));
		buffer.add(request("first", 3));
		buffer.add(request("second", 4));
		buffer.add(request("third", 5));
		buffer.close();
		DiskRequestBuffer reopened = new DiskRequestBuffer(this.directory, LARGE, Duration.ofHours(1));
		assertThat(reopened.items()).isEqualTo(12);
		assertThat(drain(reopened)).containsExactly("first", "second", "third");
		assertThat(files()).isEmpty();
	}

	@Test
	void aWriteInterruptedByACrashLosesOnlyThatRequest() throws IOException {
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, Duration.ofHours(1));
		buffer.add(request("first", 1));
		buffer.add(request("second", 1));
		buffer.close();
		Files.write(this.directory.resolve("0000000000000000002-4-" + System.currentTimeMillis() + ".req.tmp"),
				new byte[] { 0x44, 0x58, 0x52 });
		DiskRequestBuffer reopened = new DiskRequestBuffer(this.directory, LARGE, Duration.ofHours(1));
		assertThat(drain(reopened)).containsExactly("first", "second");
		// Counted, although add() never returned for it
		assertThat(reopened.discarded()).isEqualTo(4);
		assertThat(files()).isEmpty();
	}

	@Test
	void truncatedAndCorruptedFilesAreDiscardedAndCountedWithoutHarmingTheOthers() throws IOException {
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, Duration.ofHours(1));
		buffer.add(request("intact-1", 1));
		buffer.add(request("truncated", 2));
		buffer.add(request("corrupted", 4));
		buffer.add(request("intact-2", 8));
		buffer.close();
		List<Path> files = files();
		try (RandomAccessFile truncated = new RandomAccessFile(files.get(1).toFile(), "rw")) {
			truncated.setLength(truncated.length() - 3);
		}
		try (RandomAccessFile corrupted = new RandomAccessFile(files.get(2).toFile(), "rw")) {
			corrupted.seek(corrupted.length() - 1);
			corrupted.write('X');
		}
		DiskRequestBuffer reopened = new DiskRequestBuffer(this.directory, LARGE, Duration.ofHours(1));
		assertThat(drain(reopened)).containsExactly("intact-1", "intact-2");
		assertThat(reopened.discarded()).isEqualTo(6);
		assertThat(files()).isEmpty();
	}

	@Test
	void aFileThatIsNotARequestIsDiscardedOnOpening() throws IOException {
		Files.writeString(this.directory.resolve("0000000000000000007-3-0.req"), "not a request");
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, Duration.ofHours(1));
		assertThat(buffer.head()).isNull();
		assertThat(buffer.discarded()).isEqualTo(3);
		assertThat(files()).isEmpty();
	}

	@Test
	void reachingTheSizeCapEvictsTheOldestRequestsAndCountsTheirItems() {
		BufferedRequest sample = request("request-1", 10);
		long footprint = DiskRequestBuffer.footprint(sample.size());
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, 3 * footprint, Duration.ofHours(1));
		assertThat(buffer.add(sample)).isZero();
		assertThat(buffer.add(request("request-2", 10))).isZero();
		assertThat(buffer.add(request("request-3", 10))).isZero();
		assertThat(buffer.add(request("request-4", 10))).isEqualTo(10);
		assertThat(buffer.bytes()).isEqualTo(3 * footprint);
		assertThat(drain(buffer)).containsExactly("request-2", "request-3", "request-4");
	}

	@Test
	void theRequestBeingSentIsNotEvictedUntilReleasedAfterAFailedAttempt() {
		BufferedRequest sample = request("request-1", 10);
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, 2 * DiskRequestBuffer.footprint(sample.size()),
				Duration.ofHours(1));
		buffer.add(sample);
		buffer.add(request("request-2", 10));
		BufferedRequest sending = buffer.head();
		assertThat(buffer.add(request("request-3", 10))).isEqualTo(10);
		buffer.release(sending);
		assertThat(buffer.add(request("request-4", 10))).isEqualTo(10);
		assertThat(drain(buffer)).containsExactly("request-3", "request-4");
	}

	@Test
	void aRequestLargerThanTheCapIsRefusedAndCounted() {
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, 4, Duration.ofHours(1));
		assertThat(buffer.add(request("too large", 7))).isEqualTo(7);
		assertThat(buffer.head()).isNull();
		assertThat(files()).isEmpty();
	}

	@Test
	void requestsOlderThanTheMaximumAgeAreGivenUpAndCounted() {
		MutableClock clock = new MutableClock();
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, Duration.ofMinutes(10), clock,
				clock::nanoTime);
		buffer.add(new BufferedRequest(bytes("old"), 5, clock.millis()));
		clock.advance(Duration.ofMinutes(9));
		buffer.add(new BufferedRequest(bytes("recent"), 2, clock.millis()));
		clock.advance(Duration.ofMinutes(2));
		assertThat(drain(buffer)).containsExactly("recent");
		assertThat(buffer.discarded()).isEqualTo(5);
	}

	@Test
	void removingARequestThatIsNoLongerTheHeadChangesNothing() {
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, Duration.ofHours(1));
		buffer.add(request("first", 1));
		BufferedRequest stale = new BufferedRequest(bytes("first"), 1, 0);
		buffer.remove(stale);
		assertThat(buffer.items()).isEqualTo(1);
		assertThat(drain(buffer)).containsExactly("first");
	}

	@Test
	void memoryBufferDropsTheNewestRequestWhenFullButAlwaysTakesOneIntoAnEmptyBuffer() {
		MemoryRequestBuffer buffer = new MemoryRequestBuffer(10, LARGE);
		assertThat(buffer.add(request("first", 8))).isZero();
		assertThat(buffer.add(request("second", 4))).isEqualTo(4);
		assertThat(drain(buffer)).containsExactly("first");
		MemoryRequestBuffer bytesBound = new MemoryRequestBuffer(0, 4);
		assertThat(bytesBound.add(request("larger than the bound", 1))).isZero();
		assertThat(bytesBound.add(request("next", 1))).isEqualTo(1);
	}

	private List<Path> files() {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> !file.getFileName().toString().equals(".lock")).sorted().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> drain(RequestBuffer buffer) {
		List<String> bodies = new ArrayList<>();
		BufferedRequest head;
		while ((head = buffer.head()) != null) {
			bodies.add(new String(head.body(), StandardCharsets.UTF_8));
			buffer.remove(head);
		}
		return bodies;
	}

	private static BufferedRequest request(String body, int items) {
		return new BufferedRequest(bytes(body), items, System.currentTimeMillis());
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-25T12:00:00Z");

		private long nanoTime;

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
			this.nanoTime += duration.toNanos();
		}

		long nanoTime() {
			return this.nanoTime;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
