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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Faults of the disk buffer: crashes, a second process, a directory removed or unwritable
 * at runtime, the per-file overhead, slow I/O and clock jumps.
 *
 * @author Dual Export contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class DiskRequestBufferFaultTests {

	private static final long LARGE = 1024 * 1024;

	private static final Duration HOUR = Duration.ofHours(1);

	@TempDir
	Path directory;

	@Test
	void evictionThatCannotMakeRoomBesideTheRequestInFlightEvictsNothing() {
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, HOUR);
		buffer.add(request("in flight", 1));
		long one = buffer.bytes();
		buffer.close();
		FileSystemUtils.deleteRecursively(this.directory.toFile());
		// Room for three requests of the first size
		DiskRequestBuffer capped = new DiskRequestBuffer(this.directory, 3 * one, HOUR);
		capped.add(request("in flight", 1));
		capped.add(request("waiting", 2));
		assertThat(capped.head()).isNotNull();
		// Fits only if the request in flight went: nothing else may go for it
		int dropped = capped.add(new BufferedRequest(new byte[(int) (2 * one) + 1], 4, System.currentTimeMillis()));
		assertThat(dropped).as("items dropped").isEqualTo(4);
		assertThat(capped.items()).isEqualTo(3);
		assertThat(drain(capped)).containsExactly("in flight", "waiting");
	}

	@Test
	void emptyTruncatedAndCorruptedFilesFoundAtStartAreDiscardedAndEveryItemCounted() throws IOException {
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, HOUR);
		buffer.add(request("intact-1", 1));
		buffer.add(request("emptied", 2));
		buffer.add(request("truncated", 4));
		buffer.add(request("corrupted body", 8));
		buffer.add(request("corrupted header", 16));
		buffer.add(request("intact-2", 32));
		buffer.close();
		List<Path> files = requestFiles();
		assertThat(files).hasSize(6);
		// What a power loss leaves of files whose data never reached the disk
		try (RandomAccessFile emptied = new RandomAccessFile(files.get(1).toFile(), "rw")) {
			emptied.setLength(0);
		}
		try (RandomAccessFile truncated = new RandomAccessFile(files.get(2).toFile(), "rw")) {
			truncated.setLength(truncated.length() / 2);
		}
		flipLastByte(files.get(3));
		try (RandomAccessFile header = new RandomAccessFile(files.get(4).toFile(), "rw")) {
			// The item count, in the header
			header.seek(7);
			header.write(header.readByte() ^ 0x01);
		}
		DiskRequestBuffer reopened = new DiskRequestBuffer(this.directory, LARGE, HOUR);
		assertThat(drain(reopened)).containsExactly("intact-1", "intact-2");
		assertThat(reopened.discarded()).isEqualTo(2 + 4 + 8 + 16);
		assertThat(requestFiles()).isEmpty();
	}

	@Test
	void aSecondProcessCannotOpenABufferDirectoryInUse() throws Exception {
		Path shared = this.directory.resolve("shared");
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), DiskBufferHolder.class.getName(), shared.toString())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null && !line.equals(DiskBufferHolder.READY)) {
				// Startup output of the other process
			}
			assertThat(line).isEqualTo(DiskBufferHolder.READY);
			assertThatIllegalStateException().isThrownBy(() -> new DiskRequestBuffer(shared, LARGE, HOUR))
				.withMessageContaining(shared.toString())
				.withMessageContaining("another process");
		}
		finally {
			holder.destroy();
			holder.waitFor(10, TimeUnit.SECONDS);
		}
		// Free again once that process is gone
		new DiskRequestBuffer(shared, LARGE, HOUR).close();
	}

	@Test
	void directoriesAndFilesAreReadableByTheOwnerOnly() throws IOException {
		Path own = this.directory.resolve("app").resolve("backend").resolve("traces");
		DiskRequestBuffer buffer = new DiskRequestBuffer(own, LARGE, HOUR);
		buffer.add(request("secret", 1));
		Set<PosixFilePermission> ownerOnlyDirectory = PosixFilePermissions.fromString("rwx------");
		assertThat(Files.getPosixFilePermissions(own)).isEqualTo(ownerOnlyDirectory);
		assertThat(Files.getPosixFilePermissions(own.getParent())).isEqualTo(ownerOnlyDirectory);
		try (Stream<Path> files = Files.list(own)) {
			files.forEach((file) -> assertThat(permissions(file)).as(file.toString())
				.isEqualTo(PosixFilePermissions.fromString("rw-------")));
		}
		buffer.close();
	}

	@Test
	void aBufferDirectoryRemovedAtRuntimeIsCreatedAgainAndTheLostRequestsCounted() {
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, HOUR);
		buffer.add(request("removed with the directory", 3));
		FileSystemUtils.deleteRecursively(this.directory.toFile());
		assertThat(buffer.add(request("after the removal", 5))).isZero();
		assertThat(drain(buffer)).containsExactly("after the removal");
		assertThat(buffer.discarded()).isEqualTo(3);
		buffer.close();
	}

	@Test
	void writesThatKeepFailingAreCountedAndWarnedAboutOnceAMinute(CapturedOutput output) throws IOException {
		Path signal = this.directory.resolve("signal");
		DiskRequestBuffer buffer = new DiskRequestBuffer(signal, LARGE, HOUR);
		// Nothing can be written there any more, as on a full disk
		FileSystemUtils.deleteRecursively(signal.toFile());
		Files.writeString(signal, "not a directory");
		int dropped = 0;
		for (int i = 0; i < 5; i++) {
			dropped += buffer.add(request("request " + i, 2));
		}
		assertThat(dropped).isEqualTo(10);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Failed to write"))).hasSize(1);
		buffer.close();
	}

	@Test
	void theSizeCapBoundsTheSpaceFilesReallyTakeOnDisk() {
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, 64 * 1024, HOUR);
		int taken = 0;
		for (int i = 0; i < 100; i++) {
			if (buffer.add(request("tiny " + i, 1)) == 0) {
				taken++;
			}
		}
		// A file takes at least one 4 KiB block, whatever its few bytes
		assertThat(taken).isLessThanOrEqualTo(16);
		assertThat(buffer.bytes()).isLessThanOrEqualTo(64 * 1024);
		assertThat(buffer.items() * 4096).isLessThanOrEqualTo(64 * 1024);
		buffer.close();
	}

	@Test
	void theStateIsReadWithoutWaitingForFileIoInProgress() throws Exception {
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, HOUR);
		buffer.add(request("stuck", 7));
		buffer.close();
		// A named pipe opens only once a writer comes: reading it stands for slow I/O
		Path file = requestFiles().get(0);
		Files.delete(file);
		Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).start();
		assertThat(mkfifo.waitFor()).isZero();
		CompletableFuture<DiskRequestBuffer> opening = CompletableFuture
			.supplyAsync(() -> new DiskRequestBuffer(this.directory, LARGE, HOUR));
		try {
			// Opening reads no file
			DiskRequestBuffer reopened = opening.get(10, TimeUnit.SECONDS);
			CompletableFuture<BufferedRequest> reading = CompletableFuture.supplyAsync(reopened::head);
			CompletableFuture<List<Long>> state = CompletableFuture
				.supplyAsync(() -> List.of(reopened.items(), reopened.bytes(), reopened.discarded()));
			assertThat(state.get(10, TimeUnit.SECONDS)).first().isEqualTo(7L);
			assertThat(reading).isNotDone();
			// Until the reader, whenever it got to open the file, went on
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				unblock(file);
				return reading.isDone();
			});
			assertThat(reading.get()).isNull();
			assertThat(reopened.discarded()).isEqualTo(7);
		}
		finally {
			unblock(file);
		}
	}

	private static void unblock(Path fifo) throws IOException {
		if (!Files.exists(fifo)) {
			return;
		}
		// Read and write: opens at once, and lets a reader waiting to open go on
		FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
	}

	@Test
	void aForwardJumpOfTheWallClockDoesNotExpireTheBuffer() {
		JumpingClock clock = new JumpingClock();
		DiskRequestBuffer buffer = new DiskRequestBuffer(this.directory, LARGE, Duration.ofMinutes(10), clock);
		buffer.add(new BufferedRequest(bytes("kept"), 5, clock.millis()));
		clock.jump(Duration.ofDays(2));
		assertThat(drain(buffer)).containsExactly("kept");
		assertThat(buffer.discarded()).isZero();
	}

	private List<Path> requestFiles() {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".req")).sorted().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Set<PosixFilePermission> permissions(Path file) {
		try {
			return Files.getPosixFilePermissions(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void flipLastByte(Path file) throws IOException {
		try (RandomAccessFile corrupted = new RandomAccessFile(file.toFile(), "rw")) {
			corrupted.seek(corrupted.length() - 1);
			int last = corrupted.readByte();
			corrupted.seek(corrupted.length() - 1);
			corrupted.write(last ^ 0x01);
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

	private static final class JumpingClock extends Clock {

		private Instant now = Instant.now();

		void jump(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
