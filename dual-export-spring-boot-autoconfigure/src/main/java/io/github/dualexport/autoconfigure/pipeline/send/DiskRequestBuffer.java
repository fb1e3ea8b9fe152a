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
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.zip.CRC32;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A {@link RequestBuffer} on disk that survives outages and application restarts: one
 * file per request in the directory of one backend and signal, written to a temporary
 * file and renamed into place, so that a crash mid-write loses at most the request being
 * written. Each file carries a CRC32 of its body; one that does not check out is deleted
 * and counted, never sent. When the size cap is reached the oldest requests are evicted
 * and counted; requests older than the maximum age are given up.
 * <p>
 * Only the oldest request's body is held in memory; the others are known by their file
 * name, item count and size.
 *
 * @author Dual Export contributors
 */
final class DiskRequestBuffer extends CountedRequestBuffer {

	private static final Log logger = LogFactory.getLog(DiskRequestBuffer.class);

	private static final int MAGIC = 0x44585231;

	private static final int HEADER_SIZE = 4 + 4 + 8 + 4 + 8;

	private static final String SUFFIX = ".req";

	private static final String TEMPORARY_SUFFIX = ".tmp";

	private final Path directory;

	private final long maxBytes;

	private final long maxAgeMillis;

	private final Clock clock;

	private final Deque<Entry> entries = new ArrayDeque<>();

	private long sequence;

	private long discarded;

	private BufferedRequest head;

	/**
	 * Open the buffer in a directory, taking over the requests a previous run left there.
	 * @param directory the directory of one backend and signal
	 * @param maxBytes the most bytes of request bodies held
	 * @param maxAge the age after which a request is given up
	 */
	DiskRequestBuffer(Path directory, long maxBytes, Duration maxAge) {
		this(directory, maxBytes, maxAge, Clock.systemUTC());
	}

	DiskRequestBuffer(Path directory, long maxBytes, Duration maxAge, Clock clock) {
		this.directory = directory;
		this.maxBytes = maxBytes;
		this.maxAgeMillis = maxAge.toMillis();
		this.clock = clock;
		try {
			Files.createDirectories(directory);
			recover();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the disk buffer in " + directory, ex);
		}
	}

	private void recover() throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.directory)) {
			for (Path file : stream) {
				String name = file.getFileName().toString();
				if (name.endsWith(TEMPORARY_SUFFIX)) {
					// A write interrupted by a crash: the request it held is the one lost
					Files.deleteIfExists(file);
				}
				else if (name.endsWith(SUFFIX)) {
					files.add(file);
				}
			}
		}
		files.sort(null);
		for (Path file : files) {
			Entry entry = readEntry(file);
			if (entry != null) {
				this.entries.addLast(entry);
				count(entry.items(), entry.size());
				this.sequence = Math.max(this.sequence, entry.sequence() + 1);
			}
		}
		if (!this.entries.isEmpty()) {
			logger.info("Found " + this.entries.size() + " requests (" + items() + " items) left to send in "
					+ this.directory);
		}
	}

	private Entry readEntry(Path file) {
		try (DataInputStream input = new DataInputStream(Files.newInputStream(file))) {
			Header header = Header.read(input);
			long sequence = Long.parseLong(file.getFileName().toString().replace(SUFFIX, ""));
			return new Entry(file, sequence, header.items(), header.length(), header.createdAtMillis());
		}
		catch (IOException | NumberFormatException ex) {
			discardUnreadable(file, ex);
			return null;
		}
	}

	@Override
	public synchronized int add(BufferedRequest request) {
		if (request.size() > this.maxBytes) {
			return request.items();
		}
		int evicted = 0;
		while (bytes() + request.size() > this.maxBytes) {
			if (this.head == null && !this.entries.isEmpty()) {
				evicted += removeOldest();
			}
			else if (this.entries.size() > 1) {
				// The oldest is being sent: evict the next one rather than race the
				// sender
				evicted += removeSecondOldest();
			}
			else {
				return evicted + request.items();
			}
		}
		long sequence = this.sequence++;
		Path file = this.directory.resolve(String.format("%019d", sequence) + SUFFIX);
		Path temporary = this.directory.resolve(file.getFileName() + TEMPORARY_SUFFIX);
		try {
			try (OutputStream output = Files.newOutputStream(temporary)) {
				DataOutputStream data = new DataOutputStream(output);
				new Header(request.items(), request.createdAtMillis(), request.body().length, crc(request.body()))
					.write(data);
				data.write(request.body());
				data.flush();
			}
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			deleteQuietly(temporary);
			logger.warn("Failed to write a request to the disk buffer in " + this.directory + ": " + ex);
			return evicted + request.items();
		}
		this.entries.addLast(new Entry(file, sequence, request.items(), request.size(), request.createdAtMillis()));
		count(request.items(), request.size());
		return evicted;
	}

	@Override
	public synchronized BufferedRequest head() {
		if (this.head != null && isExpired(this.entries.peekFirst())) {
			// Given up even while it is being retried
			this.discarded += removeOldest();
		}
		while (this.head == null && !this.entries.isEmpty()) {
			Entry oldest = this.entries.peekFirst();
			if (isExpired(oldest)) {
				this.discarded += removeOldest();
				continue;
			}
			try {
				this.head = read(oldest);
			}
			catch (IOException ex) {
				removeOldest();
				this.discarded += oldest.items();
				discardUnreadable(oldest.file(), ex);
			}
		}
		return this.head;
	}

	private boolean isExpired(Entry entry) {
		return this.clock.millis() - entry.createdAtMillis() > this.maxAgeMillis;
	}

	private BufferedRequest read(Entry entry) throws IOException {
		try (InputStream stream = Files.newInputStream(entry.file())) {
			DataInputStream input = new DataInputStream(stream);
			Header header = Header.read(input);
			byte[] body = input.readNBytes(header.length());
			if (body.length != header.length() || crc(body) != header.crc()) {
				throw new IOException("Body does not match its length or checksum");
			}
			return new BufferedRequest(body, header.items(), header.createdAtMillis());
		}
	}

	@Override
	public synchronized void remove(BufferedRequest request) {
		if (this.head == request) {
			removeOldest();
		}
	}

	@Override
	public synchronized void release(BufferedRequest request) {
		// Read again from its file on the next attempt, unless evicted meanwhile
		if (this.head == request) {
			this.head = null;
		}
	}

	private int removeOldest() {
		Entry oldest = this.entries.removeFirst();
		count(-oldest.items(), -oldest.size());
		this.head = null;
		deleteQuietly(oldest.file());
		return oldest.items();
	}

	private int removeSecondOldest() {
		Entry head = this.entries.removeFirst();
		Entry evicted = this.entries.removeFirst();
		this.entries.addFirst(head);
		count(-evicted.items(), -evicted.size());
		deleteQuietly(evicted.file());
		return evicted.items();
	}

	private void discardUnreadable(Path file, Exception ex) {
		logger.warn("Discarded unreadable request file " + file + ": " + ex.getMessage());
		deleteQuietly(file);
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (NoSuchFileException ex) {
			// Already gone
		}
		catch (IOException ex) {
			logger.warn("Failed to delete " + file + ": " + ex);
		}
	}

	private static long crc(byte[] body) {
		CRC32 crc = new CRC32();
		crc.update(body);
		return crc.getValue();
	}

	@Override
	public synchronized long discarded() {
		return this.discarded;
	}

	@Override
	public long itemCapacity() {
		return 0;
	}

	@Override
	public boolean isDurable() {
		return true;
	}

	@Override
	public synchronized void close() {
		this.head = null;
	}

	private record Entry(Path file, long sequence, int items, long size, long createdAtMillis) {
	}

	private record Header(int items, long createdAtMillis, int length, long crc) {

		void write(DataOutputStream output) throws IOException {
			output.writeInt(MAGIC);
			output.writeInt(this.items);
			output.writeLong(this.createdAtMillis);
			output.writeInt(this.length);
			output.writeLong(this.crc);
		}

		static Header read(DataInputStream input) throws IOException {
			byte[] bytes = input.readNBytes(HEADER_SIZE);
			if (bytes.length < HEADER_SIZE) {
				throw new IOException("Truncated header");
			}
			DataInputStream header = new DataInputStream(new ByteArrayInputStream(bytes));
			if (header.readInt() != MAGIC) {
				throw new IOException("Not a request file");
			}
			Header read = new Header(header.readInt(), header.readLong(), header.readInt(), header.readLong());
			if (read.items() < 0 || read.length() < 0) {
				throw new IOException("Corrupted header");
			}
			return read;
		}

	}

}
