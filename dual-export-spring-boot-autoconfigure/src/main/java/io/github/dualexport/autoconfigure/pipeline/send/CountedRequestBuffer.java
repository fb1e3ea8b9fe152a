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

/**
 * Base of the {@link RequestBuffer}s, counting the items and bytes they hold under their
 * own lock; the counts are read without it, so that reading a buffer's state never waits
 * for the file I/O in progress.
 *
 * @author Dual Export contributors
 */
abstract class CountedRequestBuffer implements RequestBuffer {

	private volatile long items;

	private volatile long bytes;

	/**
	 * Count requests in (positive values) or out (negative values); called holding the
	 * buffer's lock.
	 * @param items the items
	 * @param bytes the bytes
	 */
	protected final void count(long items, long bytes) {
		this.items += items;
		this.bytes += bytes;
	}

	@Override
	public long items() {
		return this.items;
	}

	@Override
	public long bytes() {
		return this.bytes;
	}

}
