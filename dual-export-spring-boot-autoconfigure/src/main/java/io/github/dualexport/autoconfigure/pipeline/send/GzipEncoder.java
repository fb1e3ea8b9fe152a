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

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses export requests into gzip members at one level, reusing one deflater: a
 * fresh {@link java.util.zip.GZIPOutputStream} sets up zlib's state (a quarter of a
 * megabyte of native memory) for every request. One encoder serves one fan-out, whose
 * capture stage calls it from its export thread; a lock keeps it safe when a flush calls
 * from another thread. The deflater's native memory is freed when the encoder is
 * collected.
 *
 * @author Dual Export contributors
 */
final class GzipEncoder {

	/** The level used unless configured: zlib's fastest. */
	static final int DEFAULT_LEVEL = Deflater.BEST_SPEED;

	private static final byte[] HEADER = { 0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0 };

	private static final int TRAILER_LENGTH = 8;

	private final ReentrantLock lock = new ReentrantLock();

	private final Deflater deflater;

	private final CRC32 crc = new CRC32();

	GzipEncoder(int level) {
		// Raw deflate: the gzip header and trailer are written here
		this.deflater = new Deflater(checkLevel(level), true);
	}

	/**
	 * Check a gzip level.
	 * @param level the level
	 * @return the level
	 * @throws IllegalArgumentException if it is not from 1 to 9
	 */
	static int checkLevel(int level) {
		if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
			throw new IllegalArgumentException("gzip level must be between 1 and 9, was " + level);
		}
		return level;
	}

	/**
	 * Compress bytes into one gzip member.
	 * @param bytes the bytes
	 * @return the gzip member
	 */
	byte[] encode(byte[] bytes) {
		this.lock.lock();
		try {
			this.deflater.reset();
			this.deflater.setInput(bytes);
			this.deflater.finish();
			this.crc.reset();
			this.crc.update(bytes);
			// Room for the header, a compressed size that is rarely above the input's and
			// the trailer; grown when it is
			byte[] out = new byte[HEADER.length + Math.max(64, bytes.length / 3) + TRAILER_LENGTH];
			System.arraycopy(HEADER, 0, out, 0, HEADER.length);
			int length = HEADER.length;
			while (!this.deflater.finished()) {
				if (length == out.length - TRAILER_LENGTH) {
					out = Arrays.copyOf(out, out.length * 2);
				}
				length += this.deflater.deflate(out, length, out.length - TRAILER_LENGTH - length);
			}
			writeIntLittleEndian(out, length, (int) this.crc.getValue());
			writeIntLittleEndian(out, length + 4, bytes.length);
			return Arrays.copyOf(out, length + TRAILER_LENGTH);
		}
		finally {
			this.lock.unlock();
		}
	}

	private static void writeIntLittleEndian(byte[] out, int offset, int value) {
		out[offset] = (byte) value;
		out[offset + 1] = (byte) (value >>> 8);
		out[offset + 2] = (byte) (value >>> 16);
		out[offset + 3] = (byte) (value >>> 24);
	}

}
