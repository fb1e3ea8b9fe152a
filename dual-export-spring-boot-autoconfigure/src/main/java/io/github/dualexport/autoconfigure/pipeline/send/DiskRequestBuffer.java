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
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RequestBuffer} on disk that survives outages and application restarts: one
 * file per request in the directory of one backend and signal.
 * <ul>
 * <li>A request is written to a temporary file, forced to the device, renamed into place
 * and the directory forced too: once {@link #add(BufferedRequest)} returned, the request
 * survives a crash or a power loss (as far as the device honours {@code fsync}).</li>
 * <li>Each file carries a CRC32 of its header and body, and its name carries its item
 * count and creation time, so that opening the buffer reads no file: a file left empty,
 * truncated or corrupted is deleted and its items counted as discarded, never sent.</li>
 * <li>The directory is locked for the buffer's lifetime: a second process opening it
 * fails.</li>
 * <li>The size cap bounds the space files take on disk, counting each in whole 4 KiB
 * blocks; at the cap the oldest requests are evicted and counted, after checking that
 * evicting can make room.</li>
 * <li>The age of a request is measured with a clock that does not jump while the
 * application runs; across a restart, from the wall-clock time written in its file.</li>
 * </ul>
 * Only the oldest request's body is held in memory; the others are known by a few
 * numbers. The counts are read without the buffer's lock.
 *
 * @author Dual Export contributors
 */
final class DiskRequestBuffer extends CountedRequestBuffer {

	private static final Log logger = LogFactory.getLog(DiskRequestBuffer.class);

	private static final int MAGIC = 0x44585232;

	private static final int HEADER_SIZE = 4 + 4 + 8 + 4 + 8;

	/**
	 * The unit in which file systems allocate space, and in which files are counted.
	 */
	static final long BLOCK_SIZE = 4096;

	private static final String SUFFIX = ".req";

	private static final String TEMPORARY_SUFFIX = ".tmp";

	private static final String LOCK_FILE = ".lock";

	private static final Pattern NAME = Pattern.compile("(\\d{19})-(\\d+)-(\\d+)\\.req(\\.tmp)?");

	private static final Set<StandardOpenOption> NEW_FILE = EnumSet.of(StandardOpenOption.CREATE_NEW,
			StandardOpenOption.WRITE);

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final Path directory;

	private final long maxBytes;

	private final long maxAgeNanos;

	private final Clock wallClock;

	private final LongSupplier nanoTime;

	private final Deque<Entry> entries = new ArrayDeque<>();

	private final RateLimitedLog writeFailureLog = new RateLimitedLog(logger, Duration.ofMinutes(1));

	private final FileChannel lockChannel;

	private final FileLock lock;

	private long sequence;

	private volatile long discarded;

	private @Nullable BufferedRequest head;

	/**
	 * Open the buffer in a directory, taking over the requests a previous run left there.
	 * @param directory the directory of one backend and signal
	 * @param maxBytes the most bytes the files may take on disk
	 * @param maxAge the age after which a request is given up
	 * @throws IllegalStateException if another process has the directory open
	 */
	DiskRequestBuffer(Path directory, long maxBytes, Duration maxAge) {
		this(directory, maxBytes, maxAge, Clock.systemUTC());
	}

	DiskRequestBuffer(Path directory, long maxBytes, Duration maxAge, Clock wallClock) {
		this(directory, maxBytes, maxAge, wallClock, System::nanoTime);
	}

	DiskRequestBuffer(Path directory, long maxBytes, Duration maxAge, Clock wallClock, LongSupplier nanoTime) {
		this.directory = directory;
		this.maxBytes = maxBytes;
		this.maxAgeNanos = maxAge.toNanos();
		this.wallClock = wallClock;
		this.nanoTime = nanoTime;
		FileChannel channel = null;
		try {
			createDirectories(directory);
			channel = FileChannel.open(directory.resolve(LOCK_FILE),
					EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), fileAttributes());
			FileLock acquired = tryLock(channel);
			if (acquired == null) {
				throw new IllegalStateException("The disk buffer in " + directory + " is in use by another process:"
						+ " give each application instance its own 'buffer.directory'");
			}
			this.lockChannel = channel;
			this.lock = acquired;
			recover();
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new UncheckedIOException("Cannot open the disk buffer in " + directory, ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(channel);
			throw ex;
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// Held by this very process, through another buffer
			return null;
		}
	}

	private static void createDirectories(Path directory) throws IOException {
		if (POSIX) {
			Files.createDirectories(directory,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		else {
			Files.createDirectories(directory);
		}
	}

	private void recover() throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.directory)) {
			for (Path file : stream) {
				String name = file.getFileName().toString();
				if (name.endsWith(TEMPORARY_SUFFIX)) {
					// A write cut short by a crash, before add() returned: that request
					// is lost
					this.discarded += itemsOf(name);
					Files.deleteIfExists(file);
				}
				else if (name.endsWith(SUFFIX)) {
					files.add(file);
				}
			}
		}
		files.sort(null);
		long now = this.nanoTime.getAsLong();
		for (Path file : files) {
			Entry entry = readEntry(file, now);
			if (entry != null) {
				this.entries.addLast(entry);
				count(entry.items(), entry.footprint());
				this.sequence = Math.max(this.sequence, entry.sequence() + 1);
			}
		}
		if (!this.entries.isEmpty()) {
			logger.info("Found " + this.entries.size() + " requests (" + items() + " items) left to send in "
					+ this.directory);
		}
	}

	private @Nullable Entry readEntry(Path file, long nowNanos) {
		// Known by its name and size: opening the buffer reads no file
		Matcher matcher = NAME.matcher(file.getFileName().toString());
		if (!matcher.matches()) {
			discardUnreadable(file, 0, "not a request file of this buffer");
			return null;
		}
		int items = Integer.parseInt(matcher.group(2));
		try {
			// A file cut short is found when it is read, and counted then
			long size = Math.max(HEADER_SIZE, Files.size(file));
			long createdAtMillis = Long.parseLong(matcher.group(3));
			return new Entry(Long.parseLong(matcher.group(1)), items, createdAtMillis, footprint(size - HEADER_SIZE),
					deadline(nowNanos, createdAtMillis));
		}
		catch (IOException | NumberFormatException ex) {
			this.discarded += items;
			discardUnreadable(file, items, ex.toString());
			return null;
		}
	}

	private long deadline(long nowNanos, long createdAtMillis) {
		// The wall clock only says how old a request was when this buffer saw it
		long ageMillis = Math.max(0, this.wallClock.millis() - createdAtMillis);
		long ageNanos = (ageMillis > this.maxAgeNanos / 1_000_000) ? this.maxAgeNanos + 1 : ageMillis * 1_000_000;
		return nowNanos + this.maxAgeNanos - ageNanos;
	}

	private static int itemsOf(String name) {
		Matcher matcher = NAME.matcher(name);
		return matcher.matches() ? Integer.parseInt(matcher.group(2)) : 0;
	}

	/**
	 * Return the space a request of the given size takes on disk.
	 * @param bodyLength the size of its body
	 * @return its header and body, in whole blocks
	 */
	static long footprint(long bodyLength) {
		long length = HEADER_SIZE + bodyLength;
		return ((length + BLOCK_SIZE - 1) / BLOCK_SIZE) * BLOCK_SIZE;
	}

	@Override
	public synchronized int add(BufferedRequest request) {
		long footprint = footprint(request.size());
		if (footprint > this.maxBytes) {
			return request.items();
		}
		long excess = bytes() + footprint - this.maxBytes;
		if (excess > 0) {
			// The request being sent cannot make room: decide before evicting anything
			long evictable = bytes() - ((this.head != null) ? this.entries.getFirst().footprint() : 0);
			if (evictable < excess) {
				return request.items();
			}
		}
		long sequence = this.sequence++;
		try {
			write(request, sequence);
		}
		catch (IOException ex) {
			this.writeFailureLog.warn((times) -> "Failed to write " + times
					+ " request(s) to the disk buffer in the last minute, in " + this.directory + ", last: " + ex);
			return request.items();
		}
		int evicted = 0;
		while (bytes() + footprint > this.maxBytes) {
			evicted += (this.head == null) ? removeOldest() : removeSecondOldest();
		}
		this.entries.addLast(new Entry(sequence, request.items(), request.createdAtMillis(), footprint,
				deadline(this.nanoTime.getAsLong(), request.createdAtMillis())));
		count(request.items(), footprint);
		return evicted;
	}

	private void write(BufferedRequest request, long sequence) throws IOException {
		try {
			writeFile(request, sequence);
		}
		catch (NoSuchFileException ex) {
			// The directory was removed while the application ran
			createDirectories(this.directory);
			logger.warn("Created the disk buffer directory " + this.directory + " again; requests it held are lost");
			writeFile(request, sequence);
		}
	}

	private void writeFile(BufferedRequest request, long sequence) throws IOException {
		Path file = file(sequence, request.items(), request.createdAtMillis());
		Path temporary = this.directory.resolve(file.getFileName() + TEMPORARY_SUFFIX);
		try {
			try (FileChannel channel = FileChannel.open(temporary, NEW_FILE, fileAttributes())) {
				ByteBuffer content = ByteBuffer.wrap(encode(request));
				while (content.hasRemaining()) {
					channel.write(content);
				}
				channel.force(true);
			}
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
			forceDirectory();
		}
		catch (IOException ex) {
			deleteQuietly(temporary);
			throw ex;
		}
	}

	private static FileAttribute<?>[] fileAttributes() {
		return POSIX
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
				: new FileAttribute<?>[0];
	}

	private void forceDirectory() {
		// Makes the rename durable; not every platform can open a directory
		try (FileChannel channel = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			logger.trace("Cannot force " + this.directory + ": " + ex);
		}
	}

	private Path file(Entry entry) {
		return file(entry.sequence(), entry.items(), entry.createdAtMillis());
	}

	private Path file(long sequence, int items, long createdAtMillis) {
		return this.directory.resolve(String.format("%019d-%d-%d", sequence, items, createdAtMillis) + SUFFIX);
	}

	private static byte[] encode(BufferedRequest request) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER_SIZE + request.body().length);
		DataOutputStream output = new DataOutputStream(bytes);
		output.writeInt(MAGIC);
		output.writeInt(request.items());
		output.writeLong(request.createdAtMillis());
		output.writeInt(request.body().length);
		output.writeLong(crc(request.items(), request.createdAtMillis(), request.body()));
		output.write(request.body());
		output.flush();
		return bytes.toByteArray();
	}

	private static long crc(int items, long createdAtMillis, byte[] body) {
		CRC32 crc = new CRC32();
		ByteBuffer header = ByteBuffer.allocate(4 + 4 + 8 + 4);
		header.putInt(MAGIC).putInt(items).putLong(createdAtMillis).putInt(body.length);
		crc.update(header.array());
		crc.update(body);
		return crc.getValue();
	}

	@Override
	public synchronized @Nullable BufferedRequest head() {
		if (this.head != null && isExpired(this.entries.getFirst())) {
			// Given up even while it is being retried
			this.discarded += removeOldest();
		}
		while (this.head == null && !this.entries.isEmpty()) {
			Entry oldest = this.entries.getFirst();
			if (isExpired(oldest)) {
				this.discarded += removeOldest();
				continue;
			}
			Path file = file(oldest);
			try {
				this.head = read(file);
			}
			catch (IOException ex) {
				this.discarded += removeOldest();
				discardUnreadable(file, oldest.items(), ex.toString());
			}
		}
		return this.head;
	}

	private boolean isExpired(Entry entry) {
		return this.nanoTime.getAsLong() - entry.deadlineNanos() > 0;
	}

	private static BufferedRequest read(Path file) throws IOException {
		byte[] content = Files.readAllBytes(file);
		ByteBuffer buffer = ByteBuffer.wrap(content);
		if (content.length < HEADER_SIZE || buffer.getInt() != MAGIC) {
			throw new IOException("Truncated or foreign header");
		}
		int items = buffer.getInt();
		long createdAtMillis = buffer.getLong();
		int length = buffer.getInt();
		long crc = buffer.getLong();
		if (length < 0 || length != content.length - HEADER_SIZE) {
			throw new IOException("Body does not match its length");
		}
		byte[] body = new byte[length];
		buffer.get(body);
		if (crc(items, createdAtMillis, body) != crc) {
			throw new IOException("Header or body does not match its checksum");
		}
		return new BufferedRequest(body, items, createdAtMillis);
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
		count(-oldest.items(), -oldest.footprint());
		this.head = null;
		deleteQuietly(file(oldest));
		return oldest.items();
	}

	private int removeSecondOldest() {
		Entry head = this.entries.removeFirst();
		Entry evicted = this.entries.removeFirst();
		this.entries.addFirst(head);
		count(-evicted.items(), -evicted.footprint());
		deleteQuietly(file(evicted));
		return evicted.items();
	}

	private void discardUnreadable(Path file, int items, @Nullable String reason) {
		logger.warn("Discarded unreadable request file " + file + " (" + items + " items): " + reason);
		deleteQuietly(file);
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.warn("Failed to delete " + file + ": " + ex);
		}
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Nothing held
			}
		}
	}

	@Override
	public long discarded() {
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
		try {
			this.lock.release();
		}
		catch (IOException ex) {
			// Released with the channel
		}
		closeQuietly(this.lockChannel);
	}

	/**
	 * A request on disk.
	 *
	 * @param sequence its place in the order of arrival, in its file name
	 * @param items its item count, in its file name
	 * @param createdAtMillis when it was encoded, in epoch milliseconds, in its file name
	 * @param footprint the space its file takes on disk
	 * @param deadlineNanos when it expires, on the {@link System#nanoTime()} scale
	 */
	private record Entry(long sequence, int items, long createdAtMillis, long footprint, long deadlineNanos) {
	}

}
